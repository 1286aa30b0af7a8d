//go:build gc && !purego

package simd

// gemmKernel14x32GatherAVX512 (gemm_gather_amd64.s, written by
// _asm/gathergen.go) computes the full 14x32 tile c (row stride 32):
//
//	for i := 0; i < 14; i++ {
//		for j := 0; j < 32; j++ {
//			acc := bias[j]
//			for p := 0; p < k; p++ {
//				a := x[off[p]+i] // i < 7
//				if i >= 7 {
//					a = x2[off[p]+i-7]
//				}
//				acc = FMA32(a, b[p*32+j], acc)
//			}
//			c[i*32+j] = acc
//		}
//	}
//
//go:noescape
func gemmKernel14x32GatherAVX512(k int, off *int32, x, x2, b, c, bias *float32)

// gemmKernel7x32GatherAVX512 is the same for the rows i < 7 (half the
// work, for tiles of at most 7 rows); it never reads x2.
//
//go:noescape
func gemmKernel7x32GatherAVX512(k int, off *int32, x, x2, b, c, bias *float32)

func gemmGatherT(y []float32, ldy, rows, cols int, x []float32, xoff, xoff2 int, off []int32, b, bias []float32) {
	if gemm.name != "avx512" || len(off) == 0 {
		gemmGatherTGeneric(y, ldy, rows, cols, x, xoff, xoff2, off, b, bias)
		return
	}
	var tile [14 * 32]float32
	var bv [32]float32
	if bias != nil {
		copy(bv[:cols], bias)
	}
	if rows <= 7 {
		gemmKernel7x32GatherAVX512(len(off), &off[0], &x[xoff], &x[xoff], &b[0], &tile[0], &bv[0])
	} else {
		gemmKernel14x32GatherAVX512(len(off), &off[0], &x[xoff], &x[xoff2], &b[0], &tile[0], &bv[0])
	}
	// Line j of the transposed store is column j of the tile (rows past
	// the kernel's are read, never stored).
	gemmPackT14AVX512(&y[0], &tile[0], 32, cols, 4*ldy, 1<<rows-1)
}
