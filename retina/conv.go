package retina

import (
	"github.com/neurocortex/neurocortex/internal/fmath"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// convSingle convolves every plane of x [B, 1, H, W] with one kernel k
// [K, K] (odd K, "same" zero padding). The batch is folded into the
// channels of a depthwise convolution, [1, B, H, W] with the kernel
// broadcast to [B, 1, K, K], which takes ops' direct depthwise kernels
// instead of a one-row GEMM; the broadcast sums the kernel's gradient over
// the batch.
func convSingle(tp *autodiff.Tape, x, k *autodiff.Var) *autodiff.Var {
	s := x.Value.Shape()
	b, h, w := s[0], s[2], s[3]
	kk := k.Value.Dim(0)
	if b == 1 {
		return tp.Conv2d(x, tp.Reshape(k, 1, 1, kk, kk), nil, ops.Conv2dParams{PadH: kk / 2, PadW: kk / 2})
	}
	wb := tp.Mul(autodiff.Const(tensor.Ones(b, 1, 1, 1)), tp.Reshape(k, 1, 1, kk, kk))
	y := tp.Conv2d(tp.Reshape(x, 1, b, h, w), wb, nil, ops.Conv2dParams{PadH: kk / 2, PadW: kk / 2, Groups: b})
	return tp.Reshape(y, b, 1, h, w)
}

// blurSeparable convolves every plane of x [B, C, H, W] with the
// separable unit-sum Gaussian g1 (1-d, odd length K) along rows, then
// columns ("same" zero padding): 2K multiply-adds per pixel instead of K^2.
// The planes are folded into the channels of two depthwise convolutions
// with constant kernels.
func blurSeparable(tp *autodiff.Tape, x *autodiff.Var, g1 []float32) *autodiff.Var {
	s := x.Value.Shape()
	b, c, h, w := s[0], s[1], s[2], s[3]
	k := len(g1)
	planes := b * c
	row := tensor.New(planes, 1, 1, k)
	for i := 0; i < planes; i++ {
		copy(row.Data()[i*k:(i+1)*k], g1)
	}
	col := row.Reshape(planes, 1, k, 1)
	y := tp.Reshape(x, 1, planes, h, w)
	y = tp.Conv2d(y, autodiff.Const(row), nil, ops.Conv2dParams{PadW: k / 2, Groups: planes})
	y = tp.Conv2d(y, autodiff.Const(col), nil, ops.Conv2dParams{PadH: k / 2, Groups: planes})
	return tp.Reshape(y, b, c, h, w)
}

// gaussian1 returns the unit-sum 1-d Gaussian of odd length k, the factor
// of GaussianKernel(k, sigma) = outer(g, g).
func gaussian1(k int, sigma float64) []float32 {
	g := make([]float64, k)
	var sum float64
	inv := -1 / float64(2*float64(sigma*sigma))
	for i := range g {
		d := float64(i - k/2)
		g[i] = fmath.Exp(float64(float64(d*d) * inv))
		sum += g[i]
	}
	out := make([]float32, k)
	for i, v := range g {
		out[i] = float32(v / sum)
	}
	return out
}
