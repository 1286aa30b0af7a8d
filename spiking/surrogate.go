package spiking

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// SurrogateKind names the smooth stand-in for the derivative of the spike
// non-linearity.
type SurrogateKind int

const (
	// FastSigmoid is SuperSpike's surrogate (Zenke & Ganguli 2018):
	// d/dx ~ 1/(1 + k|x|)^2, the derivative of x/(1 + k|x|).
	FastSigmoid SurrogateKind = iota
	// Arctan is d/dx ~ (a/2)/(1 + (pi a x/2)^2), the derivative of
	// arctan(pi a x/2)/pi + 1/2 (Fang et al. 2021).
	Arctan
)

// Surrogate is a surrogate-gradient rule: the spike is the Heaviside
// step H(x) of x = v - threshold on the forward pass, and its derivative
// is replaced by a smooth bump of sharpness Scale on the backward pass, so
// that spiking networks train by backpropagation through time.
type Surrogate struct {
	Kind  SurrogateKind
	Scale float32 // k for FastSigmoid (e.g. 10), a for Arctan (e.g. 2)
}

// Grad returns the surrogate derivative at x.
func (s Surrogate) Grad(x float32) float32 {
	switch s.Kind {
	case FastSigmoid:
		d := float32(s.Scale*abs32(x)) + 1
		return 1 / float32(d*d)
	case Arctan:
		z := float32(math.Pi/2) * s.Scale * x
		return s.Scale / 2 / (1 + float32(z*z))
	}
	panic(fmt.Sprintf("spiking: unknown surrogate kind %d", s.Kind))
}

// primitive returns the smooth function whose derivative Grad is (for
// tests), in float64.
func (s Surrogate) primitive(x float64) float64 {
	k := float64(s.Scale)
	if s.Kind == FastSigmoid {
		return x / (1 + k*math.Abs(x))
	}
	return math.Atan(math.Pi/2*k*x)/math.Pi + 0.5
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// SpikeForward returns H(x): 1 where x >= 0, else 0.
func SpikeForward(x *tensor.Tensor) *tensor.Tensor {
	y := tensor.New(x.Shape()...)
	yd := y.Data()
	for i, v := range x.Data() {
		if v >= 0 {
			yd[i] = 1
		}
	}
	return y
}

// SpikeBackward returns gy * s.Grad(x) elementwise: the surrogate
// vector-Jacobian product of SpikeForward.
func SpikeBackward(x, gy *tensor.Tensor, s Surrogate) *tensor.Tensor {
	if !tensor.SameShape(x.Shape(), gy.Shape()) {
		panic(fmt.Sprintf("spiking: SpikeBackward: x %v, gy %v", x.Shape(), gy.Shape()))
	}
	g := tensor.New(x.Shape()...)
	gd, gyd := g.Data(), gy.Data()
	for i, v := range x.Data() {
		gd[i] = gyd[i] * s.Grad(v)
	}
	return g
}

// Spike records the spike non-linearity on a tape: forward H(x), backward
// the surrogate derivative. x is the membrane potential minus threshold.
func Spike(tp *autodiff.Tape, x *autodiff.Var, s Surrogate) *autodiff.Var {
	xv := x.Value
	return tp.Custom("Spike", SpikeForward(xv), func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{SpikeBackward(xv, gy, s)}
	}, x)
}
