package blas

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/neurocortex/neurocortex/simd"
)

// treeRef sums leaves[lo:hi] by the recursive definition of SumTree.
func treeRef(leaves [][]float32, lo, hi int) []float32 {
	if hi-lo == 1 {
		return append([]float32(nil), leaves[lo]...)
	}
	mid := lo + 1
	for mid*2-lo < hi { // largest power of two below hi-lo, added to lo
		mid = lo + (mid-lo)*2
	}
	l, r := treeRef(leaves, lo, mid), treeRef(leaves, mid, hi)
	for i := range l {
		l[i] += r[i]
	}
	return l
}

func TestTreeMid(t *testing.T) {
	for size, want := range map[int]int{2: 1, 3: 2, 4: 2, 5: 4, 7: 4, 8: 4, 9: 8, 64: 32, 65: 64} {
		if got := treeMid(10, 10+size); got != 10+want {
			t.Errorf("treeMid(10, %d) = %d, want %d", 10+size, got, 10+want)
		}
	}
}

func TestSumTree(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 1))
	for _, n := range []int{1, 2, 3, 5, 7, 8, 13, 16, 31, 64, 100} {
		leaves := make([][]float32, n)
		for i := range leaves {
			leaves[i] = make([]float32, 37)
			for j := range leaves[i] {
				// Wide exponents so that any change of order shows.
				leaves[i][j] = float32(rng.NormFloat64() * float64(int(1)<<rng.IntN(20)))
			}
		}
		want := treeRef(leaves, 0, n)
		for _, th := range []int{1, 2, 3, 16} {
			got := make([]float32, 37)
			withThreads(th, func() {
				SumTree(n, got, func(i int, out []float32) { copy(out, leaves[i]) })
			})
			sameBits(t, fmt.Sprintf("n=%d threads=%d", n, th), got, want)
		}
	}
	dst := []float32{1, 2}
	SumTree(0, dst, nil)
	if dst[0] != 0 || dst[1] != 0 {
		t.Errorf("SumTree(0) left %v", dst)
	}
}

// TestSgemmKSplit checks SgemmKSplit bit for bit against its definition:
// canonical chunk products, the SumTree order, then one store or add.
func TestSgemmKSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	old := parallelMin
	parallelMin = 1
	defer func() { parallelMin = old }()
	for _, tc := range []struct {
		gemmCase
		chunk int
	}{
		{gemmCase{m: 5, n: 7, k: 40, padC: 2}, 8},
		{gemmCase{m: 3, n: 17, k: 41, transA: true, padA: 1, accumulate: true}, 8},
		{gemmCase{m: 16, n: 5, k: 100, transB: true, padB: 2}, 7},
		{gemmCase{m: 2, n: 3, k: 6, transA: true, transB: true}, 50},
		{gemmCase{m: 2, n: 3, k: 6, accumulate: true}, 50},
		{gemmCase{m: 2, n: 3, k: 0}, 4},
	} {
		g := newMats(tc.gemmCase, rng)
		c0 := append([]float32(nil), g.c...)
		// Reference: one leaf per chunk.
		var leaves [][]float32
		for p0 := 0; p0 < tc.k; p0 += tc.chunk {
			kk := min(tc.chunk, tc.k-p0)
			leaf := make([]float32, tc.m*tc.n)
			for i := 0; i < tc.m; i++ {
				for j := 0; j < tc.n; j++ {
					var acc float32
					for p := p0; p < p0+kk; p++ {
						acc = simd.FMA32(g.opA(tc.gemmCase, i, p), g.opB(tc.gemmCase, p, j), acc)
					}
					leaf[i*tc.n+j] = acc
				}
			}
			leaves = append(leaves, leaf)
		}
		want := append([]float32(nil), c0...)
		s := make([]float32, tc.m*tc.n)
		if len(leaves) > 0 {
			s = treeRef(leaves, 0, len(leaves))
		}
		for i := 0; i < tc.m; i++ {
			for j := 0; j < tc.n; j++ {
				w := &want[guard+i*g.ldc+j]
				if tc.accumulate {
					*w += s[i*tc.n+j]
				} else {
					*w = s[i*tc.n+j]
				}
			}
		}
		for _, th := range []int{1, 2, 3, 16} {
			copy(g.c, c0)
			withThreads(th, func() {
				SgemmKSplit(tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.chunk, g.A(), g.lda, g.B(), g.ldb, g.C(), g.ldc, tc.accumulate)
			})
			sameBits(t, fmt.Sprintf("%v chunk=%d threads=%d", tc.gemmCase, tc.chunk, th), g.c, want)
		}
		checkFloat64(t, tc.gemmCase, g, c0, g.c)
	}
}

func TestParallelFor(t *testing.T) {
	for _, th := range []int{1, 2, 5} {
		withThreads(th, func() {
			hits := make([]int, 1000)
			ParallelFor(len(hits), func(i int) {
				hits[i]++
				// A nested call runs on the calling goroutine.
				ParallelFor(3, func(int) {})
			})
			for i, h := range hits {
				if h != 1 {
					t.Fatalf("threads=%d: index %d ran %d times", th, i, h)
				}
			}
		})
	}
	if got := SetThreads(3); got <= 0 {
		t.Errorf("SetThreads returned %d", got)
	}
	if Threads() != 3 {
		t.Errorf("Threads() = %d after SetThreads(3)", Threads())
	}
	SetThreads(0)
}

// TestBarrier runs rounds in which every worker checks that all others
// finished the previous round before any starts the next.
func TestBarrier(t *testing.T) {
	const workers, rounds = 5, 300
	b := barrier{n: workers}
	var done [workers]int
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				done[w] = r + 1
				b.wait()
				for o := 0; o < workers; o++ {
					if d := done[o]; d < r+1 {
						errs <- fmt.Sprintf("round %d: worker %d saw worker %d at %d", r, w, o, d)
						return
					}
				}
				b.wait()
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// TestParallelForPanic checks that a panic on a helper goroutine reaches
// the caller and leaves the pool usable.
func TestParallelForPanic(t *testing.T) {
	withThreads(3, func() {
		for round := 0; round < 3; round++ {
			func() {
				defer func() {
					if r := recover(); r != "boom" {
						t.Errorf("round %d: recovered %v", round, r)
					}
				}()
				ParallelFor(50, func(i int) {
					if i == 17 {
						panic("boom")
					}
				})
			}()
			n := 0
			var mu sync.Mutex
			ParallelFor(10, func(int) { mu.Lock(); n++; mu.Unlock() })
			if n != 10 {
				t.Fatalf("round %d: pool broken after a panic: %d calls", round, n)
			}
		}
	})
}
