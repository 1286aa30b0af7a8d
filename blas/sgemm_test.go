package blas

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/neurocortex/neurocortex/simd"
)

// The conformance suite of the GEMM driver: every case is checked against
// a float64 reference (within a tolerance) and bit for bit against the
// naive canonical loop, with NaN guard cells around and between the rows of
// every matrix, and with the same bits at several thread counts.

// gemmCase is one call: sizes, transposes and the extra leading dimension
// beyond the minimum of each matrix.
type gemmCase struct {
	transA, transB bool
	m, n, k        int
	padA, padB     int
	padC           int
	accumulate     bool
}

func (tc gemmCase) String() string {
	return fmt.Sprintf("tA=%v,tB=%v,m=%d,n=%d,k=%d,pad=%d/%d/%d,acc=%v",
		tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.padA, tc.padB, tc.padC, tc.accumulate)
}

const guard = 7 // NaN cells before and after every matrix

// gemmMats holds the matrices of a case with their guard cells.
type gemmMats struct {
	a, b, c       []float32 // full buffers, guards included
	lda, ldb, ldc int
	ar, ac        int // stored shape of A
	br, bc        int
}

func newMats(tc gemmCase, rng *rand.Rand) *gemmMats {
	g := &gemmMats{ar: tc.m, ac: tc.k, br: tc.k, bc: tc.n}
	if tc.transA {
		g.ar, g.ac = tc.k, tc.m
	}
	if tc.transB {
		g.br, g.bc = tc.n, tc.k
	}
	g.lda, g.ldb, g.ldc = max(1, g.ac)+tc.padA, max(1, g.bc)+tc.padB, max(1, tc.n)+tc.padC
	g.a = guarded(rng, g.ar, g.ac, g.lda)
	g.b = guarded(rng, g.br, g.bc, g.ldb)
	g.c = guarded(rng, tc.m, tc.n, g.ldc)
	return g
}

// guarded returns a rows×cols matrix of random values with leading
// dimension ld, NaN in the gaps between rows and in guard cells around.
func guarded(rng *rand.Rand, rows, cols, ld int) []float32 {
	n := 0
	if rows > 0 {
		n = (rows-1)*ld + cols
	}
	buf := make([]float32, n+2*guard)
	nan := float32(math.NaN())
	for i := range buf {
		buf[i] = nan
	}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			buf[guard+i*ld+j] = float32(rng.NormFloat64())
		}
	}
	return buf
}

func (g *gemmMats) A() []float32 { return g.a[guard : len(g.a)-guard] }
func (g *gemmMats) B() []float32 { return g.b[guard : len(g.b)-guard] }
func (g *gemmMats) C() []float32 { return g.c[guard : len(g.c)-guard] }

func (g *gemmMats) opA(tc gemmCase, i, p int) float32 {
	if tc.transA {
		return g.A()[p*g.lda+i]
	}
	return g.A()[i*g.lda+p]
}

func (g *gemmMats) opB(tc gemmCase, p, j int) float32 {
	if tc.transB {
		return g.B()[j*g.ldb+p]
	}
	return g.B()[p*g.ldb+j]
}

// naiveCanonical returns C in the canonical order with the exact FMA32.
func naiveCanonical(tc gemmCase, g *gemmMats) []float32 {
	want := append([]float32(nil), g.c...)
	c := want[guard : len(want)-guard]
	for i := 0; i < tc.m; i++ {
		for j := 0; j < tc.n; j++ {
			var acc float32
			if tc.accumulate {
				acc = c[i*g.ldc+j]
			}
			for p := 0; p < tc.k; p++ {
				acc = simd.FMA32(g.opA(tc, i, p), g.opB(tc, p, j), acc)
			}
			c[i*g.ldc+j] = acc
		}
	}
	return want
}

// checkFloat64 compares C against the float64 product within a tolerance
// scaled by the sum of |terms|.
func checkFloat64(t *testing.T, tc gemmCase, g *gemmMats, c0, got []float32) {
	t.Helper()
	for i := 0; i < tc.m; i++ {
		for j := 0; j < tc.n; j++ {
			var s, mag float64
			if tc.accumulate {
				s = float64(c0[guard+i*g.ldc+j])
				mag = math.Abs(s)
			}
			for p := 0; p < tc.k; p++ {
				x := float64(g.opA(tc, i, p)) * float64(g.opB(tc, p, j))
				s += x
				mag += math.Abs(x)
			}
			v := float64(got[guard+i*g.ldc+j])
			if math.Abs(v-s) > 1e-6*(float64(tc.k)+1)*mag+1e-30 {
				t.Fatalf("%v: C[%d,%d] = %v, float64 reference %v", tc, i, j, v, s)
			}
		}
	}
}

