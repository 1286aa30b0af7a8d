package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMaxPool2x2Rows checks every path against the generic twin for
// widths around every 8- and 16-output step (odd widths leave a column
// out), several rows and NaN-heavy data, with guard cells after y and idx.
func TestMaxPool2x2Rows(t *testing.T) { kernelPaths(t, testMaxPool2x2Rows) }

func testMaxPool2x2Rows(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	vals := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 2, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}
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
			run := func(pool func(x []float32, w, rows int, y []float32, idx []int32, at0 int)) ([]float32, []int32) {
				y := make([]float32, n+guardLen)
				idx := make([]int32, n+guardLen)
				for i := range y {
					y[i], idx[i] = guardValue, -7
				}
				pool(x, w, rows, y[:n], idx[:n], at0)
				return y, idx
			}
			gy, gi := run(MaxPool2x2Rows)
			wy, wi := run(maxPool2x2RowsGeneric)
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

// BenchmarkMaxPool2x2Rows pools 64 planes of 28x28 (a first conv layer's
// output on MNIST) on each path.
func BenchmarkMaxPool2x2Rows(b *testing.B) {
	const planes, w = 64, 28
	rng := rand.New(rand.NewPCG(9, 9))
	x := make([]float32, planes*w*w)
	gemmFill(rng, x, false)
	y, idx := make([]float32, planes*w*w/4), make([]int32, planes*w*w/4)
	benchPaths(b, func(b *testing.B) {
		b.SetBytes(4 * int64(len(x)))
		for i := 0; i < b.N; i++ {
			for pl := 0; pl < planes; pl++ {
				MaxPool2x2Rows(x[pl*w*w:], w, w/2, y[pl*w*w/4:], idx[pl*w*w/4:], 0)
			}
		}
	})
}
