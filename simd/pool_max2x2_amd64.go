//go:build gc && !purego

package simd

// maxPool2x2RowsAVX512 is maxPool2x2RowsGeneric for rows >= 1 and w >= 2,
// 16 outputs per step: masked loads of 32 elements of each input row,
// even and odd elements gathered by VPERMT2PS into the four window
// candidates, then three ordered compares keep the first maximum (a NaN
// candidate wins over a number); masked stores of the row's last step.
//
//go:noescape
func maxPool2x2RowsAVX512(x, y *float32, idx *int32, w, wo, rows, at0 int)

// maxPool2x2RowsAVX2 is maxPool2x2RowsAVX512 with AVX2, 8 outputs per
// step.
//
//go:noescape
func maxPool2x2RowsAVX2(x, y *float32, idx *int32, w, wo, rows, at0 int)

func maxPool2x2Rows(x []float32, w, rows int, y []float32, idx []int32, at0 int) {
	switch {
	case hasAVX512:
		maxPool2x2RowsAVX512(&x[0], &y[0], &idx[0], w, w/2, rows, at0)
	case hasAVX2:
		maxPool2x2RowsAVX2(&x[0], &y[0], &idx[0], w, w/2, rows, at0)
	default:
		maxPool2x2RowsGeneric(x, w, rows, y, idx, at0)
	}
}
