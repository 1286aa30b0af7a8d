package simd

import "fmt"

//go:generate sh -c "cd _asm && go run ."

// GEMM micro-kernel contract (for the blas/ driver).
//
// GemmTile returns MR x NR, the tile of the kernel selected at init
// (AVX-512F: 14x32, AVX2+FMA: 6x16, NEON: 8x12, generic: 4x16). Pack for
// that tile:
//
//   - A panel: MR rows of A over k steps, column by column:
//     A[i, p] is a[p*MR+i]; len(a) >= k*MR.
//   - B panel: NR columns of B over k steps, row by row:
//     B[p, j] is b[p*NR+j]; len(b) >= k*NR.
//
// GemmKernel(k, a, b, c, ldc, load) computes the full MR x NR tile of c
// (row stride ldc >= NR). GemmKernelEdge(mr, nr, k, a, b, c, ldc, load)
// computes only the top-left mr x nr corner (1 <= mr <= MR, 1 <= nr <= NR)
// for the edges of C: its panels are STILL packed at the full tile size
// (stride MR and NR, like BLIS), the rows i >= mr of A and columns j >= nr
// of B being padding that the kernel may read (pad with zeros) but that
// never reach c. c needs only mr rows of nr elements: nothing outside the
// corner is read or written.
//
// Both compute, for each element they keep,
//
//	acc = load ? c[i*ldc+j] : 0
//	for p := 0; p < k; p++ { acc = fma(A[i,p], B[p,j], acc) }
//	c[i*ldc+j] = acc
//
// with one rounding per fma, in p order: the canonical GEMM order, the same
// bits on every path and for any blocking of k (load=true after the first
// block).
//
// The assembly (gemm_amd64.s, gemm_arm64.s) is written by _asm/gemmgen.go
// (go generate); TestGemmAsmGenerated checks that it is up to date. Edge
// tiles cost the same as full ones: AVX-512 masks the C columns and
// bounds the rows, AVX2 loads C under a lane mask and stores through the
// stack frame, NEON goes through a scratch tile.

// GemmTile returns the micro-kernel tile size (mr rows by nr columns) of the
// kernel GemmKernel runs on this machine.
func GemmTile() (mr, nr int) { return gemm.mr, gemm.nr }

// GemmPanelRows returns how many rows of an m-row A to put in each panel
// (the last panel takes the rest): MR, or fewer where the rows of A would
// otherwise end in a short panel that runs slowly. The panels keep the
// stride MR; a panel of fewer rows goes through GemmKernelEdge.
//
// Only the AVX-512 kernel has variants whose cost follows the rows
// (gemmKernel{R}of14x32); elsewhere an edge tile costs a full one and the
// answer is MR. There a panel of R >= 8 rows runs at the full kernel's
// speed per row, but one of 2 to 6 rows streams the B panel through the
// kernel too fast for the L2 (BenchmarkGemmKernelRows: 2 rows at 65% of the
// full tile even from L1) and costs about an 8-row panel; each panel also
// costs about a row's worth of calls and packing. Among panel heights from
// MR down to 8 (even), the cheapest under that model wins, ties going to
// the taller: 32 rows become 12+12+8 rather than 14+14+4, 128 rows 10×12+8
// rather than 9×14+2, while 256 rows keep 18×14+4 (the short panel is a
// small share). Which rows share a panel changes no element's sum.
func GemmPanelRows(m int) int {
	mr := gemm.mr
	if gemm.name != "avx512" || m <= mr || m%mr == 0 || m%mr >= 8 {
		return mr
	}
	cost := func(h int) int {
		c := m/h*(h+1) + 1 // rows, and a row's worth per panel (call, packing)
		if r := m % h; r > 0 {
			c += max(r+r%2, 8)
		}
		return c
	}
	best := mr
	for h := mr - 2; h >= 8; h -= 2 {
		if cost(h) < cost(best) {
			best = h
		}
	}
	return best
}

// GemmKernel runs the micro-kernel on one full MR x NR tile (see GemmTile)
// over panels a (k*MR) and b (k*NR) packed as described above, writing c
// with row stride ldc. It panics if a slice is too short.
func GemmKernel(k int, a, b, c []float32, ldc int, load bool) {
	gemmCheck("GemmKernel", gemm.mr, gemm.nr, k, a, b, c, ldc)
	if k == 0 && load {
		return
	}
	gemm.kernel(k, a, b, c, ldc, load)
}

// GemmKernelEdge runs the micro-kernel on the top-left mr x nr corner of a
// tile (1 <= mr <= MR, 1 <= nr <= NR) for the edges of C. The panels a and
// b are packed at the full tile size, exactly as for GemmKernel; only c is
// partial (mr rows of nr elements, row stride ldc >= nr). It panics if a
// size is out of range or a slice is too short.
func GemmKernelEdge(mr, nr, k int, a, b, c []float32, ldc int, load bool) {
	if mr < 1 || mr > gemm.mr || nr < 1 || nr > gemm.nr {
		panic(fmt.Sprintf("simd: GemmKernelEdge: corner %dx%d outside the %dx%d tile", mr, nr, gemm.mr, gemm.nr))
	}
	gemmCheck("GemmKernelEdge", mr, nr, k, a, b, c, ldc)
	if k == 0 && load {
		return
	}
	gemm.edge(mr, nr, k, a, b, c, ldc, load)
}

// gemmCheck panics, naming the kernel and the sizes, unless the panels
// hold k steps of the full tile and c holds an mr x nr corner at stride ldc.
func gemmCheck(op string, mr, nr, k int, a, b, c []float32, ldc int) {
	switch {
	case k < 0:
		panic(fmt.Sprintf("simd: %s: negative k %d", op, k))
	case len(a) < k*gemm.mr:
		panic(fmt.Sprintf("simd: %s: A panel len %d < k*MR = %d*%d (panels are packed at the full tile size)", op, len(a), k, gemm.mr))
	case len(b) < k*gemm.nr:
		panic(fmt.Sprintf("simd: %s: B panel len %d < k*NR = %d*%d (panels are packed at the full tile size)", op, len(b), k, gemm.nr))
	case ldc < nr:
		panic(fmt.Sprintf("simd: %s: ldc %d < %d columns", op, ldc, nr))
	case len(c) < (mr-1)*ldc+nr:
		panic(fmt.Sprintf("simd: %s: C len %d < %d for %dx%d at ldc %d", op, len(c), (mr-1)*ldc+nr, mr, nr, ldc))
	}
}

// gemmImpl is one micro-kernel path. kernel computes a full tile, edge a
// corner; both get checked arguments and k > 0 or !load.
type gemmImpl struct {
	name   string
	mr, nr int
	kernel func(k int, a, b, c []float32, ldc int, load bool)
	edge   func(mr, nr, k int, a, b, c []float32, ldc int, load bool)
}

// gemm is the path selected at init from the CPU features; tests reselect
// it after switching features off.
var gemm = gemmSelect()

// gemmGenericImpl is the pure-Go path for machines and builds without
// assembly.
var gemmGenericImpl = gemmImpl{
	name: "generic", mr: 4, nr: 16,
	kernel: func(k int, a, b, c []float32, ldc int, load bool) {
		gemmKernelGeneric(4, 16, k, a, b, c, ldc, load)
	},
	edge: func(mr, nr, k int, a, b, c []float32, ldc int, load bool) {
		gemmKernelEdgeGeneric(4, 16, mr, nr, k, a, b, c, ldc, load)
	},
}
