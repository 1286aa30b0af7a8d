package spiking

import (
	"fmt"

	"github.com/neurocortex/neurocortex/tensor"
)

// Population is a group of batch x n neurons of one model advanced in
// fixed steps of Dt milliseconds.
type Population interface {
	// Step advances every neuron by one step with the given input current
	// ([batch, n]; nil means no input) and returns the spikes of this step
	// as a [batch, n] tensor of zeros and ones. The returned tensor is
	// owned by the population and overwritten by the next Step.
	Step(input *tensor.Tensor) *tensor.Tensor
	// Reset puts every neuron back in its initial state.
	Reset()
	// Spikes returns the spikes of the last step (the tensor Step returned).
	Spikes() *tensor.Tensor
	// State returns the named state variable ("v", and "u" for
	// Izhikevich, "w" for AdEx, "ref" for refractory counters) or nil.
	State(name string) *tensor.Tensor
	// Shape returns the batch size and the number of neurons per sample.
	Shape() (batch, n int)
	// Dt returns the time step in milliseconds.
	Dt() float32
}

// checkShape validates the constructor arguments shared by all models.
func checkShape(model string, batch, n int, dt float32) error {
	if batch <= 0 || n <= 0 {
		return fmt.Errorf("spiking: %s: need batch > 0 and n > 0, got [%d, %d]", model, batch, n)
	}
	if !(dt > 0) || dt > 1000 {
		return fmt.Errorf("spiking: %s: time step %v ms out of range (0, 1000]", model, dt)
	}
	return nil
}

// inputData returns the data of an input tensor after checking that it has
// the population's shape; nil stands for zeros (zeros is a scratch slice).
func inputData(model string, input *tensor.Tensor, batch, n int, zeros *[]float32) []float32 {
	if input == nil {
		if len(*zeros) != batch*n {
			*zeros = make([]float32, batch*n)
		}
		return *zeros
	}
	if input.Size() != batch*n || (input.Dims() == 2 && (input.Dim(0) != batch || input.Dim(1) != n)) {
		panic(fmt.Sprintf("spiking: %s.Step: input shape %v, population [%d, %d]", model, input.Shape(), batch, n))
	}
	return input.Data()
}

// Run steps p for the given number of steps with the same input each step
// and returns the number of spikes of each neuron, [batch, n]. It is the
// simplest way to measure firing rates under a constant drive.
func Run(p Population, input *tensor.Tensor, steps int) *tensor.Tensor {
	b, n := p.Shape()
	counts := tensor.New(b, n)
	c := counts.Data()
	for range steps {
		s := p.Step(input).Data()
		for i, x := range s {
			c[i] += x
		}
	}
	return counts
}
