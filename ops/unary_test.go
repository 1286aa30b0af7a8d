package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestUnary(t *testing.T) {
	rng := ewRNG(30)
	sig := func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }
	type unaryCase struct {
		name     string
		lo, hi   float32
		fwd      func(x *tensor.Tensor) *tensor.Tensor
		bwd      func(x, y, gy *tensor.Tensor) *tensor.Tensor
		ref      func(v float64) float64
		rtol     float64
		gradTol  float64
		positive bool
	}
	cases := []unaryCase{
		{"ReLU", -2, 2, ReLU, func(x, _, g *tensor.Tensor) *tensor.Tensor { return ReLUBackward(x, g) },
			func(v float64) float64 { return math.Max(v, 0) }, 0, 1e-6, false},
		{"LeakyReLU", -2, 2, func(x *tensor.Tensor) *tensor.Tensor { return LeakyReLU(x, 0.125) },
			func(x, _, g *tensor.Tensor) *tensor.Tensor { return LeakyReLUBackward(x, g, 0.125) },
			func(v float64) float64 {
				if v > 0 {
					return v
				}
				return 0.125 * v
			}, 0, 1e-6, false},
		{"Sigmoid", -6, 6, Sigmoid, func(_, y, g *tensor.Tensor) *tensor.Tensor { return SigmoidBackward(y, g) },
			sig, 4e-6, 1e-5, false},
		{"Tanh", -4, 4, Tanh, func(_, y, g *tensor.Tensor) *tensor.Tensor { return TanhBackward(y, g) },
			math.Tanh, 4e-6, 1e-5, false},
		{"Softplus", -8, 8, Softplus, func(x, _, g *tensor.Tensor) *tensor.Tensor { return SoftplusBackward(x, g) },
			func(v float64) float64 { return math.Log1p(math.Exp(v)) }, 4e-6, 1e-5, false},
		{"Exp", -5, 5, Exp, func(_, y, g *tensor.Tensor) *tensor.Tensor { return ExpBackward(y, g) },
			math.Exp, 4e-6, 1e-5, false},
		{"Log", 0.01, 10, Log, func(x, _, g *tensor.Tensor) *tensor.Tensor { return LogBackward(x, g) },
			math.Log, 4e-6, 1e-5, true},
		{"Sqrt", 0.01, 10, Sqrt, func(_, y, g *tensor.Tensor) *tensor.Tensor { return SqrtBackward(y, g) },
			math.Sqrt, 1e-7, 1e-5, true},
		{"Abs", -2, 2, Abs, func(x, _, g *tensor.Tensor) *tensor.Tensor { return AbsBackward(x, g) },
			math.Abs, 0, 1e-6, false},
		{"Clamp", -2, 2, func(x *tensor.Tensor) *tensor.Tensor { return Clamp(x, -0.5, 0.75) },
			func(x, _, g *tensor.Tensor) *tensor.Tensor { return ClampBackward(x, g, -0.5, 0.75) },
			func(v float64) float64 { return math.Min(math.Max(v, -0.5), 0.75) }, 0, 1e-6, false},
	}
	for _, p := range []float32{0, 1, 2, 3, 7, -1, -2, 0.5, 1.5, -0.7, 2.25} {
		p := p
		integer := p == float32(math.Trunc(float64(p)))
		c := unaryCase{fmt.Sprintf("Pow %g", p), 0.2, 3,
			func(x *tensor.Tensor) *tensor.Tensor { return Pow(x, p) },
			func(x, _, g *tensor.Tensor) *tensor.Tensor { return PowBackward(x, g, p) },
			func(v float64) float64 { return math.Pow(v, float64(p)) }, 1e-5, 1e-4, true}
		if integer {
			c.lo, c.hi, c.positive, c.rtol = -2, 2, false, 1e-6
			if p < 0 {
				c.lo, c.hi, c.positive = 0.3, 2, true
			}
		}
		cases = append(cases, c)
	}
	for _, c := range cases {
		for _, shape := range [][]int{{}, {1}, {37}, {3, 5, 2}} {
			x := ewRand(rng, c.lo, c.hi, shape...)
			if !c.positive && x.Size() > 3 {
				x.Data()[0], x.Data()[1] = -x.Data()[1], -x.Data()[0] // both signs
			}
			y := c.fwd(x)
			ref := func(v []float64) []float64 { return refMap(v, c.ref) }
			ewClose(t, c.name, y.Data(), ref(ewF64(x)), c.rtol, 1e-7)
			w := ewRand(rng, -1, 1, shape...)
			ewGradCheck(t, c.name+"Backward", ref, w.Data(), x, c.bwd(x, y, w), c.gradTol)
		}
	}
}

// TestUnarySubgradients pins the documented choices at kinks and specials.
func TestUnarySubgradients(t *testing.T) {
	x := tensor.FromSlice([]float32{0, -1, 1, 2}, 4)
	g := tensor.Full(3, 4)
	check := func(name string, got *tensor.Tensor, want ...float32) {
		t.Helper()
		for i, v := range got.Data() {
			if v != want[i] {
				t.Fatalf("%s: %v, want %v", name, got.Data(), want)
			}
		}
	}
	check("ReLUBackward", ReLUBackward(x, g), 0, 0, 3, 3)
	check("LeakyReLUBackward", LeakyReLUBackward(x, g, 0.5), 1.5, 1.5, 3, 3)
	check("AbsBackward", AbsBackward(x, g), 0, -3, 3, 3)
	check("ClampBackward", ClampBackward(x, g, -1, 1), 3, 3, 3, 0)
	check("Clamp", Clamp(x, -0.5, 1), 0, -0.5, 1, 1)
	check("PowBackward p=0", PowBackward(x, g, 0), 0, 0, 0, 0)
	check("Pow p=0", Pow(x, 0), 1, 1, 1, 1)
	check("Pow p=-1", Pow(x, -1), float32(math.Inf(1)), -1, 1, 0.5)
	if y := Pow(tensor.FromSlice([]float32{-2}, 1), 1.5).Data()[0]; !math.IsNaN(float64(y)) {
		t.Fatalf("Pow(-2, 1.5) = %g, want NaN", y)
	}
	nan := float32(math.NaN())
	if y := ReLU(tensor.FromSlice([]float32{nan}, 1)).Data()[0]; !math.IsNaN(float64(y)) {
		t.Fatalf("ReLU(NaN) = %g", y)
	}
	if _, ok := ewPanics(func() { Clamp(x, 1, 0) }); !ok {
		t.Error("Clamp with lo > hi did not panic")
	}
	if _, ok := ewPanics(func() { ReLUBackward(x, tensor.New(3)) }); !ok {
		t.Error("ReLUBackward with a mismatched gradient did not panic")
	}
}
