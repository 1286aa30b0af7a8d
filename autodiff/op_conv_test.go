package autodiff

import (
	"fmt"
	"testing"

	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

func TestGradConv2d(t *testing.T) {
	cases := []struct {
		n, cin, h, w, cout, kh, kw int
		p                          ops.Conv2dParams
		bias                       bool
	}{
		{1, 1, 5, 5, 1, 3, 3, ops.Conv2dParams{}, true},
		{2, 3, 6, 5, 4, 3, 2, ops.Conv2dParams{PadH: 1, PadW: 1}, true},
		{2, 2, 7, 7, 3, 3, 3, ops.Conv2dParams{StrideH: 2, StrideW: 2, PadH: 1, PadW: 2}, false},
		{1, 2, 8, 7, 2, 3, 3, ops.Conv2dParams{DilationH: 2, DilationW: 2, PadH: 2, PadW: 1}, true},
		{2, 4, 5, 5, 6, 3, 3, ops.Conv2dParams{Groups: 2, PadH: 1, PadW: 1}, true},
		{2, 3, 5, 6, 3, 3, 3, ops.Conv2dParams{Groups: 3, PadH: 1, PadW: 1}, true},                // depthwise, stride 1
		{1, 3, 7, 6, 6, 3, 3, ops.Conv2dParams{Groups: 3, StrideH: 2, StrideW: 1, PadH: 1}, true}, // depthwise x2, strided
		{3, 2, 4, 4, 3, 1, 1, ops.Conv2dParams{}, true},                                           // 1x1
	}
	var gcs []gradCase
	for i, c := range cases {
		c := c
		xs := []*tensor.Tensor{
			randn(uint64(100+i), c.n, c.cin, c.h, c.w),
			randn(uint64(200+i), c.cout, c.cin/max(1, c.p.Groups), c.kh, c.kw),
		}
		if c.bias {
			xs = append(xs, randn(uint64(300+i), c.cout))
		}
		gcs = append(gcs, gradCase{
			name: fmt.Sprintf("%d/%+v/bias=%v", i, c.p, c.bias),
			xs:   xs,
			f: func(tp *Tape, x []*Var) *Var {
				var b *Var
				if len(x) == 3 {
					b = x[2]
				}
				return project(tp, tp.Conv2d(x[0], x[1], b, c.p))
			},
		})
	}
	runGradCases(t, gcs)
}