func sameBits(t *testing.T, what string, got, want []float32) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: length %d, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("%s: element %d (guard-relative) = %v (%#x), want %v (%#x)",
				what, i-guard, got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]))
		}
	}
}

// withBlocking runs f with the blocking parameters shrunk so that small
// matrices cross every block edge, and parallelism forced.
func withBlocking(kc, mcRows, ncCols int, f func()) {
	mr, nr := simd.GemmTile()
	oldK, oldA, oldB, oldP := kcMax, aBlockBytes, bBlockBytes, parallelMin
	kcMax = kc
	aBlockBytes = 4 * kc * mcRows * mr
	bBlockBytes = 4 * kc * ncCols * nr
	parallelMin = 1
	defer func() { kcMax, aBlockBytes, bBlockBytes, parallelMin = oldK, oldA, oldB, oldP }()
	f()
}

func withThreads(n int, f func()) {
	old := SetThreads(n)
	defer SetThreads(old)
	f()
}

// edgeSizes returns the sizes around every tail and block edge of a
// dimension tiled by tile and blocked by block tiles.
func edgeSizes(tile, block int) []int {
	set := map[int]bool{}
	for s := 1; s <= 17; s++ {
		set[s] = true
	}
	for _, s := range []int{tile - 1, tile, tile + 1, 2*tile - 1, 2*tile + 1, tile*block - 1, tile * block, tile*block + 1, 2*tile*block + 3} {
		if s > 0 {
			set[s] = true
		}
	}
	var out []int
	for s := range set {
		out = append(out, s)
	}
	sortInts(out)
	return out
}

func sortInts(x []int) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

func runCase(t *testing.T, tc gemmCase, rng *rand.Rand, threads []int) {
	t.Helper()
	g := newMats(tc, rng)
	want := naiveCanonical(tc, g)
	c0 := append([]float32(nil), g.c...)
	for _, th := range threads {
		copy(g.c, c0)
		withThreads(th, func() {
			Sgemm(tc.transA, tc.transB, tc.m, tc.n, tc.k, g.A(), g.lda, g.B(), g.ldb, g.C(), g.ldc, tc.accumulate)
		})
		sameBits(t, fmt.Sprintf("%v threads=%d", tc, th), g.c, want)
	}
	checkFloat64(t, tc, g, c0, g.c)
}

// TestSgemmEdges sweeps m, n and k around the tile and block edges with
// small blocks (kc=8, 2 tiles per A block, 2 panels per B block).
func TestSgemmEdges(t *testing.T) {
	mr, nr := simd.GemmTile()
	const kc = 8
	rng := rand.New(rand.NewPCG(1, 1))
	withBlocking(kc, 2, 2, func() {
		for _, m := range edgeSizes(mr, 2) {
			runCase(t, gemmCase{m: m, n: nr + 3, k: kc + 1, padC: 2}, rng, []int{1, 2})
		}
		for _, n := range edgeSizes(nr, 2) {
			runCase(t, gemmCase{m: mr + 1, n: n, k: kc - 1, padA: 1}, rng, []int{1, 2})
		}
		for _, k := range edgeSizes(kc, 2) {
			runCase(t, gemmCase{m: 3, n: 5, k: k, padB: 3, accumulate: true}, rng, []int{1, 2})
		}
	})
}

// TestSgemmTransposes covers the four transpose combinations, padded
// leading dimensions and accumulation, at a few shapes per block layout.
func TestSgemmTransposes(t *testing.T) {
	mr, nr := simd.GemmTile()
	rng := rand.New(rand.NewPCG(1, 2))
	shapes := [][3]int{{1, 1, 1}, {mr, nr, 5}, {2*mr + 1, 2*nr - 1, 13}, {7, 3 * nr, 20}, {3*mr + 2, 5, 9}}
	for _, blk := range [][3]int{{8, 1, 1}, {5, 2, 3}, {256, 100, 100}} {
		withBlocking(blk[0], blk[1], blk[2], func() {
			for _, s := range shapes {
				for mask := 0; mask < 16; mask++ {
					tc := gemmCase{transA: mask&1 != 0, transB: mask&2 != 0, m: s[0], n: s[1], k: s[2],
						accumulate: mask&4 != 0}
					if mask&8 != 0 {
						tc.padA, tc.padB, tc.padC = 3, 1, 5
					}
					runCase(t, tc, rng, []int{1, 3})
				}
			}
		})
	}
}

