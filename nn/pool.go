package nn

import (
	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
)

// MaxPool2d takes the maximum of every window of an NCHW input.
type MaxPool2d struct {
	fixed
	P ops.Pool2dParams
}

// NewMaxPool2d returns a max-pooling layer.
func NewMaxPool2d(p ops.Pool2dParams) *MaxPool2d { return &MaxPool2d{P: p} }

// Forward pools x.
func (m *MaxPool2d) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.MaxPool2d(x, m.P)
}

// AvgPool2d averages every window of an NCHW input (padding not counted).
type AvgPool2d struct {
	fixed
	P ops.Pool2dParams
}

// NewAvgPool2d returns an average-pooling layer.
func NewAvgPool2d(p ops.Pool2dParams) *AvgPool2d { return &AvgPool2d{P: p} }

// Forward pools x.
func (a *AvgPool2d) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.AvgPool2d(x, a.P)
}

// AdaptiveAvgPool2d averages an NCHW input down to a fixed OutH x OutW.
type AdaptiveAvgPool2d struct {
	fixed
	OutH, OutW int
}

// Forward pools x.
func (a AdaptiveAvgPool2d) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.AdaptiveAvgPool2d(x, a.OutH, a.OutW)
}

// GlobalAvgPool2d averages every plane of an NCHW input to an [N, C]
// output.
type GlobalAvgPool2d struct{ fixed }

// Forward pools x.
func (GlobalAvgPool2d) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.GlobalAvgPool2d(x)
}
