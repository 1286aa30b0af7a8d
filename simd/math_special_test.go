package simd

import (
	"math"
	"testing"
)

var (
	inf32    = float32(math.Inf(1))
	negZero  = float32(math.Copysign(0, -1))
	qnanBits = uint32(0x7fc00123) // a NaN with a payload, to check it is returned unchanged
)

func TestMathSpecials(t *testing.T) {
	nan := math.Float32frombits(qnanBits)
	cases := []struct {
		name string
		f    func(float32) float32
		x    float32
		want float32
	}{
		{"Exp", Exp, 0, 1},
		{"Exp", Exp, negZero, 1},
		{"Exp", Exp, inf32, inf32},
		{"Exp", Exp, -inf32, 0},
		{"Exp", Exp, 88.72283, 3.4027985e38}, // just below overflow
		{"Exp", Exp, 88.72284, inf32},
		{"Exp", Exp, 1000, inf32},
		{"Exp", Exp, -87.33655, 1.1754907e-38}, // just below the smallest normal
		{"Exp", Exp, -103.27893, 0x1p-149},     // smallest subnormal
		{"Exp", Exp, -103.98, 0},
		{"Exp", Exp, -1000, 0},
		{"Exp", Exp, nan, nan},
		{"Log", Log, 1, 0},
		{"Log", Log, 0, -inf32},
		{"Log", Log, negZero, -inf32},
		{"Log", Log, -1, nan32},
		{"Log", Log, -inf32, nan32},
		{"Log", Log, inf32, inf32},
		{"Log", Log, 0x1p-149, -103.27893},
		{"Log", Log, math.MaxFloat32, 88.72284},
		{"Log", Log, nan, nan},
		{"Tanh", Tanh, 0, 0},
		{"Tanh", Tanh, negZero, negZero},
		{"Tanh", Tanh, 9.1, 1},
		{"Tanh", Tanh, -20, -1},
		{"Tanh", Tanh, inf32, 1},
		{"Tanh", Tanh, -inf32, -1},
		{"Tanh", Tanh, 0x1p-149, 0x1p-149},
		{"Tanh", Tanh, nan, nan},
		{"Sigmoid", Sigmoid, 0, 0.5},
		{"Sigmoid", Sigmoid, negZero, 0.5},
		{"Sigmoid", Sigmoid, 17, 1},
		{"Sigmoid", Sigmoid, inf32, 1},
		{"Sigmoid", Sigmoid, -inf32, 0},
		{"Sigmoid", Sigmoid, -103.27893, 0x1p-149},
		{"Sigmoid", Sigmoid, -200, 0},
		{"Sigmoid", Sigmoid, nan, nan},
		{"Erf", Erf, 0, 0},
		{"Erf", Erf, negZero, negZero},
		{"Erf", Erf, 4, 1},
		{"Erf", Erf, -1e30, -1},
		{"Erf", Erf, inf32, 1},
		{"Erf", Erf, -inf32, -1},
		{"Erf", Erf, nan, nan},
		{"Softplus", Softplus, 0, 0.6931472},
		{"Softplus", Softplus, inf32, inf32},
		{"Softplus", Softplus, -inf32, 0},
		{"Softplus", Softplus, 1e30, 1e30},
		{"Softplus", Softplus, -103.27893, 0x1p-149},
		{"Softplus", Softplus, nan, nan},
		{"Sqrt", Sqrt, 4, 2},
		{"Sqrt", Sqrt, negZero, negZero},
		{"Sqrt", Sqrt, inf32, inf32},
		{"Sqrt", Sqrt, 0x1p-148, 0x1p-74},
	}
	for _, c := range cases {
		got := c.f(c.x)
		if math.Float32bits(got) != math.Float32bits(c.want) {
			t.Errorf("%s(%g) = %g (%#08x), want %g (%#08x)", c.name, c.x, got, math.Float32bits(got), c.want, math.Float32bits(c.want))
		}
	}
	if got := Sqrt(-1); got == got {
		t.Errorf("Sqrt(-1) = %g, want NaN", got)
	}
}

// TestMathSaturation checks the flat parts: each function stays exactly at
// its limit beyond the point where the true value rounds to it, and is
// monotone on a coarse sweep up to 1-ulp wiggles (a polynomial with a
// rounding error can step back by one ulp).
func TestMathSaturation(t *testing.T) {
	mono := []struct {
		name   string
		f      func(float32) float32
		lo, hi float32
	}{
		{"Exp", Exp, -110, 95}, {"Log", Log, 0, math.MaxFloat32}, {"Tanh", Tanh, -12, 12},
		{"Sigmoid", Sigmoid, -110, 30}, {"Erf", Erf, -5, 5}, {"Softplus", Softplus, -110, 100},
	}
	stride := uint32(1 << 12)
	if testing.Short() {
		stride = 1 << 14
	}
	for _, c := range mono {
		prev := float32(math.Inf(-1))
		sweep(c.lo, c.hi, stride, func(x float32) {
			y := c.f(x)
			if y < prev && ulpError(y, float64(prev)) > 1 {
				t.Fatalf("%s not monotone at %g: %g after %g", c.name, x, y, prev)
			}
			prev = y
		})
	}
	for x := float32(9.1); x < 1e6; x *= 1.37 {
		if Tanh(x) != 1 || Tanh(-x) != -1 {
			t.Fatalf("Tanh(±%g) = %g, %g: not saturated", x, Tanh(x), Tanh(-x))
		}
	}
	for x := float32(3.92); x < 1e6; x *= 1.37 {
		if Erf(x) != 1 || Erf(-x) != -1 {
			t.Fatalf("Erf(±%g) = %g, %g: not saturated", x, Erf(x), Erf(-x))
		}
	}
	for x := float32(16.7); x < 1e6; x *= 1.37 {
		if Sigmoid(x) != 1 {
			t.Fatalf("Sigmoid(%g) = %g: not saturated", x, Sigmoid(x))
		}
	}
}
