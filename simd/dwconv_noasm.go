//go:build !(gc && !purego && amd64)

package simd

func depthwiseWide(y, x []float32, off int, w []float32, kh, kw, rowStep, colStep int, bias float32) {
	depthwiseWideGeneric(y, x, off, w, kh, kw, rowStep, colStep, bias)
}
