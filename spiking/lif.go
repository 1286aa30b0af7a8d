package spiking

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// ResetMode says what happens to the membrane potential after a spike.
type ResetMode int

const (
	// ResetHard sets the potential to VReset.
	ResetHard ResetMode = iota
	// ResetSubtract subtracts VTh - VReset, keeping any overshoot (the
	// usual choice in deep spiking networks: no charge is lost).
	ResetSubtract
)

// LIFParams are the parameters of a leaky integrate-and-fire neuron,
//
//	tau_m dV/dt = -(V - V_rest) + R I,
//
// in ms, mV and units of current such that R*I is in mV (for instance
// R in MOhm and I in nA).
type LIFParams struct {
	TauM   float32   // membrane time constant, ms
	VRest  float32   // resting (leak reversal) potential E_L, mV
	VReset float32   // reset potential, mV
	VTh    float32   // threshold, mV
	TRef   float32   // absolute refractory period, ms
	R      float32   // input resistance
	Reset  ResetMode // hard reset or reset by subtraction
}

// DefaultLIF returns tau 20 ms, E_L = V_reset = -70 mV, V_th = -54 mV,
// t_ref = 2 ms, R = 1 (so the input current is R*I directly in mV),
// hard reset.
func DefaultLIF() LIFParams {
	return LIFParams{TauM: 20, VRest: -70, VReset: -70, VTh: -54, TRef: 2, R: 1}
}

// Validate reports parameters that make no sense.
func (p LIFParams) Validate() error {
	fin := func(x float32) bool { return !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0) }
	switch {
	case !(p.TauM > 0) || !fin(p.TauM):
		return fmt.Errorf("spiking: LIF: tau_m = %v ms, must be > 0", p.TauM)
	case !fin(p.VRest) || !fin(p.VReset) || !fin(p.VTh) || !fin(p.R):
		return fmt.Errorf("spiking: LIF: non-finite parameter in %+v", p)
	case !(p.VTh > p.VReset):
		return fmt.Errorf("spiking: LIF: threshold %v mV must exceed reset %v mV", p.VTh, p.VReset)
	case !(p.TRef >= 0) || !fin(p.TRef):
		return fmt.Errorf("spiking: LIF: t_ref = %v ms, must be >= 0", p.TRef)
	case p.Reset != ResetHard && p.Reset != ResetSubtract:
		return fmt.Errorf("spiking: LIF: unknown reset mode %d", p.Reset)
	}
	return nil
}

// AnalyticRate returns the firing rate in Hz of a neuron driven by the
// constant current i in continuous time (hard reset):
//
//	1 / (t_ref + tau ln((R I + E_L - V_r) / (R I + E_L - V_th)))
//
// and 0 when R I + E_L does not reach the threshold.
func (p LIFParams) AnalyticRate(i float64) float64 {
	vinf := float64(p.R)*i + float64(p.VRest)
	if vinf <= float64(p.VTh) {
		return 0
	}
	t := float64(p.TRef) + float64(p.TauM)*math.Log((vinf-float64(p.VReset))/(vinf-float64(p.VTh)))
	return 1000 / t
}

// LIF is a population of leaky integrate-and-fire neurons.
//
// Within a step the input is held constant, so the membrane equation is
// integrated exactly, V <- V_inf + (V - V_inf) exp(-dt/tau) with
// V_inf = E_L + R I, not by forward Euler. A neuron whose potential
// reaches VTh at the end of a step spikes, is reset and is then held for
// round(TRef/dt) steps, ignoring its input.
type LIF struct {
	P       LIFParams
	V       *tensor.Tensor // membrane potential, mV
	Ref     *tensor.Tensor // refractory steps left (whole numbers)
	S       *tensor.Tensor // spikes of the last step
	Threads int            // goroutines per step; 0 means GOMAXPROCS

	batch, n int
	dt       float32
	k        lifConst
	zeros    []float32
}

// NewLIF returns a population of batch x n LIF neurons at rest.
func NewLIF(batch, n int, p LIFParams, dt float32) (*LIF, error) {
	if err := checkShape("LIF", batch, n, dt); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	l := &LIF{P: p, batch: batch, n: n, dt: dt,
		V: tensor.New(batch, n), Ref: tensor.New(batch, n), S: tensor.New(batch, n)}
	l.k = lifConst{
		decay:  Decay(dt, p.TauM),
		vrest:  p.VRest,
		r:      p.R,
		vth:    p.VTh,
		vreset: p.VReset,
		nref:   float32(math.Round(float64(p.TRef) / float64(dt))),
		jump:   p.VTh - p.VReset,
		sub:    p.Reset == ResetSubtract,
	}
	l.Reset()
	return l, nil
}

// Reset puts every neuron at its resting potential, out of refractoriness.
func (l *LIF) Reset() {
	l.V.Fill(l.P.VRest)
	l.Ref.Zero()
	l.S.Zero()
}

// Step advances the population by one step; see Population.
func (l *LIF) Step(input *tensor.Tensor) *tensor.Tensor {
	in := inputData("LIF", input, l.batch, l.n, &l.zeros)
	v, ref, s := l.V.Data(), l.Ref.Data(), l.S.Data()
	parallelFor(len(v), l.Threads, func(lo, hi int) {
		lifStep(v[lo:hi], ref[lo:hi], s[lo:hi], in[lo:hi], &l.k)
	})
	return l.S
}

// Spikes returns the spikes of the last step.
func (l *LIF) Spikes() *tensor.Tensor { return l.S }

// State returns "v" or "ref".
func (l *LIF) State(name string) *tensor.Tensor {
	switch name {
	case "v":
		return l.V
	case "ref":
		return l.Ref
	}
	return nil
}

// Shape returns the batch size and neurons per sample.
func (l *LIF) Shape() (int, int) { return l.batch, l.n }

// Dt returns the time step in ms.
func (l *LIF) Dt() float32 { return l.dt }