// TestSgemmThreads checks the same bits at 1, 2, 3 and 16 threads with the
// default blocking and with parallelism forced.
func TestSgemmThreads(t *testing.T) {
	mr, nr := simd.GemmTile()
	rng := rand.New(rand.NewPCG(1, 3))
	old := parallelMin
	parallelMin = 1
	defer func() { parallelMin = old }()
	for _, s := range [][3]int{{5*mr + 3, 3*nr + 7, 33}, {2, 9 * nr, 17}, {40 * mr, 3, 10}} {
		runCase(t, gemmCase{m: s[0], n: s[1], k: s[2], padC: 1, accumulate: true}, rng, []int{1, 2, 3, 16})
	}
}

// TestSgemmZeroSizes checks the degenerate shapes: nothing happens for
// m or n zero, and k zero zeroes C unless accumulating.
func TestSgemmZeroSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 4))
	for _, tc := range []gemmCase{{m: 0, n: 3, k: 2}, {m: 3, n: 0, k: 2}, {m: 3, n: 4, k: 0}, {m: 3, n: 4, k: 0, accumulate: true}} {
		runCase(t, tc, rng, []int{1})
	}
}

func TestSgemmPanics(t *testing.T) {
	a := make([]float32, 6)
	for _, f := range []func(){
		func() { Sgemm(false, false, 2, 2, 3, a, 2, a, 2, a, 2, false) },     // lda < k
		func() { Sgemm(false, false, 2, 3, 3, a, 3, a, 3, a[:5], 3, false) }, // c short
		func() { Sgemm(false, false, -1, 3, 3, a, 3, a, 3, a, 3, false) },
		func() { SgemmKSplit(false, false, 1, 1, 1, 0, a, 1, a, 1, a, 1, false) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("no panic")
				} else if s, ok := r.(string); !ok || len(s) < 10 {
					t.Errorf("panic value %v does not explain", r)
				}
			}()
			f()
		}()
	}
}

// TestSgemmLarge runs one bigger product with the default blocking (skipped
// with -short: the generic kernel is slow).
func TestSgemmLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("slow with the generic kernel")
	}
	rng := rand.New(rand.NewPCG(1, 5))
	runCase(t, gemmCase{m: 301, n: 263, k: 517, padA: 1, padC: 3}, rng, []int{1, 2, 3})
}

// TestSgemmPackB checks the implicit-B entry point against Sgemm on the
// stored matrix, with a packing callback written element by element.
func TestSgemmPackB(t *testing.T) {
	mr, nr := simd.GemmTile()
	rng := rand.New(rand.NewPCG(1, 6))
	withBlocking(8, 2, 2, func() {
		for _, s := range [][3]int{{1, 1, 1}, {mr + 1, 3*nr + 5, 19}, {3, nr - 1, 8}, {2*mr + 3, 2 * nr, 17}} {
			for _, transA := range []bool{false, true} {
				tc := gemmCase{m: s[0], n: s[1], k: s[2], transA: transA, padC: 1, accumulate: transA}
				g := newMats(tc, rng)
				c0 := append([]float32(nil), g.c...)
				Sgemm(tc.transA, false, tc.m, tc.n, tc.k, g.A(), g.lda, g.B(), g.ldb, g.C(), g.ldc, tc.accumulate)
				want := append([]float32(nil), g.c...)
				copy(g.c, c0)
				pack := func(dst []float32, p0, kc, j0, cols, nr int) {
					if j0%nr != 0 {
						t.Errorf("j0=%d not a multiple of nr=%d", j0, nr)
					}
					for i := range dst {
						dst[i] = float32(math.NaN()) // everything must be overwritten
					}
					for jr := 0; jr < cols; jr += nr {
						d := dst[jr/nr*kc*nr:]
						for p := 0; p < kc; p++ {
							for j := 0; j < nr; j++ {
								d[p*nr+j] = 0
								if jr+j < cols {
									d[p*nr+j] = g.opB(tc, p0+p, j0+jr+j)
								}
							}
						}
					}
				}
				for _, th := range []int{1, 2, 3} {
					copy(g.c, c0)
					withThreads(th, func() {
						SgemmPackB(tc.transA, tc.m, tc.n, tc.k, g.A(), g.lda, pack, g.C(), g.ldc, tc.accumulate)
					})
					sameBits(t, fmt.Sprintf("%v threads=%d", tc, th), g.c, want)
				}
			}
		}
	})
}

