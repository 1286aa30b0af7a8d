package retina

import (
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

func TestDoGParamsKernelMatchesDoG(t *testing.T) {
	d := DefaultDoG()
	p := NewDoGParams(d, "bipolar")
	k := p.Kernel(autodiff.NoGrad()).Value
	want, _ := d.Kernel()
	if !tensor.AllClose(k, want, 1e-5, 1e-6) {
		t.Fatalf("tape kernel\n%v\nwant\n%v", k, want)
	}
	if v := p.Value(); v.Size != 9 || v.SigmaSurround < 1.99 || v.SigmaSurround > 2.01 {
		t.Fatalf("Value() = %+v", v)
	}
}

func TestDoGParamsGradients(t *testing.T) {
	p := NewDoGParams(DoG{SigmaCenter: 0.8, SigmaSurround: 1.7, SurroundGain: 0.55, Size: 5}, "b")
	w := tensor.RandNormal(tensor.NewRNG(3, 0), 0, 1, 5, 5)
	err := autodiff.GradCheck(func(tp *autodiff.Tape, xs []*autodiff.Var) *autodiff.Var {
		q := *p
		q.LogSigmaCenter, q.LogSigmaSurround, q.Gain = xs[0], xs[1], xs[2]
		return tp.Sum(tp.Mul(q.Kernel(tp), autodiff.Const(w)), nil, false)
	}, []*tensor.Tensor{p.LogSigmaCenter.Value, p.LogSigmaSurround.Value, p.Gain.Value}, 1e-3, 1e-2)
	if err != nil {
		t.Fatal(err)
	}
}
