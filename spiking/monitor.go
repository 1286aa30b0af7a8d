package spiking

import (
	"fmt"

	"github.com/neurocortex/neurocortex/tensor"
)

// SpikeMonitor records every spike of a population as (step, sample,
// neuron) triples, in time order and then row-major order: a raster.
type SpikeMonitor struct {
	Step, Sample, Neuron []int
	dt                   float32
}

// NewSpikeMonitor returns an empty monitor for a population with time step
// dt (ms).
func NewSpikeMonitor(dt float32) *SpikeMonitor { return &SpikeMonitor{dt: dt} }

// Record appends the spikes ([batch, n]) of the given step.
func (m *SpikeMonitor) Record(step int, spikes *tensor.Tensor) {
	n := spikes.Dim(-1)
	for i, x := range spikes.Data() {
		if x != 0 {
			m.Step = append(m.Step, step)
			m.Sample = append(m.Sample, i/n)
			m.Neuron = append(m.Neuron, i%n)
		}
	}
}

// Times returns the spike times (ms, end of the step) of one neuron.
func (m *SpikeMonitor) Times(sample, neuron int) []float32 {
	var t []float32
	for k := range m.Step {
		if m.Sample[k] == sample && m.Neuron[k] == neuron {
			t = append(t, float32(m.Step[k]+1)*m.dt)
		}
	}
	return t
}

// Count returns the number of recorded spikes.
func (m *SpikeMonitor) Count() int { return len(m.Step) }

// StateMonitor records one state variable at chosen flat indices (row-major
// into [batch, n]) every time Record is called: state traces.
type StateMonitor struct {
	Index  []int
	Values [][]float32 // Values[k][j]: k-th record of index j
	state  *tensor.Tensor
}

// NewStateMonitor watches the given state tensor (for instance
// population.State("v")) at the given flat indices.
func NewStateMonitor(state *tensor.Tensor, index ...int) (*StateMonitor, error) {
	if state == nil {
		return nil, fmt.Errorf("spiking: StateMonitor: nil state")
	}
	for _, i := range index {
		if i < 0 || i >= state.Size() {
			return nil, fmt.Errorf("spiking: StateMonitor: index %d outside state of shape %v", i, state.Shape())
		}
	}
	return &StateMonitor{Index: append([]int(nil), index...), state: state}, nil
}

// Record appends the current values.
func (m *StateMonitor) Record() {
	d := m.state.Data()
	row := make([]float32, len(m.Index))
	for j, i := range m.Index {
		row[j] = d[i]
	}
	m.Values = append(m.Values, row)
}

// Trace returns the recorded values of the j-th watched index.
func (m *StateMonitor) Trace(j int) []float32 {
	t := make([]float32, len(m.Values))
	for k, row := range m.Values {
		t[k] = row[j]
	}
	return t
}
