package cortex

import (
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// convStage is a learned cortical stage: an optional 2x2 max pool of its
// input, a 3x3 convolution (no bias: the batch normalisation that follows
// has one), batch normalisation, ReLU and an optional 2x2 max pool. V2, V4
// and MT are convStages. Every op is in the stage's tape scope.
type convStage struct {
	name   string
	Weight *autodiff.Var
	BN     *nn.BatchNorm
	poolIn bool // V2 reads V1 at half resolution
	pool   bool
}

func newConvStage(rng *rand.Rand, name string, cin, cout int, pool bool) *convStage {
	w := tensor.New(cout, cin, 3, 3)
	nn.KaimingNormal(rng, w, nn.Gain("relu", 0))
	return &convStage{name: name, Weight: autodiff.Param(w, name+".weight"), BN: nn.NewBatchNorm(name+".bn", cout), pool: pool}
}

func (c *convStage) Params() []*autodiff.Var {
	return append([]*autodiff.Var{c.Weight}, c.BN.Params()...)
}

func (c *convStage) Buffers() []nn.Buffer { return c.BN.Buffers() }

func (c *convStage) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	defer tp.Scope(c.name)()
	if c.poolIn {
		x = maxPool(tp, x, 2)
	}
	y := tp.ReLU(c.BN.Forward(tp, tp.Conv2d(x, c.Weight, nil, ops.Conv2dParams{PadH: 1, PadW: 1})))
	if c.pool {
		y = maxPool(tp, y, 2)
	}
	return y
}

// Ventral is the "what" pathway after V1: V2 and V4 (learned stages with
// pooling, form and colour) and an IT-like head that reads the object class
// from V4 averaged over space (position tolerance).
type Ventral struct {
	V2, V4 *convStage
	IT     *nn.Linear
}

func newVentral(rng *rand.Rand, cfg *Config, cin int) *Ventral {
	v2 := newConvStage(rng, "v2", cin, cfg.V2Width, true)
	v2.poolIn = true
	return &Ventral{
		V2: v2,
		V4: newConvStage(rng, "v4", cfg.V2Width, cfg.V4Width, false),
		IT: nn.NewLinear(rng, "it", cfg.V4Width, cfg.Classes, true),
	}
}

func (v *Ventral) Params() []*autodiff.Var {
	ps := append(v.V2.Params(), v.V4.Params()...)
	return append(ps, v.IT.Params()...)
}

func (v *Ventral) Buffers() []nn.Buffer { return append(v.V2.Buffers(), v.V4.Buffers()...) }

func (v *Ventral) setTraining(b bool) {
	v.V2.BN.SetTraining(b)
	v.V4.BN.SetTraining(b)
}
