package simd

import "fmt"

// AddRows adds rows of a strided block into another: for r < rows and
// j < n, dst[r*dstStride+j] += src[r*srcStride+j], each a plain float32
// addition (the scatter of a convolution's input gradient, col2im, one
// image row per line). Runs of up to 32 are one or two masked vector
// operations per row on AVX-512, and longer runs go in strips of 32; on
// AVX2 and NEON each row is one AddTo. It panics if a slice is too short.
func AddRows(dst []float32, dstStride int, src []float32, srcStride, rows, n int) {
	if rows <= 0 || n <= 0 {
		return
	}
	if dstStride < 0 || srcStride < 0 || len(dst) < (rows-1)*dstStride+n || len(src) < (rows-1)*srcStride+n {
		panic(fmt.Sprintf("simd: AddRows: %d rows of %d, dst len %d at stride %d, src len %d at stride %d",
			rows, n, len(dst), dstStride, len(src), srcStride))
	}
	addRows(dst, dstStride, src, srcStride, rows, n)
}

func addRowsGeneric(dst []float32, dstStride int, src []float32, srcStride, rows, n int) {
	for r := 0; r < rows; r++ {
		d := dst[r*dstStride : r*dstStride+n]
		s := src[r*srcStride : r*srcStride+n]
		for j := range d {
			d[j] += s[j]
		}
	}
}

// addRowsEachRow is AddRows as one AddTo per row, for the kernels that
// have no masked loads: the vector part of each row runs in AddTo's kernel
// and its tail in the generic twin, the same additions in either.
func addRowsEachRow(dst []float32, dstStride int, src []float32, srcStride, rows, n int) {
	for r := 0; r < rows; r++ {
		d := dst[r*dstStride : r*dstStride+n]
		addTo(d, d, src[r*srcStride:r*srcStride+n])
	}
}
