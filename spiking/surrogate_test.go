package spiking

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

func TestSurrogateGradMatchesPrimitive(t *testing.T) {
	for _, s := range []Surrogate{{FastSigmoid, 10}, {FastSigmoid, 1}, {Arctan, 2}, {Arctan, 0.5}} {
		for _, x := range []float64{-3, -0.7, -0.1, -0.013, 0.02, 0.25, 1, 4} {
			const h = 1e-6
			num := (s.primitive(x+h) - s.primitive(x-h)) / (2 * h)
			if got := float64(s.Grad(float32(x))); math.Abs(got-num) > 1e-5*math.Max(1, num) {
				t.Errorf("%+v at %v: grad %v, central difference %v", s, x, got, num)
			}
		}
		// A bump: largest at 0, symmetric.
		if s.Grad(0) < s.Grad(0.1) || s.Grad(0.3) != s.Grad(-0.3) {
			t.Errorf("%+v: not a symmetric bump", s)
		}
	}
	x := tensor.FromSlice([]float32{-1, 0, 2}, 3)
	if y := SpikeForward(x).Data(); y[0] != 0 || y[1] != 1 || y[2] != 1 {
		t.Errorf("H(%v) = %v", x.Data(), y)
	}
}

// custom test ops: y = a*x elementwise with a a parameter, and a sum.
func tapeScale(tp *autodiff.Tape, a *autodiff.Var, x *tensor.Tensor) *autodiff.Var {
	y := tensor.New(x.Shape()...)
	for i, v := range x.Data() {
		y.Data()[i] = a.Value.Data()[i] * v
	}
	return tp.Custom("scale", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		g := tensor.New(x.Shape()...)
		for i := range g.Data() {
			g.Data()[i] = gy.Data()[i] * x.Data()[i]
		}
		return []*tensor.Tensor{g}
	}, a)
}

func tapeSum(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	s := float32(0)
	for _, v := range x.Value.Data() {
		s += v
	}
	return tp.Custom("sum", tensor.Scalar(s), func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{tensor.Full(gy.Item(), x.Value.Shape()...)}
	}, x)
}

func TestSpikeOnTape(t *testing.T) {
	s := Surrogate{Arctan, 2}
	w := autodiff.Param(tensor.FromSlice([]float32{0.5, -0.2, 1.5, 0.9}, 4), "w")
	x := tensor.FromSlice([]float32{1, 2, 0.5, 1.2}, 4)
	tp := autodiff.NewTape()
	spk := Spike(tp, tapeScale(tp, w, x), s) // H(w*x), threshold folded into w*x
	loss := tapeSum(tp, spk)
	if loss.Value.Item() != 3 {
		t.Fatalf("spike count %v, want 3", loss.Value.Item())
	}
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	for i, xi := range x.Data() {
		want := xi * s.Grad(w.Value.Data()[i]*xi)
		if got := w.Grad.Data()[i]; math.Abs(float64(got-want)) > 1e-6 {
			t.Errorf("dL/dw[%d] = %v, want %v", i, got, want)
		}
	}
	// On a NoGrad tape the same call only computes the forward value.
	if y := Spike(autodiff.NoGrad(), autodiff.Const(x), s); y.Value.Size() != 4 || y.RequiresGrad() {
		t.Error("NoGrad spike")
	}
	g := SpikeBackward(x, tensor.Ones(4), Surrogate{FastSigmoid, 10}).Data()
	if g[0] != 1/float32(121) {
		t.Errorf("fast sigmoid grad at 1: %v, want 1/121", g[0])
	}
}
