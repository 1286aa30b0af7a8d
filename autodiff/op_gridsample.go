package autodiff

import (
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// GridSample samples x [N, C, H, W] bilinearly at the normalised
// coordinates of grid [N, Ho, Wo, 2] (ops.GridSample, zeros padding,
// align_corners=False); gradients flow to both x and grid.
func (tp *Tape) GridSample(x, grid *Var) *Var {
	y := ops.GridSample(x.Value, grid.Value)
	if !tp.needs(x, grid) {
		return tp.done("GridSample", y, x, grid)
	}
	xv, gv := x.Value, grid.Value
	return tp.record("GridSample", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		var gx, gg *tensor.Tensor // the sheets' grids are constants
		if x.requiresGrad {
			gx = ops.GridSampleBackwardInput(xv, gv, gy)
		}
		if grid.requiresGrad {
			gg = ops.GridSampleBackwardGrid(xv, gv, gy)
		}
		return []*tensor.Tensor{gx, gg}
	}, x, grid)
}
