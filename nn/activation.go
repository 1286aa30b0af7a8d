package nn

import (
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
)

// fixed is embedded by layers without parameters or modes.
type fixed struct{}

// Params returns nil.
func (fixed) Params() []*autodiff.Var { return nil }

// SetTraining does nothing.
func (fixed) SetTraining(bool) {}

// ReLU is max(x, 0).
type ReLU struct{ fixed }

// Forward applies ReLU.
func (ReLU) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var { return tp.ReLU(x) }

// LeakyReLU is x for x > 0 and Slope*x otherwise.
type LeakyReLU struct {
	fixed
	Slope float32
}

// Forward applies LeakyReLU.
func (l LeakyReLU) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.LeakyReLU(x, l.Slope)
}

// Sigmoid is 1/(1+exp(-x)).
type Sigmoid struct{ fixed }

// Forward applies Sigmoid.
func (Sigmoid) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var { return tp.Sigmoid(x) }

// Tanh is tanh(x).
type Tanh struct{ fixed }

// Forward applies Tanh.
func (Tanh) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var { return tp.Tanh(x) }

// Softplus is log(1+exp(x)).
type Softplus struct{ fixed }

// Forward applies Softplus.
func (Softplus) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var { return tp.Softplus(x) }

// Flatten reshapes [N, ...] to [N, rest].
type Flatten struct{ fixed }

// Forward flattens x.
func (Flatten) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var { return tp.Flatten(x) }

// Dropout zeroes inputs with probability P in training (scaling the rest
// by 1/(1-P)) and is the identity in evaluation. Its generator is its own
// stream, so a training run draws the same masks for the same seed.
type Dropout struct {
	P        float32
	rng      *rand.Rand
	training bool
}

// NewDropout returns a Dropout layer in training mode drawing from rng.
func NewDropout(p float32, rng *rand.Rand) *Dropout { return &Dropout{P: p, rng: rng, training: true} }

// Params returns nil.
func (d *Dropout) Params() []*autodiff.Var { return nil }

// SetTraining switches dropout on (true) or off (false).
func (d *Dropout) SetTraining(training bool) { d.training = training }

// Forward applies dropout.
func (d *Dropout) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.Dropout(x, d.P, d.rng, d.training)
}
