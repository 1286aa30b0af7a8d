package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// gemmPaths returns every micro-kernel path this machine runs, fastest
// first, by switching the CPU features off one by one (x/crypto's blake2b
// tests do the same); the generic path is always last.
func gemmPaths() []gemmImpl {
	saved512, saved2, savedNEON := hasAVX512, hasAVX2, hasNEON
	defer func() { hasAVX512, hasAVX2, hasNEON = saved512, saved2, savedNEON }()
	var paths []gemmImpl
	for {
		g := gemmSelect()
		paths = append(paths, g)
		switch g.name {
		case "avx512":
			hasAVX512 = false
		case "avx2":
			hasAVX2 = false
		case "neon":
			hasNEON = false
		default:
			return paths
		}
	}
}

// withGemm runs f with g as the selected path.
func withGemm(g gemmImpl, f func()) {
	saved := gemm
	defer func() { gemm = saved }()
	gemm = g
	f()
}

// gemmGuard is the bit pattern of the cells around and between the C rows
// of a test tile: a NaN with a payload no kernel produces, so any stray
// write shows.
const gemmGuard = 0x7fa5a5a5

// gemmSpecials are values that stress the fma: signed zeros, infinities,
// NaN, subnormals, the extremes of the range and neighbours of 1 whose
// products land on rounding ties.
var gemmSpecials = []float32{
	0, float32(math.Copysign(0, -1)), 1, -1,
	float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()),
	math.Float32frombits(1), math.Float32frombits(0x807fffff), math.Float32frombits(0x00400000),
	math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32 * 3,
	0x1p-126, 0x1p-70, -0x1p-63, 0x1p64, 0x1p100,
	1 + 0x1p-23, 1 - 0x1p-24, 1 + 0x1p-12, -(1 + 0x1p-11), 3, 1.0 / 3,
}

// gemmFill fills x with normal values of varied magnitude; with special,
// about a third of the entries come from gemmSpecials.
func gemmFill(rng *rand.Rand, x []float32, special bool) {
	for i := range x {
		if special && rng.IntN(3) == 0 {
			x[i] = gemmSpecials[rng.IntN(len(gemmSpecials))]
			continue
		}
		x[i] = float32(rng.NormFloat64() * math.Ldexp(1, rng.IntN(9)-4))
	}
}

// gemmSame reports whether x and y are the same float32: bit for bit, or
// both NaN (the NaN payload and sign are not part of the canonical order;
// hardware and the Go emulation propagate them differently).
func gemmSame(x, y float32) bool {
	return math.Float32bits(x) == math.Float32bits(y) || x != x && y != y
}

// gemmCase is one conformance case: the corner mr x nr of the tile of the
// path under test, k steps, C at row stride nr+pad.
type gemmCase struct {
	mr, nr, k, pad int
	load, special  bool
}

func (tc gemmCase) String() string {
	return fmt.Sprintf("%dx%d/k=%d/pad=%d/load=%v/special=%v", tc.mr, tc.nr, tc.k, tc.pad, tc.load, tc.special)
}

// run checks the selected path on tc against the generic twin and checks
// that no cell outside the corner changed.
func (tc gemmCase) run(t *testing.T, rng *rand.Rand) {
	t.Helper()
	mrT, nrT := GemmTile()
	a := make([]float32, tc.k*mrT)
	b := make([]float32, tc.k*nrT)
	gemmFill(rng, a, tc.special)
	gemmFill(rng, b, tc.special)

	// C: a guard row above and below, guard cells between the rows.
	ldc := tc.nr + tc.pad
	const lead = 19
	buf := make([]float32, lead+tc.mr*ldc+lead)
	for i := range buf {
		buf[i] = math.Float32frombits(gemmGuard)
	}
	c := buf[lead : lead+(tc.mr-1)*ldc+tc.nr]
	for i := 0; i < tc.mr; i++ {
		gemmFill(rng, c[i*ldc:i*ldc+tc.nr], tc.special)
	}
	want := append([]float32(nil), c...)
	gemmKernelEdgeGeneric(mrT, nrT, tc.mr, tc.nr, tc.k, a, b, want, ldc, tc.load)

	if tc.mr == mrT && tc.nr == nrT && rng.IntN(2) == 0 {
		GemmKernel(tc.k, a, b, c, ldc, tc.load)
	} else {
		GemmKernelEdge(tc.mr, tc.nr, tc.k, a, b, c, ldc, tc.load)
	}

	bad := 0
	for idx, v := range buf {
		i, j := (idx-lead)/ldc, (idx-lead)%ldc
		inside := idx >= lead && i < tc.mr && j < tc.nr
		switch {
		case inside && !gemmSame(v, want[i*ldc+j]):
			t.Errorf("%v: c[%d,%d] = %v (%#08x), want %v (%#08x)", tc, i, j,
				v, math.Float32bits(v), want[i*ldc+j], math.Float32bits(want[i*ldc+j]))
		case !inside && math.Float32bits(v) != gemmGuard:
			t.Errorf("%v: stray write at buffer offset %d (row %d col %d): %v", tc, idx, i, j, v)
		default:
			continue
		}
		if bad++; bad == 5 {
			t.Fatalf("%v: too many errors", tc)
		}
	}
}

