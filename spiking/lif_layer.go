package spiking

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// LayerReset says how a spiking layer resets its membrane after a spike and
// whether the reset carries a gradient.
type LayerReset int

const (
	// LayerResetDetached subtracts the threshold from the membrane of
	// a neuron that spiked, and the reset is left out of the gradient
	// (the spike enters it as a constant). This is the default, the
	// usual choice in surrogate-gradient training (snnTorch detaches its
	// reset; SpikingJelly has a detach_reset option): the reset shapes
	// the forward dynamics, but the gradient does not pass through the
	// surrogate a second time per spike.
	LayerResetDetached LayerReset = iota
	// LayerResetSubtract subtracts the threshold as above, and the gradient
	// flows through the reset term (through the spike's surrogate).
	LayerResetSubtract
	// LayerResetNone never resets: the membrane only leaks.
	LayerResetNone
)

// LIFLayer is a fully connected layer of discrete-time leaky
// integrate-and-fire neurons for training by backpropagation through time
// with surrogate gradients. For input x[t] [batch, in] at step t:
//
//	u[t] = Beta*v[t-1] + x[t]·Wᵀ + B      (v[-1] = 0)
//	s[t] = H(u[t] - Threshold)            (Spike, with Surrogate's gradient)
//	v[t] = u[t] - Threshold*s[t]          (per Reset)
//
// Every step is recorded on the tape with its ops (Linear, MulScalar, Add,
// SubScalar, Spike, Sub), so Tape.Backward differentiates through all T
// steps. The unit of time is the step; Beta = exp(-dt/tau) relates it to
// a membrane time constant (BetaFor).
type LIFLayer struct {
	W         *autodiff.Var // [out, in]
	B         *autodiff.Var // [out], or nil for no bias
	Beta      float32       // membrane decay per step, in [0, 1]
	Threshold float32       // > 0
	Surrogate Surrogate
	Reset     LayerReset

	// spike stands in for Spike; tests swap in a smooth op to check the
	// unrolled gradient by central differences.
	spike func(tp *autodiff.Tape, x *autodiff.Var, s Surrogate) *autodiff.Var
}

// NewLIFLayer returns a layer of out neurons fed by in inputs, with
// weights drawn uniformly from ±gain/sqrt(in) (gain 1 is PyTorch's Linear
// initialisation) and a zero bias, Threshold 1, the fast-sigmoid surrogate
// of slope 10 and a detached subtractive reset. name prefixes the
// parameter names ("name.weight", "name.bias").
func NewLIFLayer(in, out int, beta, gain float32, rng *rand.Rand, name string) (*LIFLayer, error) {
	if in <= 0 || out <= 0 {
		return nil, fmt.Errorf("spiking: NewLIFLayer: sizes in=%d, out=%d must be positive", in, out)
	}
	if !(beta >= 0 && beta <= 1) {
		return nil, fmt.Errorf("spiking: NewLIFLayer: beta %v must be in [0, 1]", beta)
	}
	if !(gain > 0) || math.IsInf(float64(gain), 0) {
		return nil, fmt.Errorf("spiking: NewLIFLayer: gain %v must be positive and finite", gain)
	}
	if rng == nil {
		return nil, fmt.Errorf("spiking: NewLIFLayer: nil random generator")
	}
	a := gain / float32(math.Sqrt(float64(in)))
	return &LIFLayer{
		W:         autodiff.Param(tensor.RandUniform(rng, -a, a, out, in), name+".weight"),
		B:         autodiff.Param(tensor.Zeros(out), name+".bias"),
		Beta:      beta,
		Threshold: 1,
		Surrogate: Surrogate{FastSigmoid, 10},
	}, nil
}

// BetaFor returns exp(-dt/tau), the per-step decay of a membrane with
// time constant tau sampled every dt (same units), computed in float64
// (a set-up value, not a data path) and rounded to float32.
func BetaFor(dt, tau float64) float32 { return float32(math.Exp(-dt / tau)) }

// Params returns the trainable parameters: W, then B if present.
func (l *LIFLayer) Params() []*autodiff.Var {
	if l.B == nil {
		return []*autodiff.Var{l.W}
	}
	return []*autodiff.Var{l.W, l.B}
}

// Forward runs the layer over the input sequence xs (one [batch, in] Var
// per step) and returns the spikes s[t] and the membrane potentials u[t]
// before reset, one [batch, out] Var per step. It panics, naming the
// shapes, if a step's input does not fit W.
func (l *LIFLayer) Forward(tp *autodiff.Tape, xs []*autodiff.Var) (spikes, mem []*autodiff.Var) {
	spikeFn := l.spike
	if spikeFn == nil {
		spikeFn = Spike
	}
	spikes = make([]*autodiff.Var, len(xs))
	mem = make([]*autodiff.Var, len(xs))
	var v *autodiff.Var
	for t, x := range xs {
		if x.Value.Dims() != 2 || x.Value.Dim(1) != l.W.Value.Dim(1) {
			panic(fmt.Sprintf("spiking: LIFLayer.Forward: input %v at step %d, weight %v (want [batch, %d])",
				x.Value.Shape(), t, l.W.Value.Shape(), l.W.Value.Dim(1)))
		}
		u := tp.Linear(x, l.W, l.B)
		if v != nil {
			u = tp.Add(tp.MulScalar(v, l.Beta), u)
		}
		s := spikeFn(tp, tp.SubScalar(u, l.Threshold), l.Surrogate)
		spikes[t], mem[t] = s, u
		switch l.Reset {
		case LayerResetDetached:
			v = tp.Sub(u, tp.MulScalar(tp.Detach(s), l.Threshold))
		case LayerResetSubtract:
			v = tp.Sub(u, tp.MulScalar(s, l.Threshold))
		default:
			v = u
		}
	}
	return spikes, mem
}
