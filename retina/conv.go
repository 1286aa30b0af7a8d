package retina

import (
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
