//go:build !(gc && !purego && amd64)

package simd

func gemmGatherT(y []float32, ldy, rows, cols int, x []float32, xoff, xoff2 int, off []int32, b, bias []float32) {
	gemmGatherTGeneric(y, ldy, rows, cols, x, xoff, xoff2, off, b, bias)
}
