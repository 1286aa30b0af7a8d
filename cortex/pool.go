package cortex

import (
	"github.com/neurocortex/neurocortex/autodiff"
)

// maxPool returns the k x k max pool with stride k of x [B, C, H, W]
// (trailing rows and columns that do not fill a window are dropped), as a
// reshape and a max over the window axes.
func maxPool(tp *autodiff.Tape, x *autodiff.Var, k int) *autodiff.Var {
	return tp.Max(poolWindows(tp, x, k), []int{3, 5}, false)
}

// avgPool returns the k x k average pool with stride k of x [B, C, H, W].
func avgPool(tp *autodiff.Tape, x *autodiff.Var, k int) *autodiff.Var {
	return tp.Mean(poolWindows(tp, x, k), []int{3, 5}, false)
}

// globalAvgPool returns the spatial mean of x [B, C, H, W]: [B, C].
func globalAvgPool(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	return tp.Mean(x, []int{2, 3}, false)
}

// poolWindows reshapes x [B, C, H, W] to [B, C, H/k, k, W/k, k].
func poolWindows(tp *autodiff.Tape, x *autodiff.Var, k int) *autodiff.Var {
	s := x.Value.Shape()
	b, c, h, w := s[0], s[1], s[2], s[3]
	if h%k != 0 {
		x = tp.Slice(x, 2, 0, h-h%k)
	}
	if w%k != 0 {
		x = tp.Slice(x, 3, 0, w-w%k)
	}
	return tp.Reshape(x, b, c, h/k, k, w/k, k)
}
