package simd

import "math"

// Packed panels of the GEMM micro-kernel (see the contract in gemm.go).
//
// An A panel holds mr rows of A over k steps, column by column:
// A[i, p] is a[p*mr+i]. A B panel holds nr columns of B over k steps, row by
// row: B[p, j] is b[p*nr+j]. The kernel computes, for i < mr and j < nr,
//
//	acc = load ? c[i*ldc+j] : 0
//	for p := 0; p < k; p++ { acc = fma(A[i,p], B[p,j], acc) }
//	c[i*ldc+j] = acc
//
// which is the canonical GEMM order: blocking over k with load=true on every
// block after the first gives the same bits as one unblocked pass. Edge
// kernels keep the panels of the full tile (stride MR, NR) and compute only
// an mr x nr corner of it.

// gemmKernelGeneric is the reference micro-kernel for any mr x nr tile, its
// panels packed at stride mr and nr.
func gemmKernelGeneric(mr, nr, k int, a, b, c []float32, ldc int, load bool) {
	gemmKernelEdgeGeneric(mr, nr, mr, nr, k, a, b, c, ldc, load)
}

// gemmKernelEdgeGeneric is the reference edge kernel: the mr x nr corner of
// a tile whose panels are packed at stride lda (= MR) and ldb (= NR).
//
// Each C row is its own accumulator row, updated step by step: the
// sequence of fmas reaching every element is exactly the one above, while
// the inner loop runs over contiguous slices without bounds checks.
func gemmKernelEdgeGeneric(lda, ldb, mr, nr, k int, a, b, c []float32, ldc int, load bool) {
	if k == 0 && load {
		return
	}
	for i := 0; i < mr; i++ {
		row := c[i*ldc : i*ldc+nr]
		if !load {
			clear(row)
		}
		for p := 0; p < k; p++ {
			ai := a[p*lda+i]
			bp := b[p*ldb : p*ldb+nr]
			for j := 0; j < nr; j++ {
				j += gemmFMARowFast(float64(ai), bp[j:], row[j:])
				if j < nr {
					row[j] = FMA32(ai, bp[j], row[j])
				}
			}
		}
	}
}

// gemmFMARowFast sets row[j] = fma(af, bp[j], row[j]) for the leading j
// whose float64 sum rounds straight to float32 (FMA32's fast path: not on
// a float32 midpoint, not below the normal range), and returns the index of
// the first one that needs the exact slow path. Keeping the call to the
// slow path out of this loop keeps its values in registers. The product of
// two float32s is exact in float64, so s is the same whether or not the
// compiler fuses the multiply and add into a float64 FMA.
func gemmFMARowFast(af float64, bp, row []float32) int {
	row = row[:len(bp)]
	for j, bj := range bp {
		s := af*float64(bj) + float64(row[j])
		bits := math.Float64bits(s)
		if bits&(1<<29-1) == 1<<28 || bits&(0x7ff<<52) < (1023-126)<<52 {
			return j
		}
		row[j] = float32(s)
	}
	return len(bp)
}
