package simd

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
			fmaRow(a[p*lda+i], b[p*ldb:p*ldb+nr], row)
		}
	}
}
