package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMaxPool2x2Row checks the fast path against the generic twin on rows
// full of ties, signed zeros and NaNs (the first maximum must win), with
// NaN guard cells after y and idx that must survive.
func TestMaxPool2x2Row(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	vals := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 2, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}
	old := hasAVX512
	defer func() { hasAVX512 = old }()
	for n := 0; n <= 40; n++ {
		for rep := 0; rep < 20; rep++ {
			w := 2*n + rng.IntN(3)
			r0 := make([]float32, w)
			r1 := make([]float32, w)
			for i := range r0 {
				r0[i] = vals[rng.IntN(len(vals))]
				r1[i] = vals[rng.IntN(len(vals))]
			}
			at0 := rng.IntN(1000)
			run := func(fast bool) ([]float32, []int32) {
				hasAVX512 = fast && old
				y := make([]float32, n+2)
				idx := make([]int32, n+2)
				for i := range y {
					y[i], idx[i] = float32(math.NaN()), -7
				}
				MaxPool2x2Row(r0, r1, y[:n], idx[:n], at0, w)
				return y, idx
			}
			gy, gi := run(true)
			wy, wi := run(false)
			for j := range gy {
				if math.Float32bits(gy[j]) != math.Float32bits(wy[j]) || gi[j] != wi[j] {
					t.Fatalf("n=%d w=%d: output %d = (%v, %d), want (%v, %d)", n, w, j, gy[j], gi[j], wy[j], wi[j])
				}
			}
		}
	}
}
