package blas

import "fmt"

// Implicit operands: GEMMs whose A or B is produced block by block by a
// function instead of read from a stored matrix.

// PackB packs a block of a k×n matrix B that exists only implicitly, for
// SgemmPackB: rows [p0, p0+kc) and columns [j0, j0+cols) into
// ceil(cols/nr) panels of kc*nr elements, B[p0+p, j0+jr+j] going to
// dst[(jr/nr)*kc*nr + p*nr + j], and the columns of the last panel past
// cols set to zero. j0 is a multiple of nr. It is called concurrently for
// disjoint blocks and must not write anything but dst.
type PackB func(dst []float32, p0, kc, j0, cols, nr int)

// SgemmPackB is Sgemm with op(B) produced by pack instead of read from a
// stored matrix: an implicit GEMM, so that a convolution can pack its
// im2col matrix straight from the image without writing it out first. The
// order and the bits are those of Sgemm on the matrix pack describes.
func SgemmPackB(transA bool, m, n, k int, a []float32, lda int, pack PackB, c []float32, ldc int, accumulate bool) {
	if m < 0 || n < 0 || k < 0 || pack == nil {
		panic(fmt.Sprintf("blas: SgemmPackB: m=%d n=%d k=%d, pack nil: %v", m, n, k, pack == nil))
	}
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	matCheck("SgemmPackB", "a", ar, ac, a, lda)
	matCheck("SgemmPackB", "c", m, n, c, ldc)
	g := gemm{transA: transA, m: m, n: n, k: k, a: a, lda: lda, packB: pack, c: c, ldc: ldc, load: accumulate}
	g.run(Threads())
}

// PackA packs a block of an m×k matrix A that exists only implicitly, for
// SgemmPackA: rows [i0, i0+rows) and columns [p0, p0+kc) into
// ceil(rows/mr) panels of kc*mr elements, A[i0+ir+i, p0+p] going to
// dst[(ir/mr)*kc*mr + p*mr + i], and the rows of the last panel past rows
// set to zero. It is called concurrently for disjoint blocks and must not
// write anything but dst.
type PackA func(dst []float32, i0, rows, p0, kc, mr int)

// SgemmPackA is Sgemm with op(A) produced by pack instead of read from a
// stored matrix (see SgemmPackB); the bits are those of Sgemm on the
// matrix pack describes.
func SgemmPackA(m, n, k int, pack PackA, transB bool, b []float32, ldb int, c []float32, ldc int, accumulate bool) {
	if m < 0 || n < 0 || k < 0 || pack == nil {
		panic(fmt.Sprintf("blas: SgemmPackA: m=%d n=%d k=%d, pack nil: %v", m, n, k, pack == nil))
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	matCheck("SgemmPackA", "b", br, bc, b, ldb)
	matCheck("SgemmPackA", "c", m, n, c, ldc)
	g := gemm{transB: transB, m: m, n: n, k: k, packA: pack, b: b, ldb: ldb, c: c, ldc: ldc, load: accumulate}
	g.run(Threads())
}

// SgemmPack is Sgemm with both operands produced by pack functions (see
// SgemmPackA and SgemmPackB).
func SgemmPack(m, n, k int, packA PackA, packB PackB, c []float32, ldc int, accumulate bool) {
	if m < 0 || n < 0 || k < 0 || packA == nil || packB == nil {
		panic(fmt.Sprintf("blas: SgemmPack: m=%d n=%d k=%d, pack functions nil: %v %v", m, n, k, packA == nil, packB == nil))
	}
	matCheck("SgemmPack", "c", m, n, c, ldc)
	g := gemm{m: m, n: n, k: k, packA: packA, packB: packB, c: c, ldc: ldc, load: accumulate}
	g.run(Threads())
}