var gemmKs = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 31, 32, 33, 64, 255, 256, 257}

// TestGemmKernelConformance runs the full tile of every path at every k
// around the unrolling edges, against the generic twin bit for bit.
func TestGemmKernelConformance(t *testing.T) {
	for _, g := range gemmPaths() {
		t.Run(g.name, func(t *testing.T) {
			withGemm(g, func() {
				rng := rand.New(rand.NewPCG(1, 2))
				for _, k := range gemmKs {
					for _, load := range []bool{false, true} {
						for _, special := range []bool{false, true} {
							for _, pad := range []int{0, 5} {
								gemmCase{g.mr, g.nr, k, pad, load, special}.run(t, rng)
							}
						}
					}
				}
			})
		})
	}
}

// TestGemmKernelEdge runs every corner of the tile of every path.
func TestGemmKernelEdge(t *testing.T) {
	ks := []int{0, 1, 5, 17}
	if !testing.Short() {
		ks = append(ks, 64)
	}
	for _, g := range gemmPaths() {
		t.Run(g.name, func(t *testing.T) {
			withGemm(g, func() {
				rng := rand.New(rand.NewPCG(3, 4))
				for mr := 1; mr <= g.mr; mr++ {
					for nr := 1; nr <= g.nr; nr++ {
						for _, k := range ks {
							for _, load := range []bool{false, true} {
								gemmCase{mr, nr, k, rng.IntN(3), load, rng.IntN(2) == 0}.run(t, rng)
							}
						}
					}
				}
			})
		})
	}
}

// TestGemmKernelBlocking checks the property the blas driver relies on:
// splitting k into blocks, each after the first with load=true, gives the
// same bits as one pass.
func TestGemmKernelBlocking(t *testing.T) {
	for _, g := range gemmPaths() {
		t.Run(g.name, func(t *testing.T) {
			withGemm(g, func() {
				rng := rand.New(rand.NewPCG(5, 6))
				const k = 77
				a := make([]float32, k*g.mr)
				b := make([]float32, k*g.nr)
				gemmFill(rng, a, false)
				gemmFill(rng, b, false)
				one := make([]float32, g.mr*g.nr)
				GemmKernel(k, a, b, one, g.nr, false)
				for _, split := range []int{1, 4, 13, 40, 76} {
					blocked := make([]float32, g.mr*g.nr)
					GemmKernel(split, a[:split*g.mr], b[:split*g.nr], blocked, g.nr, false)
					GemmKernel(k-split, a[split*g.mr:], b[split*g.nr:], blocked, g.nr, true)
					for i := range one {
						if !gemmSame(one[i], blocked[i]) {
							t.Fatalf("split %d: c[%d] = %v, one pass %v", split, i, blocked[i], one[i])
						}
					}
				}
			})
		})
	}
}

