package cortex

import (
	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// maxPool returns the k x k max pool with stride k of x [B, C, H, W]
// (trailing rows and columns that do not fill a window are dropped).
func maxPool(tp *autodiff.Tape, x *autodiff.Var, k int) *autodiff.Var {
	y, idx := ops.MaxPool2dIndices(x.Value, ops.Pool2dParams{KH: k, KW: k})
	shape := x.Value.Shape()
	return tp.Custom("MaxPool2d", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.MaxPool2dBackwardIndices(gy, idx, shape)}
	}, x)
}

// avgPool returns the k x k average pool with stride k of x [B, C, H, W].
func avgPool(tp *autodiff.Tape, x *autodiff.Var, k int) *autodiff.Var {
	p := ops.Pool2dParams{KH: k, KW: k}
	xv := x.Value
	return tp.Custom("AvgPool2d", ops.AvgPool2d(xv, p), func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.AvgPool2dBackward(xv, gy, p)}
	}, x)
}

// globalAvgPool returns the spatial mean of x [B, C, H, W]: [B, C].
func globalAvgPool(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	xv := x.Value
	return tp.Custom("GlobalAvgPool2d", ops.GlobalAvgPool2d(xv), func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.GlobalAvgPool2dBackward(xv, gy)}
	}, x)
}
