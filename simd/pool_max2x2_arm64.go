//go:build gc && !purego

package simd

// maxPool2x2RowsNEON is maxPool2x2RowsGeneric on the first wo/4*4 outputs
// of each of rows >= 1 rows (wo >= 4, w >= 2*wo): VLD2 splits 8 elements
// of each input row into the even and odd ones, then three ordered
// compares keep the first maximum (a NaN candidate wins over a number).
//
//go:noescape
func maxPool2x2RowsNEON(x, y *float32, idx *int32, w, wo, rows, at0 int)

func maxPool2x2Rows(x []float32, w, rows int, y []float32, idx []int32, at0 int) {
	wo := w / 2
	vec := wo / 4 * 4
	if !hasNEON || vec == 0 {
		maxPool2x2RowsGeneric(x, w, rows, y, idx, at0)
		return
	}
	maxPool2x2RowsNEON(&x[0], &y[0], &idx[0], w, wo, rows, at0)
	if vec == wo {
		return
	}
	for r := 0; r < rows; r++ { // the last wo%4 outputs of each row
		r0 := x[2*r*w+2*vec : 2*r*w+w]
		r1 := x[(2*r+1)*w+2*vec : (2*r+1)*w+w]
		maxPool2x2RowGeneric(r0, r1, y[r*wo+vec:(r+1)*wo], idx[r*wo+vec:(r+1)*wo], at0+2*r*w+2*vec, w)
	}
}
