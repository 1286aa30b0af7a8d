package retina

import (
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
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
