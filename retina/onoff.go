package retina

import (
	"fmt"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// OnOff splits a signed response y [B, C, H, W] into ON and OFF
// rectified channels, [relu(y), relu(-y)] concatenated along the channels
// ([B, 2C, H, W]: the C ON channels, then the C OFF channels), as one op:
// the gradient of y is gy_on where y > 0 and -gy_off where y < 0. A NaN
// in y is a NaN in both maps (and in its gradient): rectifying it to 0
// would hide poisoned input from every later stage and from the loss.
func OnOff(tp *autodiff.Tape, y *autodiff.Var) *autodiff.Var {
	v := y.Value
	if v.Dims() != 4 {
		panic(fmt.Sprintf("retina: OnOff: input %v, want [B, C, H, W]", v.Shape()))
	}
	b, c, h, w := v.Dim(0), v.Dim(1), v.Dim(2), v.Dim(3)
	plane := c * h * w
	out := tensor.Empty(b, 2*c, h, w) // every element written
	src, dst := v.Data(), out.Data()
	blas.ParallelFor(b, func(i int) { // samples are independent
		simd.SplitSigns(dst[2*i*plane:(2*i+1)*plane], dst[(2*i+1)*plane:(2*i+2)*plane], src[i*plane:(i+1)*plane])
	})
	return tp.CustomOwned("OnOff", out, func(gy *tensor.Tensor) []*tensor.Tensor {
		gx := tensor.Empty(b, c, h, w) // every element written
		g, d := gy.Data(), gx.Data()
		blas.ParallelFor(b, func(i int) {
			simd.SplitSignsGrad(d[i*plane:(i+1)*plane], src[i*plane:(i+1)*plane],
				g[2*i*plane:(2*i+1)*plane], g[(2*i+1)*plane:(2*i+2)*plane])
		})
		return []*tensor.Tensor{gx}
	}, y)
}

// temporalDiff returns d[n, t] = y[n, t] - y[n, t-1] for y [N*T, C, H, W]
// (frames folded into the batch), the frame before the first being dark
// (d[n, 0] = y[n, 0]). The frames are independent and run on the worker
// pool, forwards and backwards.
func temporalDiff(tp *autodiff.Tape, y *autodiff.Var, n, t int) *autodiff.Var {
	v := y.Value
	frame := v.Size() / (n * t)
	out := tensor.Empty(v.Shape()...) // every element written
	src, dst := v.Data(), out.Data()
	blas.ParallelFor(n*t, func(i int) {
		cur, d := src[i*frame:(i+1)*frame], dst[i*frame:(i+1)*frame]
		if i%t == 0 {
			copy(d, cur)
			return
		}
		simd.SubTo(d, cur, src[(i-1)*frame:i*frame])
	})
	return tp.CustomOwned("TemporalDiff", out, func(gy *tensor.Tensor) []*tensor.Tensor {
		gx := tensor.Empty(v.Shape()...)
		g, d := gy.Data(), gx.Data()
		blas.ParallelFor(n*t, func(i int) {
			cur, dd := g[i*frame:(i+1)*frame], d[i*frame:(i+1)*frame]
			if i%t == t-1 {
				copy(dd, cur)
				return
			}
			simd.SubTo(dd, cur, g[(i+1)*frame:(i+2)*frame])
		})
		return []*tensor.Tensor{gx}
	}, y)
}
