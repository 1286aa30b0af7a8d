package simd

// Packed panels of the GEMM micro-kernel.
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
// block after the first gives the same bits as one unblocked pass.

// gemmKernelGeneric is the reference micro-kernel for any mr x nr tile.
func gemmKernelGeneric(mr, nr, k int, a, b, c []float32, ldc int, load bool) {
	if k == 0 && load {
		return
	}
	for i := 0; i < mr; i++ {
		row := c[i*ldc : i*ldc+nr]
		for j := 0; j < nr; j++ {
			var acc float32
			if load {
				acc = row[j]
			}
			for p := 0; p < k; p++ {
				acc = FMA32(a[p*mr+i], b[p*nr+j], acc)
			}
			row[j] = acc
		}
	}
}
