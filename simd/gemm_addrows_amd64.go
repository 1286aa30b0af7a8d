//go:build gc && !purego

package simd

// addRowsAVX512 adds, under the 32-bit lane mask, src row r (stride
// srcStride floats) into dst row r (stride dstStride) for r < rows:
//
//	for r := 0; r < rows; r++ {
//		for j := 0; j < 32; j++ {
//			if mask&(1<<j) != 0 {
//				dst[r*dstStride+j] += src[r*srcStride+j]
//			}
//		}
//	}
//
//go:noescape
func addRowsAVX512(dst *float32, dstStride int, src *float32, srcStride, rows int, mask uint32)

func addRows(dst []float32, dstStride int, src []float32, srcStride, rows, n int) {
	if !hasAVX512 || n > 32 {
		addRowsGeneric(dst, dstStride, src, srcStride, rows, n)
		return
	}
	addRowsAVX512(&dst[0], dstStride, &src[0], srcStride, rows, uint32(uint64(1)<<n-1))
}
