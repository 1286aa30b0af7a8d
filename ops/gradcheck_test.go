package ops

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// Shared test helpers of package ops (ops-elementwise). Forward ops are
// checked against float64 reference implementations written in the tests;
// backward ops against central differences of those references in float64:
// with loss L(x) = sum_i w_i * ref(x)_i for random weights w, the numerical
// dL/dx must match the op's backward called with gy = w.

// ewNumGrad returns the central-difference gradient of f at x.
func ewNumGrad(f func(x []float64) float64, x []float64, eps float64) []float64 {
	g := make([]float64, len(x))
	xx := append([]float64(nil), x...)
	for i := range xx {
		v := xx[i]
		xx[i] = v + eps
		fp := f(xx)
		xx[i] = v - eps
		fm := f(xx)
		xx[i] = v
		g[i] = (fp - fm) / (2 * eps)
	}
	return g
}

// ewWeighted returns the loss x -> sum_i w[i]*ref(x)[i].
func ewWeighted(ref func(x []float64) []float64, w []float32) func(x []float64) float64 {
	return func(x []float64) float64 {
		y := ref(x)
		if len(y) != len(w) {
			panic(fmt.Sprintf("ewWeighted: %d outputs for %d weights", len(y), len(w)))
		}
		s := 0.0
		for i, v := range y {
			s += float64(w[i]) * v
		}
		return s
	}
}

// ewRand returns a tensor of uniform values in [lo, hi).
func ewRand(rng *rand.Rand, lo, hi float32, shape ...int) *tensor.Tensor {
	return tensor.RandUniform(rng, lo, hi, shape...)
}

// ewRNG returns a test generator.
func ewRNG(stream uint64) *rand.Rand { return tensor.NewRNG(12345, stream) }

// ewF64 returns t's elements as float64.
func ewF64(t *tensor.Tensor) []float64 {
	out := make([]float64, t.Size())
	for i, v := range t.Data() {
		out[i] = float64(v)
	}
	return out
}

// ewClose fails the test unless |got-want| <= atol + rtol*|want| everywhere.
func ewClose(t *testing.T, what string, got []float32, want []float64, rtol, atol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		g, w := float64(got[i]), want[i]
		if math.IsNaN(w) && math.IsNaN(g) || g == w {
			continue
		}
		if !(math.Abs(g-w) <= atol+rtol*math.Abs(w)) {
			t.Fatalf("%s: element %d = %g, want %g (|diff| %.3g)", what, i, g, w, math.Abs(g-w))
		}
	}
}

// ewGradCheck compares an analytic gradient with the numerical gradient of
// the weighted reference loss at x.
func ewGradCheck(t *testing.T, what string, ref func(x []float64) []float64, w []float32, x *tensor.Tensor, got *tensor.Tensor, tol float64) {
	t.Helper()
	if !tensor.SameShape(got.Shape(), x.Shape()) {
		t.Fatalf("%s: gradient shape %v, want %v", what, got.Shape(), x.Shape())
	}
	num := ewNumGrad(ewWeighted(ref, w), ewF64(x), 1e-6)
	ewClose(t, what, got.Data(), num, tol, tol)
}

// ewIndex converts a row-major flat index to a multi-index of shape.
func ewIndex(flat int, shape []int) []int {
	idx := make([]int, len(shape))
	for i := len(shape) - 1; i >= 0; i-- {
		if shape[i] > 0 {
			idx[i] = flat % shape[i]
			flat /= shape[i]
		}
	}
	return idx
}

// ewFlat converts a multi-index to a row-major flat index of shape.
func ewFlat(idx, shape []int) int {
	f := 0
	for i, v := range idx {
		f = f*shape[i] + v
	}
	return f
}

// ewPanics reports whether fn panics, and the message.
func ewPanics(fn func()) (msg string, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, panicked = fmt.Sprint(r), true
		}
	}()
	fn()
	return "", false
}

// ewSameBits fails unless a and b have identical shapes and bits.
func ewSameBits(t *testing.T, what string, a, b *tensor.Tensor) {
	t.Helper()
	if !tensor.Equal(a, b) {
		t.Fatalf("%s: results differ bitwise", what)
	}
}
