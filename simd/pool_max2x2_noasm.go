//go:build !(gc && !purego && amd64)

package simd

func maxPool2x2Row(r0, r1, y []float32, idx []int32, at0, w int) {
	maxPool2x2RowGeneric(r0, r1, y, idx, at0, w)
}
