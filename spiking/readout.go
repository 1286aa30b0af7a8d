package spiking

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// LeakyReadout is a layer of leaky integrators that never spike, the usual
// output of a network trained by backpropagation through time: its
// membrane, averaged over time (TimeMean), serves as logits. For input
// x[t] [batch, in]:
//
//	m[t] = Beta*m[t-1] + x[t]·Wᵀ + B      (m[-1] = 0)
type LeakyReadout struct {
	W    *autodiff.Var // [out, in]
	B    *autodiff.Var // [out], or nil
	Beta float32       // decay per step, in [0, 1]
}

// NewLeakyReadout returns a readout of out units fed by in inputs, with
// weights uniform in ±gain/sqrt(in) and a zero bias; name prefixes the
// parameter names.
func NewLeakyReadout(in, out int, beta, gain float32, rng *rand.Rand, name string) (*LeakyReadout, error) {
	if in <= 0 || out <= 0 {
		return nil, fmt.Errorf("spiking: NewLeakyReadout: sizes in=%d, out=%d must be positive", in, out)
	}
	if !(beta >= 0 && beta <= 1) {
		return nil, fmt.Errorf("spiking: NewLeakyReadout: beta %v must be in [0, 1]", beta)
	}
	if !(gain > 0) || math.IsInf(float64(gain), 0) {
		return nil, fmt.Errorf("spiking: NewLeakyReadout: gain %v must be positive and finite", gain)
	}
	if rng == nil {
		return nil, fmt.Errorf("spiking: NewLeakyReadout: nil random generator")
	}
	a := gain / float32(math.Sqrt(float64(in)))
	return &LeakyReadout{
		W:    autodiff.Param(tensor.RandUniform(rng, -a, a, out, in), name+".weight"),
		B:    autodiff.Param(tensor.Zeros(out), name+".bias"),
		Beta: beta,
	}, nil
}

// Params returns the trainable parameters: W, then B if present.
func (r *LeakyReadout) Params() []*autodiff.Var {
	if r.B == nil {
		return []*autodiff.Var{r.W}
	}
	return []*autodiff.Var{r.W, r.B}
}

// Forward returns the membrane m[t] for each step of xs.
func (r *LeakyReadout) Forward(tp *autodiff.Tape, xs []*autodiff.Var) []*autodiff.Var {
	out := make([]*autodiff.Var, len(xs))
	var m *autodiff.Var
	for t, x := range xs {
		if x.Value.Dims() != 2 || x.Value.Dim(1) != r.W.Value.Dim(1) {
			panic(fmt.Sprintf("spiking: LeakyReadout.Forward: input %v at step %d, weight %v (want [batch, %d])",
				x.Value.Shape(), t, r.W.Value.Shape(), r.W.Value.Dim(1)))
		}
		u := tp.Linear(x, r.W, r.B)
		if m != nil {
			u = tp.Add(tp.MulScalar(m, r.Beta), u)
		}
		m = u
		out[t] = m
	}
	return out
}

// TimeSum returns the sum over steps of vs (all of one shape), added left
// to right: spike counts when vs are spike trains. It panics on an empty
// sequence.
func TimeSum(tp *autodiff.Tape, vs []*autodiff.Var) *autodiff.Var {
	if len(vs) == 0 {
		panic("spiking: TimeSum: empty sequence")
	}
	s := vs[0]
	for _, v := range vs[1:] {
		s = tp.Add(s, v)
	}
	return s
}

// TimeMean returns TimeSum(vs) / len(vs).
func TimeMean(tp *autodiff.Tape, vs []*autodiff.Var) *autodiff.Var {
	return tp.MulScalar(TimeSum(tp, vs), 1/float32(len(vs)))
}
