package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMaxPool2x2Rows checks the whole-plane kernel against the generic
// twin for widths around every 16-output step (odd widths leave a column
// out), several rows and NaN-heavy data, with guard cells after y and idx.
func TestMaxPool2x2Rows(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	vals := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 2, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}
	old := hasAVX512
	defer func() { hasAVX512 = old }()
	for w := 0; w <= 70; w++ {
		for _, rows := range []int{0, 1, 2, 5} {
			x := make([]float32, 2*rows*w+rng.IntN(2)*w) // an odd input row may follow
			for i := range x {
				x[i] = vals[rng.IntN(len(vals))]
				if rng.IntN(2) == 0 {
					x[i] = float32(rng.NormFloat64())
				}
			}
			at0 := rng.IntN(1000)
			n := rows * (w / 2)
			run := func(fast bool) ([]float32, []int32) {
				hasAVX512 = fast && old
				y := make([]float32, n+guardLen)
				idx := make([]int32, n+guardLen)
				for i := range y {
					y[i], idx[i] = guardValue, -7
				}
				MaxPool2x2Rows(x, w, rows, y[:n], idx[:n], at0)
				return y, idx
			}
			gy, gi := run(true)
			wy, wi := run(false)
			for j := range gy {
				if math.Float32bits(gy[j]) != math.Float32bits(wy[j]) || gi[j] != wi[j] {
					t.Fatalf("w=%d rows=%d: output %d = (%v, %d), want (%v, %d)", w, rows, j, gy[j], gi[j], wy[j], wi[j])
				}
			}
			for j := n; j < len(gy); j++ {
				if math.Float32bits(gy[j]) != math.Float32bits(guardValue) || gi[j] != -7 {
					t.Fatalf("w=%d rows=%d: guard %d overwritten", w, rows, j-n)
				}
			}
		}
	}
}
