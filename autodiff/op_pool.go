package autodiff

import (
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// MaxPool2d takes the maximum of every window of x [N, C, H, W]
// (ops.MaxPool2d); the gradient goes to the first maximal element of each
// window, whose index is kept from the forward pass. Of a ReLU's output,
// its backward pass may include the ReLU's (see fuse.go), which then
// reads the pooled output: it must not be changed before Backward.
func (tp *Tape) MaxPool2d(x *Var, p ops.Pool2dParams) *Var {
	if !tp.needs(x) {
		return tp.done("MaxPool2d", ops.MaxPool2d(x.Value, p), x)
	}
	y, idx := ops.MaxPool2dIndices(x.Value, p)
	shape := x.Value.Shape()
	v := tp.record("MaxPool2d", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.MaxPool2dBackwardIndices(gy, idx, shape)}
	}, x)
	v.node.free = func() { ops.ReleaseIndices(idx) } // only the VJPs use idx
	setThroughReLU(v, x, func(gy *tensor.Tensor) *tensor.Tensor {
		return ops.ReLUMaxPool2dBackward(gy, y, idx, shape)
	})
	return v
}

// AvgPool2d averages every window of x [N, C, H, W] over its in-image
// elements (ops.AvgPool2d).
func (tp *Tape) AvgPool2d(x *Var, p ops.Pool2dParams) *Var {
	y := ops.AvgPool2d(x.Value, p)
	if !tp.needs(x) {
		return tp.done("AvgPool2d", y, x)
	}
	xv := x.Value
	return tp.record("AvgPool2d", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.AvgPool2dBackward(xv, gy, p)}
	}, x)
}

// AdaptiveAvgPool2d averages x [N, C, H, W] down to [N, C, outH, outW]
// with PyTorch's windows (ops.AdaptiveAvgPool2d).
func (tp *Tape) AdaptiveAvgPool2d(x *Var, outH, outW int) *Var {
	y := ops.AdaptiveAvgPool2d(x.Value, outH, outW)
	if !tp.needs(x) {
		return tp.done("AdaptiveAvgPool2d", y, x)
	}
	xv := x.Value
	return tp.record("AdaptiveAvgPool2d", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.AdaptiveAvgPool2dBackward(xv, gy)}
	}, x)
}

// GlobalAvgPool2d returns the mean of every plane of x [N, C, H, W] as an
// [N, C] tensor (ops.GlobalAvgPool2d).
func (tp *Tape) GlobalAvgPool2d(x *Var) *Var {
	y := ops.GlobalAvgPool2d(x.Value)
	if !tp.needs(x) {
		return tp.done("GlobalAvgPool2d", y, x)
	}
	xv := x.Value
	return tp.record("GlobalAvgPool2d", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.GlobalAvgPool2dBackward(xv, gy)}
	}, x)
}
