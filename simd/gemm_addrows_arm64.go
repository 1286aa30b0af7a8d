//go:build gc && !purego

package simd

func addRows(dst []float32, dstStride int, src []float32, srcStride, rows, n int) {
	addRowsEachRow(dst, dstStride, src, srcStride, rows, n)
}
