package simd

import "fmt"

// Packing of GEMM panels (see GemmTile for the layout). The blas driver
// copies each block of A and B into panels before the micro-kernel reads
// them; these are its two inner copies, vectorised where the hardware
// allows. They move bits and compute nothing, so every path gives the same
// panels.

// GemmPackT packs a block that runs across the stored rows (op(A) = A,
// op(B) = Bᵀ) into one panel of kc lines of width w (1 <= w <= 32):
//
//	d[p*w+i] = src[off+i*ld+p]  for i < cnt
//	d[p*w+i] = 0                for cnt <= i < w
//
// for p < kc. It is a transposition: on AVX-512 each line is one or two
// gathers of the cnt source rows. It panics if a size is out of range or a
// slice is too short.
func GemmPackT(d []float32, w int, src []float32, off, ld, cnt, kc int) {
	if w < 1 || w > 32 || cnt < 0 || cnt > w || kc < 0 || ld < 0 {
		panic(fmt.Sprintf("simd: GemmPackT: w=%d cnt=%d kc=%d ld=%d out of range", w, cnt, kc, ld))
	}
	if len(d) < kc*w {
		panic(fmt.Sprintf("simd: GemmPackT: dst len %d < kc*w = %d*%d", len(d), kc, w))
	}
	if kc == 0 {
		return
	}
	if cnt > 0 && (off < 0 || off+(cnt-1)*ld+kc > len(src)) {
		panic(fmt.Sprintf("simd: GemmPackT: %d rows of %d at offset %d, stride %d, outside src len %d", cnt, kc, off, ld, len(src)))
	}
	gemmPackT(d[:kc*w], w, src, off, ld, cnt, kc)
}

// GemmPackRows packs a block that runs along the stored rows (op(B) = B,
// op(A) = Aᵀ): kc rows of cols elements, row p at src[off+p*ld:], into
// ceil(cols/w) panels of kc lines of width w (1 <= w <= 32), panel q at
// d[q*kc*w:]:
//
//	d[q*kc*w+p*w+j] = src[off+p*ld+q*w+j]  for q*w+j < cols
//	d[q*kc*w+p*w+j] = 0                    past cols (the last panel)
//
// It walks the source row by row, each row in one run of cols elements:
// a B streamed from memory is then read in long runs that the hardware
// prefetcher follows, instead of kc short pieces at a stride of a whole
// row per panel. It panics if a size is out of range or a slice is too
// short.
func GemmPackRows(d []float32, w int, src []float32, off, ld, cols, kc int) {
	if w < 1 || w > 32 || cols < 0 || kc < 0 || ld < 0 {
		panic(fmt.Sprintf("simd: GemmPackRows: w=%d cols=%d kc=%d ld=%d out of range", w, cols, kc, ld))
	}
	panels := (cols + w - 1) / w
	if len(d) < panels*kc*w {
		panic(fmt.Sprintf("simd: GemmPackRows: dst len %d < %d panels of %d*%d", len(d), panels, kc, w))
	}
	if kc == 0 || cols == 0 {
		return
	}
	if off < 0 || off+(kc-1)*ld+cols > len(src) || kc > 1 && ld < cols {
		panic(fmt.Sprintf("simd: GemmPackRows: %d rows of %d at offset %d, stride %d, outside src len %d", kc, cols, off, ld, len(src)))
	}
	gemmPackRows(d[:panels*kc*w], w, src, off, ld, cols, kc)
}

// gemmPackTGeneric is the reference of GemmPackT (arguments checked). It
// walks two source rows at a time contiguously and writes each pair of
// neighbours with stride w (about twice as fast as one row at a time); the
// panel (kc*w floats) stays in the L1 cache while it is written.
func gemmPackTGeneric(d []float32, w int, src []float32, off, ld, cnt, kc int) {
	d = d[:kc*w]
	i := 0
	for ; i+2 <= cnt; i += 2 {
		r0 := src[off+i*ld : off+i*ld+kc]
		r1 := src[off+(i+1)*ld : off+(i+1)*ld+kc]
		r1 = r1[:len(r0)]
		j := i
		for p, v := range r0 {
			q := d[j : j+2 : j+2]
			q[0], q[1] = v, r1[p]
			j += w
		}
	}
	if i < cnt {
		row := src[off+i*ld : off+i*ld+kc]
		j := i
		for _, v := range row {
			d[j] = v
			j += w
		}
	}
	if cnt < w {
		for p := 0; p < kc; p++ {
			clear(d[p*w+cnt : p*w+w])
		}
	}
}

// gemmPackRowsGeneric is the reference of GemmPackRows (arguments
// checked).
func gemmPackRowsGeneric(d []float32, w int, src []float32, off, ld, cols, kc int) {
	full := cols / w
	rest := cols - full*w
	panel := kc * w
	for p := 0; p < kc; p++ {
		row := src[off+p*ld : off+p*ld+cols]
		o := p * w
		for q := 0; q < full; q++ {
			copy(d[o:o+w], row[q*w:q*w+w])
			o += panel
		}
		if rest > 0 {
			line := d[o : o+w]
			copy(line, row[full*w:])
			clear(line[rest:])
		}
	}
}
