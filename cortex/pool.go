package cortex

import (
	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
)

// maxPool returns the k x k max pool with stride k of x [B, C, H, W]
// (trailing rows and columns that do not fill a window are dropped).
func maxPool(tp *autodiff.Tape, x *autodiff.Var, k int) *autodiff.Var {
	return tp.MaxPool2d(x, ops.Pool2dParams{KH: k, KW: k})
}

// avgPool returns the k x k average pool with stride k of x [B, C, H, W].
func avgPool(tp *autodiff.Tape, x *autodiff.Var, k int) *autodiff.Var {
	return tp.AvgPool2d(x, ops.Pool2dParams{KH: k, KW: k})
}
