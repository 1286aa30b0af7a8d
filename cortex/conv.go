package cortex

import (
	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
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
