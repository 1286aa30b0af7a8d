package simd

import "fmt"

// MaxPool2x2Row computes one output row of a 2×2, stride-2 max pooling:
// for each j < len(y), the first maximum in the order r0[2j], r0[2j+1],
// r1[2j], r1[2j+1] (a NaN beats any number; among NaNs, and among equal
// values, the first wins), writing the value to y[j] and its index to
// idx[j], where r0[i] has index at0+i and r1[i] index at0+w+i. It panics
// if a row is shorter than 2*len(y) or idx shorter than y.
func MaxPool2x2Row(r0, r1, y []float32, idx []int32, at0, w int) {
	n := len(y)
	if len(r0) < 2*n || len(r1) < 2*n || len(idx) < n {
		panic(fmt.Sprintf("simd: MaxPool2x2Row: rows %d, %d and %d indices for %d outputs", len(r0), len(r1), len(idx), n))
	}
	maxPool2x2Row(r0, r1, y, idx, at0, w)
}

// maxPool2x2RowGeneric is the reference of MaxPool2x2Row.
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
