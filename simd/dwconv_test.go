package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestDepthwiseWide checks the fast path against the generic twin (which
// is the fma loop the doc states) for several kernels, steps and lengths
// around the 64- and 16-output blocks, with a NaN guard after y.
func TestDepthwiseWide(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	old := hasAVX512
	defer func() { hasAVX512 = old }()
	for _, c := range []struct{ kh, kw, rowStep, colStep int }{
		{3, 3, 34, 1}, {1, 1, 0, 1}, {5, 5, 36, 2}, {3, 1, 40, 1}, {1, 4, 0, 3}, {11, 11, 38, 1},
		{3, 3, -34, -1}, {5, 5, -36, -2}, {3, 3, 34, -1},
	} {
		for _, n := range []int{16, 48, 64, 80, 128, 144, 1104} {
			span := dwAbs((c.kh-1)*c.rowStep) + dwAbs((c.kw-1)*c.colStep)
			x := make([]float32, span+n)
			off := -min(0, (c.kh-1)*c.rowStep) - min(0, (c.kw-1)*c.colStep)
			w := make([]float32, c.kh*c.kw)
			gemmFill(rng, x, false)
			gemmFill(rng, w, false)
			bias := float32(rng.NormFloat64())
			run := func(fast bool) []float32 {
				hasAVX512 = fast && old
				y := make([]float32, n+1)
				y[n] = float32(math.NaN())
				DepthwiseWide(y[:n], x, off, w, c.kh, c.kw, c.rowStep, c.colStep, bias)
				return y
			}
			got, want := run(true), run(false)
			for j := range got {
				if math.Float32bits(got[j]) != math.Float32bits(want[j]) {
					t.Fatalf("%+v n=%d: y[%d] = %v, want %v", c, n, j, got[j], want[j])
				}
			}
		}
	}
}

func dwAbs(v int) int { return max(v, -v) }

func TestDepthwiseWidePanics(t *testing.T) {
	x, w, y := make([]float32, 100), make([]float32, 9), make([]float32, 32)
	for name, f := range map[string]func(){
		"odd length": func() { DepthwiseWide(y[:20], x, 0, w, 3, 3, 10, 1, 0) },
		"short x":    func() { DepthwiseWide(y, x, 0, w, 3, 3, 40, 1, 0) },
		"short w":    func() { DepthwiseWide(y, x, 0, w, 3, 4, 10, 1, 0) },
		"col step":   func() { DepthwiseWide(y, x, 0, w, 3, 3, 10, 0, 0) },
		"before x":   func() { DepthwiseWide(y, x, 5, w, 3, 3, -10, -1, 0) },
	} {
		t.Run(fmt.Sprint(name), func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}
