//go:build gc && !purego

package simd

// gemmKernel14x32AVX512 computes, with one VFMADD231PS (one rounding) per
// step, the rows x 32 tile of c selected by rows (1..14) and the column
// mask (bit j keeps column j; lanes outside it are neither read nor
// written):
//
//	for i := 0; i < rows; i++ {
//		for j := 0; j < 32; j++ {
//			if mask&(1<<j) == 0 {
//				continue
//			}
//			var acc float32
//			if load {
//				acc = c[i*ldc+j]
//			}
//			for p := 0; p < k; p++ {
//				acc = FMA32(a[p*14+i], b[p*32+j], acc)
//			}
//			c[i*ldc+j] = acc
//		}
//	}
//
//go:noescape
func gemmKernel14x32AVX512(k int, a, b, c *float32, ldc, rows int, mask uint32, load bool)

// gemmKernel{R}of14x32AVX512 compute, for R = 2, 4, ..., 12, exactly
// what gemmKernel14x32AVX512 does for rows <= R (rows 1..R), reading the
// same 14-row A panels (a[p*14+i]) but only their first R rows, so that a
// short edge tile costs about R/14 of a full one.
//
//go:noescape
func gemmKernel2of14x32AVX512(k int, a, b, c *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel4of14x32AVX512(k int, a, b, c *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel6of14x32AVX512(k int, a, b, c *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel8of14x32AVX512(k int, a, b, c *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel10of14x32AVX512(k int, a, b, c *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel12of14x32AVX512(k int, a, b, c *float32, ldc, rows int, mask uint32, load bool)

// gemmEdge14x32AVX512 runs the smallest AVX-512 kernel that covers rows.
func gemmEdge14x32AVX512(k int, a, b, c *float32, ldc, rows int, mask uint32, load bool) {
	switch (rows + 1) / 2 {
	case 1:
		gemmKernel2of14x32AVX512(k, a, b, c, ldc, rows, mask, load)
	case 2:
		gemmKernel4of14x32AVX512(k, a, b, c, ldc, rows, mask, load)
	case 3:
		gemmKernel6of14x32AVX512(k, a, b, c, ldc, rows, mask, load)
	case 4:
		gemmKernel8of14x32AVX512(k, a, b, c, ldc, rows, mask, load)
	case 5:
		gemmKernel10of14x32AVX512(k, a, b, c, ldc, rows, mask, load)
	case 6:
		gemmKernel12of14x32AVX512(k, a, b, c, ldc, rows, mask, load)
	default:
		gemmKernel14x32AVX512(k, a, b, c, ldc, rows, mask, load)
	}
}

// gemmKernel6x16AVX2 computes, with one VFMADD231PS (one rounding) per
// step, the rows x cols corner (rows 1..6, cols 1..16) of a 6x16 tile:
//
//	for i := 0; i < rows; i++ {
//		for j := 0; j < cols; j++ {
//			var acc float32
//			if load {
//				acc = c[i*ldc+j]
//			}
//			for p := 0; p < k; p++ {
//				acc = FMA32(a[p*6+i], b[p*16+j], acc)
//			}
//			c[i*ldc+j] = acc
//		}
//	}
//
//go:noescape
func gemmKernel6x16AVX2(k int, a, b, c *float32, ldc, rows, cols int, load bool)

var gemmAVX512Impl = gemmImpl{
	name: "avx512", mr: 14, nr: 32,
	kernel: func(k int, a, b, c []float32, ldc int, load bool) {
		gemmKernel14x32AVX512(k, gemmPtr(a), gemmPtr(b), &c[0], ldc, 14, 0xffffffff, load)
	},
	edge: func(mr, nr, k int, a, b, c []float32, ldc int, load bool) {
		gemmEdge14x32AVX512(k, gemmPtr(a), gemmPtr(b), &c[0], ldc, mr, uint32(1<<nr-1), load)
	},
}

var gemmAVX2Impl = gemmImpl{
	name: "avx2", mr: 6, nr: 16,
	kernel: func(k int, a, b, c []float32, ldc int, load bool) {
		gemmKernel6x16AVX2(k, gemmPtr(a), gemmPtr(b), &c[0], ldc, 6, 16, load)
	},
	edge: func(mr, nr, k int, a, b, c []float32, ldc int, load bool) {
		gemmKernel6x16AVX2(k, gemmPtr(a), gemmPtr(b), &c[0], ldc, mr, nr, load)
	},
}

// gemmSelect picks the fastest kernel this CPU runs.
func gemmSelect() gemmImpl {
	switch {
	case hasAVX512:
		return gemmAVX512Impl
	case hasAVX2:
		return gemmAVX2Impl
	}
	return gemmGenericImpl
}
