package nn

import (
	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// BatchNorm normalises [N, C] (BatchNorm1d) or [N, C, H, W] (BatchNorm2d)
// inputs per channel, with learnable scale and shift and running
// statistics for evaluation (PyTorch's defaults: momentum 0.1, eps 1e-5).
type BatchNorm struct {
	name        string
	Gamma, Beta *autodiff.Var  // [C], name.weight and name.bias
	RunningMean *tensor.Tensor // [C], buffer name.running_mean
	RunningVar  *tensor.Tensor // [C], buffer name.running_var
	Momentum    float32
	Eps         float32
	training    bool
}

// NewBatchNorm returns a BatchNorm over c channels, in training mode, with
// gamma 1, beta 0, running mean 0 and running variance 1.
func NewBatchNorm(name string, c int) *BatchNorm {
	return &BatchNorm{
		name:        name,
		Gamma:       autodiff.Param(tensor.Ones(c), joinName(name, "weight")),
		Beta:        autodiff.Param(tensor.New(c), joinName(name, "bias")),
		RunningMean: tensor.New(c),
		RunningVar:  tensor.Ones(c),
		Momentum:    0.1,
		Eps:         1e-5,
		training:    true,
	}
}

// Name returns the layer's name.
func (b *BatchNorm) Name() string { return b.name }

// Params returns gamma and beta.
func (b *BatchNorm) Params() []*autodiff.Var { return []*autodiff.Var{b.Gamma, b.Beta} }

// Buffers returns the running mean and variance.
func (b *BatchNorm) Buffers() []Buffer {
	return []Buffer{
		{joinName(b.name, "running_mean"), b.RunningMean},
		{joinName(b.name, "running_var"), b.RunningVar},
	}
}

// Forward normalises x; in training it also updates the running
// statistics.
func (b *BatchNorm) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.BatchNorm(x, b.Gamma, b.Beta, b.RunningMean, b.RunningVar, b.training, b.Momentum, b.Eps)
}

// SetTraining switches between batch statistics (true) and running
// statistics (false). Evaluation mode writes nothing, so goroutines may
// share the layer for inference; training mode updates the buffers.
func (b *BatchNorm) SetTraining(training bool) { b.training = training }

// LayerNorm normalises over the trailing dimensions given by Shape, with
// learnable elementwise scale and shift (eps 1e-5).
type LayerNorm struct {
	name        string
	Gamma, Beta *autodiff.Var // shaped like the normalised dimensions
	Eps         float32
}

// NewLayerNorm returns a LayerNorm over trailing dimensions of the given
// shape, with gamma 1 and beta 0.
func NewLayerNorm(name string, shape ...int) *LayerNorm {
	return &LayerNorm{
		name:  name,
		Gamma: autodiff.Param(tensor.Ones(shape...), joinName(name, "weight")),
		Beta:  autodiff.Param(tensor.New(shape...), joinName(name, "bias")),
		Eps:   1e-5,
	}
}

// Name returns the layer's name.
func (l *LayerNorm) Name() string { return l.name }

// Params returns gamma and beta.
func (l *LayerNorm) Params() []*autodiff.Var { return []*autodiff.Var{l.Gamma, l.Beta} }

// Forward normalises x over its trailing dimensions.
func (l *LayerNorm) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.LayerNorm(x, l.Gamma, l.Beta, l.Gamma.Value.Dims(), l.Eps)
}

// SetTraining does nothing: LayerNorm behaves the same in both modes.
func (l *LayerNorm) SetTraining(bool) {}

// DivisiveNorm is local divisive normalisation (ops.DivisiveNorm), a fixed
// operation without parameters.
type DivisiveNorm struct {
	name string
	P    ops.DivNormParams
}

// NewDivisiveNorm returns a DivisiveNorm layer.
func NewDivisiveNorm(name string, p ops.DivNormParams) *DivisiveNorm {
	return &DivisiveNorm{name: name, P: p}
}

// Name returns the layer's name.
func (d *DivisiveNorm) Name() string { return d.name }

// Params returns nil.
func (d *DivisiveNorm) Params() []*autodiff.Var { return nil }

// Forward normalises x.
func (d *DivisiveNorm) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.DivisiveNorm(x, d.P)
}

// SetTraining does nothing.
func (d *DivisiveNorm) SetTraining(bool) {}
