package cortex

import (
	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// conv2d records ops.Conv2d on the tape (b may be nil), computing only the
// gradients that are needed.
//
// Zero padding is applied by tp.Pad before the convolution: ops.Conv2d
// (cc23675) panics in convGeom.fillLine when an im2col line segment lies
// wholly in the left padding (row[iw0+lo:iw0+hi] with iw0+lo < 0).
func conv2d(tp *autodiff.Tape, x, w, b *autodiff.Var, p ops.Conv2dParams) *autodiff.Var {
	if p.PadH != 0 || p.PadW != 0 {
		x = tp.Pad(x, [][2]int{{0, 0}, {0, 0}, {p.PadH, p.PadH}, {p.PadW, p.PadW}}, 0)
		p.PadH, p.PadW = 0, 0
	}
	var bv *tensor.Tensor
	in := []*autodiff.Var{x, w}
	if b != nil {
		bv = b.Value
		in = append(in, b)
	}
	y := ops.Conv2d(x.Value, w.Value, bv, p)
	xv, wv := x.Value, w.Value
	return tp.Custom("Conv2d", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		gx, gw, gb := ops.Conv2dBackward(xv, wv, gy, p, b != nil && b.RequiresGrad())
		if !x.RequiresGrad() {
			gx = nil
		}
		if !w.RequiresGrad() {
			gw = nil
		}
		if b == nil {
			return []*tensor.Tensor{gx, gw}
		}
		return []*tensor.Tensor{gx, gw, gb}
	}, in...)
}
