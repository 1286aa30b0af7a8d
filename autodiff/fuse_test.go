package autodiff

import (
	"testing"

	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// reluPoolGrads returns the gradients of a conv, ReLU, max-pool block
// (and the backward op counts of the ReLU's scope): fused when nothing
// stops it, unfused when the ReLU's gradient is retained or its output
// has a second use.
func reluPoolGrads(t *testing.T, retain, secondUse bool, p ops.Pool2dParams) (gx, gw *tensor.Tensor, reluOps int) {
	t.Helper()
	x := Param(randn(11, 2, 3, 9, 8), "x")
	w := Param(randn(12, 4, 3, 3, 3), "w")
	tp := NewTape()
	tp.Profile = NewProfile()
	c := tp.Conv2d(x, w, nil, ops.Conv2dParams{PadH: 1, PadW: 1})
	end := tp.Scope("relu")
	r := tp.ReLU(c)
	end()
	y := tp.MaxPool2d(r, p)
	loss := project(tp, y)
	if secondUse {
		loss = tp.Add(loss, tp.Sum(tp.MulScalar(r, 0.5), nil, false))
	}
	if retain {
		tp.RetainGrad(r)
	}
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	s, _ := tp.Profile.Scope("relu")
	return x.Grad, w.Grad, s.BackwardOps
}

// TestReLUMaxPoolFusion checks that Backward fuses a ReLU into the max
// pooling it feeds, with the bits of the two separate passes, and only
// when the ReLU's output has no other use and its gradient is not
// retained.
func TestReLUMaxPoolFusion(t *testing.T) {
	for _, p := range []ops.Pool2dParams{{KH: 2, KW: 2}, {KH: 3, KW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1}} {
		gx, gw, ops := reluPoolGrads(t, false, false, p)
		if ops != 0 {
			t.Errorf("%+v: the ReLU's own backward ran (%d ops): not fused", p, ops)
		}
		wx, ww, ops := reluPoolGrads(t, true, false, p)
		if ops != 1 {
			t.Errorf("%+v: with RetainGrad the ReLU's backward ran %d times, want 1", p, ops)
		}
		if !tensor.Equal(gx, wx) || !tensor.Equal(gw, ww) {
			t.Errorf("%+v: fused gradients differ from the separate passes", p)
		}
		if _, _, ops := reluPoolGrads(t, false, true, p); ops != 1 {
			t.Errorf("%+v: a ReLU with a second use was fused (%d backward ops)", p, ops)
		}
	}
}
