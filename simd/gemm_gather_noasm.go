//go:build !(gc && !purego && amd64)

package simd

func gemmGatherT(y []float32, ldy, rows, cols int, x []float32, xoff, xoff2 int, off []int32, b, bias []float32) {
	gemmGatherTGeneric(y, ldy, rows, cols, x, xoff, xoff2, off, b, bias)
}

func gemmGatherB(c []float32, ldc, rows, cols int, a []float32, ar int, x []float32, xoff int, off []int32, bias []float32, load bool) {
	gemmGatherBGeneric(c, ldc, rows, cols, a, ar, x, xoff, off, bias, load)
}
