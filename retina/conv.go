package retina

import (
	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// conv2d is tp.Conv2d with the zero padding applied by tp.Pad first:
// ops.Conv2d at cc23675 panics in convGeom.fillLine when an im2col line
// segment lies wholly in the left padding (row[iw0+lo:iw0+hi] with
// iw0+lo < 0); remove the detour once the fix is in.
func conv2d(tp *autodiff.Tape, x, w, b *autodiff.Var, p ops.Conv2dParams) *autodiff.Var {
	if p.PadH != 0 || p.PadW != 0 {
		x = tp.Pad(x, [][2]int{{0, 0}, {0, 0}, {p.PadH, p.PadH}, {p.PadW, p.PadW}}, 0)
		p.PadH, p.PadW = 0, 0
	}
	return tp.Conv2d(x, w, b, p)
}

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
		return conv2d(tp, x, tp.Reshape(k, 1, 1, kk, kk), nil, ops.Conv2dParams{PadH: kk / 2, PadW: kk / 2})
	}
	wb := tp.Mul(autodiff.Const(tensor.Ones(b, 1, 1, 1)), tp.Reshape(k, 1, 1, kk, kk))
	y := conv2d(tp, tp.Reshape(x, 1, b, h, w), wb, nil, ops.Conv2dParams{PadH: kk / 2, PadW: kk / 2, Groups: b})
	return tp.Reshape(y, b, 1, h, w)
}