// TestSgemmPackA checks the implicit-A entry point against Sgemm on the
// stored matrix.
func TestSgemmPackA(t *testing.T) {
	mr, nr := simd.GemmTile()
	rng := rand.New(rand.NewPCG(1, 7))
	withBlocking(8, 2, 2, func() {
		for _, s := range [][3]int{{1, 1, 1}, {mr + 1, 3*nr + 5, 19}, {3*mr - 1, nr - 1, 8}, {5*mr + 3, 2, 17}} {
			for _, transB := range []bool{false, true} {
				tc := gemmCase{m: s[0], n: s[1], k: s[2], transB: transB, padC: 2, accumulate: transB}
				g := newMats(tc, rng)
				c0 := append([]float32(nil), g.c...)
				Sgemm(false, tc.transB, tc.m, tc.n, tc.k, g.A(), g.lda, g.B(), g.ldb, g.C(), g.ldc, tc.accumulate)
				want := append([]float32(nil), g.c...)
				pack := func(dst []float32, i0, rows, p0, kc, mr int) {
					if len(dst) != (rows+mr-1)/mr*kc*mr {
						t.Errorf("dst has %d elements for %d rows, kc=%d", len(dst), rows, kc)
					}
					for i := range dst {
						dst[i] = float32(math.NaN()) // everything must be overwritten
					}
					for ir := 0; ir < rows; ir += mr {
						d := dst[ir/mr*kc*mr:]
						for p := 0; p < kc; p++ {
							for i := 0; i < mr; i++ {
								d[p*mr+i] = 0
								if ir+i < rows {
									d[p*mr+i] = g.opA(tc, i0+ir+i, p0+p)
								}
							}
						}
					}
				}
				for _, th := range []int{1, 2, 3} {
					copy(g.c, c0)
					withThreads(th, func() {
						SgemmPackA(tc.m, tc.n, tc.k, pack, tc.transB, g.B(), g.ldb, g.C(), g.ldc, tc.accumulate)
					})
					sameBits(t, fmt.Sprintf("%v threads=%d", tc, th), g.c, want)
				}
			}
		}
	})
}

// TestPrepackA checks SgemmPack with a prepacked A and an element-wise B
// packer against Sgemm, through blocks that start anywhere in k.
func TestPrepackA(t *testing.T) {
	mr, nr := simd.GemmTile()
	rng := rand.New(rand.NewPCG(1, 8))
	withBlocking(7, 2, 2, func() {
		for _, s := range [][3]int{{1, 1, 1}, {2*mr + 3, nr + 2, 23}, {5, 3 * nr, 15}} {
			for _, transA := range []bool{false, true} {
				tc := gemmCase{m: s[0], n: s[1], k: s[2], transA: transA, padA: 2, accumulate: transA}
				g := newMats(tc, rng)
				c0 := append([]float32(nil), g.c...)
				Sgemm(tc.transA, false, tc.m, tc.n, tc.k, g.A(), g.lda, g.B(), g.ldb, g.C(), g.ldc, tc.accumulate)
				want := append([]float32(nil), g.c...)
				pre := PrepackA(tc.transA, tc.m, tc.k, g.A(), g.lda)
				packB := func(dst []float32, p0, kc, j0, cols, nr int) {
					for jr := 0; jr < cols; jr += nr {
						d := dst[jr/nr*kc*nr:]
						for p := 0; p < kc; p++ {
							for j := 0; j < nr; j++ {
								d[p*nr+j] = 0
								if jr+j < cols {
									d[p*nr+j] = g.opB(tc, p0+p, j0+jr+j)
								}
							}
						}
					}
				}
				for _, th := range []int{1, 3} {
					copy(g.c, c0)
					withThreads(th, func() {
						SgemmPack(tc.m, tc.n, tc.k, pre.Pack, packB, g.C(), g.ldc, tc.accumulate)
					})
					sameBits(t, fmt.Sprintf("%v threads=%d", tc, th), g.c, want)
				}
			}
		}
	})
}

// TestSgemmSharedA checks the column chunks that share one packing of a
// small A (prepackA: more chunks than workers) against the canonical
// order: several k blocks, balanced and short A panels, transposed
// operands, 1 to 3 threads.
func TestSgemmSharedA(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	withBlocking(96, 4, 8, func() {
		for _, tc := range []gemmCase{
			{m: 29, n: 4200, k: 250, padC: 1},
			{m: 64, n: 4100, k: 97, transA: true, padA: 2},
			{m: 5, n: 5000, k: 300, transB: true, accumulate: true},
		} {
			if tc.m*tc.k > colChunkAMax || tc.n/colChunkMin <= 3 {
				t.Fatalf("%v does not take the shared-A chunks at 2 and 3 threads", tc)
			}
			runCase(t, tc, rng, []int{1, 2, 3})
		}
	})
}
