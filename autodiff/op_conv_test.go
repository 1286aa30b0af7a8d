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

// TestConv2dPartialGradients checks that a conv whose input or weights
// need no gradient computes only the others, with the bits of the full
// backward.
func TestConv2dPartialGradients(t *testing.T) {
	p := ops.Conv2dParams{PadH: 1, PadW: 1}
	xv, wv, bv := randn(1, 2, 3, 6, 6), randn(2, 4, 3, 3, 3), randn(3, 4)
	grads := func(xReq, wReq, bReq bool) (gx, gw, gb *tensor.Tensor) {
		leaf := func(v *tensor.Tensor, req bool, name string) *Var {
			if req {
				return Param(v, name)
			}
			return Const(v)
		}
		x, w, b := leaf(xv, xReq, "x"), leaf(wv, wReq, "w"), leaf(bv, bReq, "b")
		tp := NewTape()
		if err := tp.Backward(project(tp, tp.Conv2d(x, w, b, p))); err != nil {
			t.Fatal(err)
		}
		return x.Grad, w.Grad, b.Grad
	}
	fx, fw, fb := grads(true, true, true)
	if _, gw, gb := grads(false, true, true); !tensor.Equal(gw, fw) || !tensor.Equal(gb, fb) {
		t.Error("weight and bias gradients with a constant input differ from the full backward")
	}
	if gx, gw, _ := grads(true, false, false); !tensor.Equal(gx, fx) || gw != nil {
		t.Error("input gradient of a frozen conv differs from the full backward")
	}
	if gx, _, gb := grads(true, false, true); !tensor.Equal(gx, fx) || !tensor.Equal(gb, fb) {
		t.Error("input and bias gradients with frozen weights differ from the full backward")
	}
}
