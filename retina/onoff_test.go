package retina

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

func TestOnOffAndTemporalDiffGradients(t *testing.T) {
	x := tensor.RandNormal(tensor.NewRNG(4, 0), 0, 1, 6, 2, 3, 3)
	w := tensor.RandNormal(tensor.NewRNG(4, 1), 0, 1, 6, 4, 3, 3)
	err := autodiff.GradCheck(func(tp *autodiff.Tape, xs []*autodiff.Var) *autodiff.Var {
		return tp.Sum(tp.Mul(OnOff(tp, xs[0]), autodiff.Const(w)), nil, false)
	}, []*tensor.Tensor{x}, 1e-3, 1e-2)
	if err != nil {
		t.Fatal(err)
	}
	w2 := tensor.RandNormal(tensor.NewRNG(4, 2), 0, 1, 6, 2, 3, 3)
	err = autodiff.GradCheck(func(tp *autodiff.Tape, xs []*autodiff.Var) *autodiff.Var {
		return tp.Sum(tp.Mul(temporalDiff(tp, xs[0], 2, 3), autodiff.Const(w2)), nil, false)
	}, []*tensor.Tensor{x}, 1e-3, 1e-2)
	if err != nil {
		t.Fatal(err)
	}
	// Forward values against the composition of basic ops.
	tp := autodiff.NoGrad()
	xv := autodiff.Const(x)
	want := tp.Concat([]*autodiff.Var{tp.ReLU(xv), tp.ReLU(tp.Neg(xv))}, 1)
	if got := OnOff(tp, xv); !tensor.Equal(got.Value, want.Value) {
		t.Fatal("OnOff differs from [relu(y), relu(-y)]")
	}
	d := temporalDiff(tp, xv, 2, 3).Value
	if d.At(0, 1, 2, 2) != x.At(0, 1, 2, 2) || d.At(4, 0, 1, 1) != x.At(4, 0, 1, 1)-x.At(3, 0, 1, 1) || d.At(3, 0, 0, 0) != x.At(3, 0, 0, 0) {
		t.Fatal("temporalDiff values")
	}
}

func TestBlurSeparable(t *testing.T) {
	x := tensor.RandUniform(tensor.NewRNG(6, 0), 0, 1, 3, 2, 11, 9)
	k, sigma := 7, 1.6
	got := blurSeparable(autodiff.NoGrad(), autodiff.Const(x), gaussian1(k, sigma)).Value
	g2 := GaussianKernel(k, sigma)
	w := tensor.New(2, 1, k, k)
	copy(w.Data(), g2.Data())
	copy(w.Data()[k*k:], g2.Data())
	want := autodiff.NoGrad().Conv2d(autodiff.Const(x), autodiff.Const(w), nil, ops.Conv2dParams{PadH: k / 2, PadW: k / 2, Groups: 2}).Value
	if !tensor.AllClose(got, want, 1e-5, 1e-6) {
		t.Fatal("separable blur differs from the 2-d Gaussian")
	}
	xs := tensor.RandUniform(tensor.NewRNG(6, 1), 0, 1, 2, 1, 5, 6)
	ws := tensor.RandNormal(tensor.NewRNG(6, 2), 0, 1, 2, 1, 5, 6)
	if err := autodiff.GradCheck(func(tp *autodiff.Tape, xs []*autodiff.Var) *autodiff.Var {
		return tp.Sum(tp.Mul(blurSeparable(tp, xs[0], gaussian1(3, 0.8)), autodiff.Const(ws)), nil, false)
	}, []*tensor.Tensor{xs}, 1e-3, 1e-2); err != nil {
		t.Fatal(err)
	}
}

// A NaN input is NaN in both the ON and the OFF map, and in the input
// gradient, so that poisoned input cannot vanish into zeros; ±Inf goes to
// one map as any other sign does.
func TestOnOffPropagatesNaN(t *testing.T) {
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	x := tensor.FromSlice([]float32{1, -2, 0, nan, inf, -inf}, 1, 6, 1, 1)
	tp := autodiff.NewTape()
	xv := autodiff.Param(x, "x")
	y := OnOff(tp, xv)
	d := y.Value.Data()
	on, off := d[:6], d[6:]
	wantOn := []float32{1, 0, 0, nan, inf, 0}
	wantOff := []float32{0, 2, 0, nan, 0, inf}
	same := func(a, b float32) bool { return a == b || (a != a && b != b) }
	for i := range wantOn {
		if !same(on[i], wantOn[i]) || !same(off[i], wantOff[i]) {
			t.Errorf("OnOff(%v) = on %v off %v, want on %v off %v", x.Data()[i], on[i], off[i], wantOn[i], wantOff[i])
		}
	}
	if err := tp.Backward(tp.Sum(y, nil, false)); err != nil {
		t.Fatal(err)
	}
	if g := xv.Grad.Data()[3]; g == g {
		t.Errorf("gradient at the NaN input = %v, want NaN", g)
	}
	if g := xv.Grad.Data()[0]; g != 1 {
		t.Errorf("gradient at a positive input = %v, want 1", g)
	}
}
