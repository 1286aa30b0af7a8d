//go:build !(gc && !purego && (amd64 || arm64))

package simd

func maxPool2x2Rows(x []float32, w, rows int, y []float32, idx []int32, at0 int) {
	maxPool2x2RowsGeneric(x, w, rows, y, idx, at0)
}
