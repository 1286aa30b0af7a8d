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
	if !hasAVX512 {
		addRowsEachRow(dst, dstStride, src, srcStride, rows, n)
		return
	}
	for j := 0; j < n; j += 32 {
		w := min(n-j, 32)
		mask := uint32(uint64(1)<<w - 1)
		// A masked store spans its whole register (16 or 32 floats)
		// whatever the mask, and a load that overlaps a store still in
		// flight waits for it to retire: rows closer than that, taken one
		// after the other, ran 4-8 times slower (BenchmarkAddRows,
		// contiguous rows of 12, 24 and 28). Rows that do not overlap one
		// another are taken k apart instead, in k passes; each element
		// still gets its one addition.
		span := 16
		if w > 16 {
			span = 32
		}
		if dstStride < n || dstStride >= span {
			addRowsAVX512(&dst[j], dstStride, &src[j], srcStride, rows, mask)
			continue
		}
		k := (span + dstStride - 1) / dstStride
		for p := 0; p < k && p < rows; p++ {
			addRowsAVX512(&dst[p*dstStride+j], k*dstStride, &src[p*srcStride+j], k*srcStride, (rows-p+k-1)/k, mask)
		}
	}
}
