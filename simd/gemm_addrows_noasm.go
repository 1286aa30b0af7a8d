//go:build !(gc && !purego && (amd64 || arm64))

package simd

func addRows(dst []float32, dstStride int, src []float32, srcStride, rows, n int) {
	addRowsGeneric(dst, dstStride, src, srcStride, rows, n)
}
