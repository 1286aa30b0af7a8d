package simd

import "fmt"

// maxPool2x2RowGeneric computes one output row of a 2×2, stride-2 max
// pooling: for each j < len(y), the first maximum in the order r0[2j],
// r0[2j+1], r1[2j], r1[2j+1] (a NaN beats any number; among NaNs, and
// among equal values, the first wins), writing the value to y[j] and its
// index to idx[j], where r0[i] has index at0+i and r1[i] index at0+w+i.
func maxPool2x2RowGeneric(r0, r1, y []float32, idx []int32, at0, w int) {
	for j := range y {
		i := 2 * j
		best, at := r0[i], at0+i
		if v := r0[i+1]; v > best || (v != v && best == best) {
			best, at = v, at0+i+1
		}
		if v := r1[i]; v > best || (v != v && best == best) {
			best, at = v, at0+w+i
		}
		if v := r1[i+1]; v > best || (v != v && best == best) {
			best, at = v, at0+w+i+1
		}
		y[j], idx[j] = best, int32(at)
	}
}

// MaxPool2x2Rows computes rows output rows of a 2×2, stride-2 max pooling
// of a plane x of width w: output row r reads rows r0 = x[2r] and
// r1 = x[2r+1] and writes y[r*wo:(r+1)*wo] and idx alike, wo = w/2. Each
// output is the first maximum in the order r0[2j], r0[2j+1], r1[2j],
// r1[2j+1] (a NaN beats any number; among NaNs, and among equal values,
// the first wins) and its index, where r0[i] has index at0+2*r*w+i and
// r1[i] that plus w. It panics if x, y or idx is too short or an index would not
// fit in an int32.
func MaxPool2x2Rows(x []float32, w, rows int, y []float32, idx []int32, at0 int) {
	wo := w / 2
	if w < 0 || rows < 0 || len(x) < 2*rows*w || len(y) < rows*wo || len(idx) < rows*wo || at0 < 0 || at0+2*rows*w > 1<<31-1 {
		panic(fmt.Sprintf("simd: MaxPool2x2Rows: %d rows of width %d from %d elements into %d outputs and %d indices (first index %d)",
			rows, w, len(x), len(y), len(idx), at0))
	}
	if rows == 0 || wo == 0 {
		return
	}
	maxPool2x2Rows(x, w, rows, y, idx, at0)
}

// maxPool2x2RowsGeneric is the reference of MaxPool2x2Rows.
func maxPool2x2RowsGeneric(x []float32, w, rows int, y []float32, idx []int32, at0 int) {
	wo := w / 2
	for r := 0; r < rows; r++ {
		r0 := x[2*r*w : 2*r*w+w]
		r1 := x[(2*r+1)*w : (2*r+1)*w+w]
		maxPool2x2RowGeneric(r0, r1, y[r*wo:(r+1)*wo], idx[r*wo:(r+1)*wo], at0+2*r*w, w)
	}
}
