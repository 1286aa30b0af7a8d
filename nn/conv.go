package nn

import (
	"math"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Conv2d is a 2-d convolution layer on NCHW inputs.
type Conv2d struct {
	name   string
	Weight *autodiff.Var // [Cout, Cin/Groups, KH, KW], name.weight
	Bias   *autodiff.Var // [Cout], name.bias; nil without bias
	P      ops.Conv2dParams
}

// NewConv2d returns a Conv2d layer initialised as PyTorch does: weight and
// bias uniform in ±1/sqrt(fanIn), fanIn = cin/groups*kh*kw, weight drawn
// first. Use KaimingNormal on Weight.Value for He initialisation.
func NewConv2d(rng *rand.Rand, name string, cin, cout, kh, kw int, p ops.Conv2dParams, bias bool) *Conv2d {
	groups := max(1, p.Groups)
	c := &Conv2d{name: name, P: p, Weight: autodiff.Param(tensor.New(cout, cin/groups, kh, kw), joinName(name, "weight"))}
	fanIn, _ := Fans(c.Weight.Value.Shape())
	bound := 1 / math.Sqrt(float64(fanIn))
	Uniform(rng, c.Weight.Value, bound)
	if bias {
		c.Bias = autodiff.Param(tensor.New(cout), joinName(name, "bias"))
		Uniform(rng, c.Bias.Value, bound)
	}
	return c
}

// Name returns the layer's name.
func (c *Conv2d) Name() string { return c.name }

// Params returns the weight and, if present, the bias.
func (c *Conv2d) Params() []*autodiff.Var {
	if c.Bias == nil {
		return []*autodiff.Var{c.Weight}
	}
	return []*autodiff.Var{c.Weight, c.Bias}
}

// Forward convolves x.
func (c *Conv2d) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.Conv2d(x, c.Weight, c.Bias, c.P)
}

// SetTraining does nothing: convolution behaves the same in both modes.
func (c *Conv2d) SetTraining(bool) {}
