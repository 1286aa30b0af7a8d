package autodiff

import (
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Conv2d returns the 2-d cross-correlation of x [N, Cin, H, W] with w
// [Cout, Cin/Groups, KH, KW] plus b [Cout] (b may be nil), NCHW
// (ops.Conv2d).
func (tp *Tape) Conv2d(x, w, b *Var, p ops.Conv2dParams) *Var {
	y := ops.Conv2d(x.Value, w.Value, valueOrNil(b), p)
	in := optionalVars(x, w, b)
	if !tp.needs(in...) {
		return tp.done("Conv2d", y, in...)
	}
	xv, wv := x.Value, w.Value
	return tp.record("Conv2d", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		// Only the gradients some input needs: a first layer's input
		// (data) needs none, a frozen layer's weights none.
		needBias := b != nil && b.requiresGrad
		var gx, gw, gb *tensor.Tensor
		switch {
		case !x.requiresGrad:
			gw, gb = ops.Conv2dBackwardParams(xv, wv, gy, p, needBias)
		case !w.requiresGrad && !needBias:
			gx = ops.Conv2dBackwardInput(xv, wv, gy, p)
		default:
			gx, gw, gb = ops.Conv2dBackward(xv, wv, gy, p, needBias)
		}
		g := []*tensor.Tensor{gx, gw}
		if b != nil {
			g = append(g, gb)
		}
		return g
	}, in...)
}
