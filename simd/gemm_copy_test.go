package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCopyRuns checks CopyRuns against its generic twin on every path for
// every run length, with NaN guard cells in dst that must survive and the
// last line's run ending where src ends.
func TestCopyRuns(t *testing.T) { kernelPaths(t, testCopyRuns) }

func testCopyRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	src := make([]float32, 300)
	for i := range src {
		src[i] = float32(i) + 0.5
	}
	for n := 0; n <= 32; n++ {
		for _, lines := range []int{1, 2, 7} {
			stride := n + rng.IntN(5)
			if stride == 0 {
				stride = 1
			}
			add := rng.IntN(10) - 5
			offs := make([]int, lines)
			for p := range offs {
				offs[p] = 5 + rng.IntN(len(src)-n-10)
			}
			offs[lines-1] = len(src) - n - add
			got := make([]float32, lines*stride+2)
			want := make([]float32, len(got))
			for i := range got {
				got[i] = float32(math.NaN())
				want[i] = float32(i)
			}
			copy(want, got)
			CopyRuns(got[1:], stride, src, offs, add, n)
			copyRunsGeneric(want[1:], stride, src, offs, add, n)
			for i := range got {
				if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
					t.Fatalf("n=%d lines=%d stride=%d: dst[%d] = %v, want %v", n, lines, stride, i, got[i], want[i])
				}
			}
		}
	}
}

func TestCopyRunsPanics(t *testing.T) {
	src := make([]float32, 40)
	dst := make([]float32, 64)
	for name, f := range map[string]func(){
		"long run":   func() { CopyRuns(dst, 33, src, []int{0}, 0, 33) },
		"short dst":  func() { CopyRuns(dst, 32, src, []int{0, 0, 0}, 0, 8) },
		"src past":   func() { CopyRuns(dst, 8, src, []int{0, 33}, 0, 8) },
		"src before": func() { CopyRuns(dst, 8, src, []int{3}, -4, 8) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
