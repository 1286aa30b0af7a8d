//go:build gc && !purego

package simd

// maxPool2x2AVX512 computes up to 16 outputs of MaxPool2x2Row: the
// outputs j whose bit is set in outMask (the low bits), reading the inputs
// whose bit is set in inMask (bit i: element i of r0 and r1); masked-out
// lanes are neither read nor written.
//
//go:noescape
func maxPool2x2AVX512(r0, r1, y *float32, idx *int32, at0, w int32, inMask, outMask uint32)

func maxPool2x2Row(r0, r1, y []float32, idx []int32, at0, w int) {
	if !hasAVX512 || len(y) == 0 {
		maxPool2x2RowGeneric(r0, r1, y, idx, at0, w)
		return
	}
	for j := 0; j < len(y); j += 16 {
		cnt := min(16, len(y)-j)
		in := uint32(uint64(1)<<(2*cnt) - 1)
		maxPool2x2AVX512(&r0[2*j], &r1[2*j], &y[j], &idx[j], int32(at0+2*j), int32(w), in, uint32(1)<<cnt-1)
	}
}