// TestGemmKernelGenericOrder pins the generic twin itself to a plain
// float64 reference where every fma is exact (small integers), and to the
// literal per-element FMA32 loop of the contract on random data.
func TestGemmKernelGenericOrder(t *testing.T) {
	const mr, nr, k = 3, 5, 9
	rng := rand.New(rand.NewPCG(7, 8))
	a := make([]float32, k*mr)
	b := make([]float32, k*nr)
	for i := range a {
		a[i] = float32(rng.IntN(17) - 8)
	}
	for i := range b {
		b[i] = float32(rng.IntN(17) - 8)
	}
	c := make([]float32, mr*nr)
	for i := range c {
		c[i] = float32(rng.IntN(100))
	}
	got := append([]float32(nil), c...)
	gemmKernelGeneric(mr, nr, k, a, b, got, nr, true)
	for i := 0; i < mr; i++ {
		for j := 0; j < nr; j++ {
			want := float64(c[i*nr+j])
			for p := 0; p < k; p++ {
				want += float64(a[p*mr+i]) * float64(b[p*nr+j])
			}
			if float64(got[i*nr+j]) != want {
				t.Errorf("c[%d,%d] = %v, want %v", i, j, got[i*nr+j], want)
			}
		}
	}

	gemmFill(rng, a, true)
	gemmFill(rng, b, true)
	gemmFill(rng, c, true)
	got = append(got[:0], c...)
	gemmKernelGeneric(mr, nr, k, a, b, got, nr, true)
	for i := 0; i < mr; i++ {
		for j := 0; j < nr; j++ {
			acc := c[i*nr+j]
			for p := 0; p < k; p++ {
				acc = FMA32(a[p*mr+i], b[p*nr+j], acc)
			}
			if !gemmSame(got[i*nr+j], acc) {
				t.Errorf("special c[%d,%d] = %v, want %v", i, j, got[i*nr+j], acc)
			}
		}
	}
}

// TestGemmKernelPanics checks that bad sizes panic with a message instead
// of writing out of bounds.
func TestGemmKernelPanics(t *testing.T) {
	mr, nr := GemmTile()
	k := 4
	a := make([]float32, k*mr)
	b := make([]float32, k*nr)
	c := make([]float32, mr*nr)
	cases := map[string]func(){
		"short a":    func() { GemmKernel(k, a[:k*mr-1], b, c, nr, false) },
		"short b":    func() { GemmKernel(k, a, b[:k*nr-1], c, nr, false) },
		"short c":    func() { GemmKernel(k, a, b, c[:len(c)-1], nr, false) },
		"small ldc":  func() { GemmKernel(k, a, b, c, nr-1, false) },
		"negative k": func() { GemmKernel(-1, a, b, c, nr, false) },
		"edge rows":  func() { GemmKernelEdge(mr+1, nr, k, a, b, c, nr, false) },
		"edge cols":  func() { GemmKernelEdge(mr, 0, k, a, b, c, nr, false) },
		"edge short": func() { GemmKernelEdge(2, 3, k, a[:2*k], b, c, nr, false) },
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("no panic")
				}
			}()
			f()
		})
	}
}

// TestGemmTile checks that GemmTile reports the selected path.
func TestGemmTile(t *testing.T) {
	mr, nr := GemmTile()
	if mr != gemm.mr || nr != gemm.nr || mr < 1 || nr < 1 {
		t.Fatalf("GemmTile() = %d, %d; selected %s %dx%d", mr, nr, gemm.name, gemm.mr, gemm.nr)
	}
	t.Logf("GEMM path %s, tile %dx%d", gemm.name, mr, nr)
}

// TestGemmPanelRows checks the panel heights the blas driver uses: MR off
// AVX-512; there, no short last panel where taller panels avoid it.
func TestGemmPanelRows(t *testing.T) {
	for m := 1; m <= 300; m++ {
		h := GemmPanelRows(m)
		if h > gemm.mr || h < min(8, gemm.mr) || (h != gemm.mr && h%2 != 0) {
			t.Fatalf("%s: GemmPanelRows(%d) = %d outside [8, %d] or odd", gemm.name, m, h, gemm.mr)
		}
		if gemm.name != "avx512" && h != gemm.mr {
			t.Fatalf("%s: GemmPanelRows(%d) = %d, want MR %d", gemm.name, m, h, gemm.mr)
		}
	}
	if gemm.name != "avx512" {
		return
	}
	for _, c := range [][2]int{{6, 14}, {14, 14}, {16, 8}, {22, 14}, {32, 12}, {64, 14}, {128, 12}, {256, 14}, {294, 14}} {
		if h := GemmPanelRows(c[0]); h != c[1] {
			t.Errorf("GemmPanelRows(%d) = %d, want %d", c[0], h, c[1])
		}
	}
}
