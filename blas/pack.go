package blas

import "github.com/neurocortex/neurocortex/simd"

// Packing copies a block of op(A) or op(B) into the panel layout of the
// simd micro-kernel (see simd.GemmTile): a block of op(A) becomes panels
// of mr rows, A[i,p] at panel[p*mr+i]; a block of op(B) becomes panels of
// nr columns, B[p,j] at panel[p*nr+j]. The last panel of a block is padded
// with zeros to the full tile, so the kernel may read it whole.
//
// Both operands reduce to the same two shapes of copy, which simd
// vectorises. A panel whose w lines run along the stored rows of the
// matrix (op(B) = B, op(A) = Aᵀ) is a series of row copies
// (simd.GemmPackRows); one whose lines run across the stored rows
// (op(A) = A, op(B) = Bᵀ) is a transposition (simd.GemmPackT).

// packA packs rows [i0, i0+rows) and columns [p0, p0+kc) of op(A) into
// ceil(rows/mr) panels of kc*mr elements in dst.
func packA(dst []float32, a []float32, lda int, trans bool, i0, rows, p0, kc, mr int) {
	for ir, panel := 0, 0; ir < rows; ir, panel = ir+mr, panel+1 {
		cnt := min(mr, rows-ir)
		d := dst[panel*kc*mr : (panel+1)*kc*mr]
		if trans {
			// op(A)[i,p] = a[p*lda+i]: row p of the panel is contiguous.
			simd.GemmPackRows(d, mr, a, p0*lda+i0+ir, lda, cnt, kc)
		} else {
			simd.GemmPackT(d, mr, a, (i0+ir)*lda+p0, lda, cnt, kc)
		}
	}
}

// packB packs rows [p0, p0+kc) and columns [j0, j0+cols) of op(B) into
// ceil(cols/nr) panels of kc*nr elements in dst.
func packB(dst []float32, b []float32, ldb int, trans bool, p0, kc, j0, cols, nr int) {
	if !trans {
		simd.GemmPackRows(dst, nr, b, p0*ldb+j0, ldb, cols, kc)
		return
	}
	for jr, panel := 0, 0; jr < cols; jr, panel = jr+nr, panel+1 {
		// op(B)[p,j] = b[j*ldb+p]: column j of the panel is contiguous.
		d := dst[panel*kc*nr : (panel+1)*kc*nr]
		simd.GemmPackT(d, nr, b, (j0+jr)*ldb+p0, ldb, min(nr, cols-jr), kc)
	}
}
