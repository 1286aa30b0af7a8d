//go:build !(gc && !purego && amd64)

package simd

func gemmPackT(d []float32, w int, src []float32, off, ld, cnt, kc int) {
	gemmPackTGeneric(d, w, src, off, ld, cnt, kc)
}

func gemmPackRows(d []float32, w int, src []float32, off, ld, cols, kc int) {
	gemmPackRowsGeneric(d, w, src, off, ld, cols, kc)
}
