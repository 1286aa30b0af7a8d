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

// gemmKernel{R}of14x32GatherBAVX512 (R = 2, 4, ..., 14) compute the rows
// (<= R) x 32 tile of c under the column mask:
//
//	acc = load ? c[i*ldc+j] : (bias != nil ? bias[i] : 0)
//	for p := 0; p < k; p++ { acc = FMA32(a[p*14+i], x[off[p]+j], acc) }
//	c[i*ldc+j] = acc
//
// reading the whole 32 elements at every x[off[p]:].
//
//go:noescape
func gemmKernel2of14x32GatherBAVX512(k int, a *float32, off *int32, x, c, bias *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel4of14x32GatherBAVX512(k int, a *float32, off *int32, x, c, bias *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel6of14x32GatherBAVX512(k int, a *float32, off *int32, x, c, bias *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel8of14x32GatherBAVX512(k int, a *float32, off *int32, x, c, bias *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel10of14x32GatherBAVX512(k int, a *float32, off *int32, x, c, bias *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel12of14x32GatherBAVX512(k int, a *float32, off *int32, x, c, bias *float32, ldc, rows int, mask uint32, load bool)

//go:noescape
func gemmKernel14of14x32GatherBAVX512(k int, a *float32, off *int32, x, c, bias *float32, ldc, rows int, mask uint32, load bool)

// gemmKernel6x16GatherBAVX2 computes the rows (<= 6) x cols (<= 16)
// corner of
//
//	acc = bias != nil ? bias[i] : 0
//	for p := 0; p < k; p++ { acc = FMA32(a[p*6+i], x[off[p]+j], acc) }
//	c[i*ldc+j] = acc
//
// reading the whole 16 elements at every x[off[p]:].
//
//go:noescape
func gemmKernel6x16GatherBAVX2(k int, a *float32, off *int32, x, c, bias *float32, ldc, rows, cols int)

func gemmGatherB(c []float32, ldc, rows, cols int, a []float32, ar int, x []float32, xoff int, off []int32, bias []float32, load bool) {
	var bp *float32
	if bias != nil {
		bp = &bias[0]
	}
	switch {
	case len(off) == 0:
	case gemm.name == "avx2" && ar == 6 && cols <= 16 && !load:
		gemmKernel6x16GatherBAVX2(len(off), &a[0], &off[0], &x[xoff], &c[0], bp, ldc, rows, cols)
		return
	case gemm.name == "avx512" && ar == GatherRows:
		gemmGatherB14(c, ldc, rows, cols, a, x, xoff, off, bp, load)
		return
	}
	gemmGatherBGeneric(c, ldc, rows, cols, a, ar, x, xoff, off, bias, load)
}

// gemmGatherB14 runs the AVX-512 kernel with the fewest rows that covers
// rows.
func gemmGatherB14(c []float32, ldc, rows, cols int, a []float32, x []float32, xoff int, off []int32, bp *float32, load bool) {
	k, ap, op, xp, cp, mask := len(off), &a[0], &off[0], &x[xoff], &c[0], uint32(1<<cols-1)
	switch (rows + 1) / 2 {
	case 1:
		gemmKernel2of14x32GatherBAVX512(k, ap, op, xp, cp, bp, ldc, rows, mask, load)
	case 2:
		gemmKernel4of14x32GatherBAVX512(k, ap, op, xp, cp, bp, ldc, rows, mask, load)
	case 3:
		gemmKernel6of14x32GatherBAVX512(k, ap, op, xp, cp, bp, ldc, rows, mask, load)
	case 4:
		gemmKernel8of14x32GatherBAVX512(k, ap, op, xp, cp, bp, ldc, rows, mask, load)
	case 5:
		gemmKernel10of14x32GatherBAVX512(k, ap, op, xp, cp, bp, ldc, rows, mask, load)
	case 6:
		gemmKernel12of14x32GatherBAVX512(k, ap, op, xp, cp, bp, ldc, rows, mask, load)
	default:
		gemmKernel14of14x32GatherBAVX512(k, ap, op, xp, cp, bp, ldc, rows, mask, load)
	}
}
