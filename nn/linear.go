package nn

import (
	"math"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// Linear is a fully connected layer y = x·Wᵀ + b on x [N, In].
type Linear struct {
	name   string
	Weight *autodiff.Var // [Out, In], named name.weight
	Bias   *autodiff.Var // [Out], named name.bias; nil without bias
}

// NewLinear returns a Linear layer initialised as PyTorch does:
// weight and bias uniform in ±1/sqrt(in) (Kaiming uniform with a = sqrt(5)),
// drawing the weight first, then the bias.
func NewLinear(rng *rand.Rand, name string, in, out int, bias bool) *Linear {
	l := &Linear{name: name, Weight: autodiff.Param(tensor.New(out, in), joinName(name, "weight"))}
	bound := 1 / math.Sqrt(float64(in))
	Uniform(rng, l.Weight.Value, bound)
	if bias {
		l.Bias = autodiff.Param(tensor.New(out), joinName(name, "bias"))
		Uniform(rng, l.Bias.Value, bound)
	}
	return l
}

// Name returns the layer's name.
func (l *Linear) Name() string { return l.name }

// Params returns the weight and, if present, the bias.
func (l *Linear) Params() []*autodiff.Var {
	if l.Bias == nil {
		return []*autodiff.Var{l.Weight}
	}
	return []*autodiff.Var{l.Weight, l.Bias}
}

// Forward returns x·Wᵀ + b.
func (l *Linear) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.Linear(x, l.Weight, l.Bias)
}

// SetTraining does nothing: Linear behaves the same in both modes.
func (l *Linear) SetTraining(bool) {}
