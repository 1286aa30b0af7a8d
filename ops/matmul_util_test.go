package ops

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/tensor"
)

// Test helpers of the linear-algebra ops (matmul, conv, pool): float64
// references, a central-difference gradient check, thread sweeps.

// laRand returns a tensor of uniform values in [-1, 1).
func laRand(rng *rand.Rand, shape ...int) *tensor.Tensor {
	return tensor.RandUniform(rng, -1, 1, shape...)
}

func laRNG(stream uint64) *rand.Rand { return tensor.NewRNG(2024, stream) }

func laF64(t *tensor.Tensor) []float64 {
	out := make([]float64, t.Size())
	for i, v := range t.Data() {
		out[i] = float64(v)
	}
	return out
}

// laClose fails unless got matches want within atol + rtol*|want|.
func laClose(t *testing.T, what string, got []float32, want []float64, rtol, atol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d elements, want %d", what, len(got), len(want))
	}
	for i := range got {
		if d := math.Abs(float64(got[i]) - want[i]); !(d <= atol+rtol*math.Abs(want[i])) {
			t.Fatalf("%s: element %d = %v, want %v (diff %g)", what, i, got[i], want[i], d)
		}
	}
}

// laGradCheck checks analytic gradients against central differences of a
// float64 reference: with the loss L(xs) = sum_i gy[i]*ref(xs)[i], the
// numerical dL/dxs[j] must match got[j] (computed by the op's backward
// with upstream gradient gy) within tol relative to the largest gradient.
func laGradCheck(t *testing.T, what string, ref func(xs [][]float64) []float64, xs []*tensor.Tensor,
	gy *tensor.Tensor, got []*tensor.Tensor, eps, tol float64) {
	t.Helper()
	in := make([][]float64, len(xs))
	for j, x := range xs {
		in[j] = laF64(x)
	}
	w := laF64(gy)
	loss := func() float64 {
		y := ref(in)
		if len(y) != len(w) {
			panic(fmt.Sprintf("laGradCheck: %d outputs, %d upstream gradients", len(y), len(w)))
		}
		s := 0.0
		for i, v := range y {
			s += w[i] * v
		}
		return s
	}
	for j := range in {
		if got[j] == nil {
			continue
		}
		if got[j].Size() != len(in[j]) {
			t.Fatalf("%s: gradient %d has %d elements, input %d", what, j, got[j].Size(), len(in[j]))
		}
		// Check every element of small inputs, an evenly spread subset of
		// about 80 of large ones (the tests must stay fast).
		step := max(1, len(in[j])/80)
		num := make([]float64, len(in[j]))
		scale := 1e-3
		for i := range in[j] {
			if i%step != 0 && i != len(in[j])-1 {
				continue
			}
			v := in[j][i]
			in[j][i] = v + eps
			lp := loss()
			in[j][i] = v - eps
			lm := loss()
			in[j][i] = v
			num[i] = (lp - lm) / (2 * eps)
			scale = math.Max(scale, math.Abs(num[i]))
		}
		for i, g := range got[j].Data() {
			if i%step != 0 && i != len(in[j])-1 {
				continue
			}
			if d := math.Abs(float64(g) - num[i]); !(d <= tol*scale) {
				t.Fatalf("%s: gradient of input %d, element %d = %v, central difference %v (scale %g)",
					what, j, i, g, num[i], scale)
			}
		}
	}
}

// laThreads runs f at each thread count (GOMAXPROCS and the blas pool)
// and restores the old settings.
func laThreads(counts []int, f func(threads int)) {
	oldProcs := runtime.GOMAXPROCS(0)
	old := blas.SetThreads(1)
	defer func() {
		runtime.GOMAXPROCS(oldProcs)
		blas.SetThreads(old)
	}()
	for _, n := range counts {
		runtime.GOMAXPROCS(n)
		blas.SetThreads(0) // = GOMAXPROCS
		f(n)
	}
}

// laSameBits fails unless a and b have identical shapes and bits.
func laSameBits(t *testing.T, what string, a, b *tensor.Tensor) {
	t.Helper()
	if !tensor.Equal(a, b) {
		t.Fatalf("%s: results differ in bits (shapes %v, %v)", what, a.Shape(), b.Shape())
	}
}

// laPanics reports whether f panics, and with what message.
func laPanics(f func()) (msg string, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, ok = fmt.Sprint(r), true
		}
	}()
	f()
	return "", false
}
