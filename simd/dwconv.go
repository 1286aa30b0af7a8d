package simd

import "fmt"

// DepthwiseWide computes a plane of a stride-1 depthwise convolution in
// the "wide" layout (output j reads the padded input plane at j plus the
// tap's offset): for each j < len(y),
//
//	acc := bias
//	for a := 0; a < kh; a++ {
//		for b := 0; b < kw; b++ {
//			acc = fma(w[a*kw+b], x[off+a*rowStep+b*colStep+j], acc)
//		}
//	}
//	y[j] = acc
//
// the order of kh*kw Axpy passes over y from a fill with bias, but with
// the accumulators kept in registers. The steps may be negative (the
// input gradient walks the taps backwards); colStep is not zero. len(y)
// must be a multiple of 16. It panics if an index falls outside x or w.
func DepthwiseWide(y, x []float32, off int, w []float32, kh, kw, rowStep, colStep int, bias float32) {
	n := len(y)
	if n%16 != 0 || kh < 1 || kw < 1 || colStep == 0 {
		panic(fmt.Sprintf("simd: DepthwiseWide: len(y) %d (want a multiple of 16), kernel %dx%d, steps %d, %d", n, kh, kw, rowStep, colStep))
	}
	lo := off + min(0, (kh-1)*rowStep) + min(0, (kw-1)*colStep)
	hi := off + max(0, (kh-1)*rowStep) + max(0, (kw-1)*colStep) + n
	if len(w) < kh*kw || lo < 0 || hi > len(x) {
		panic(fmt.Sprintf("simd: DepthwiseWide: w len %d, x len %d: taps of %d outputs of a %dx%d kernel at %d, steps %d, %d reach [%d, %d)",
			len(w), len(x), n, kh, kw, off, rowStep, colStep, lo, hi))
	}
	if n == 0 {
		return
	}
	depthwiseWide(y, x, off, w, kh, kw, rowStep, colStep, bias)
}

// depthwiseWideGeneric is the reference of DepthwiseWide.
func depthwiseWideGeneric(y, x []float32, off int, w []float32, kh, kw, rowStep, colStep int, bias float32) {
	for j := range y {
		acc := bias
		for a := 0; a < kh; a++ {
			for b := 0; b < kw; b++ {
				acc = FMA32(w[a*kw+b], x[off+a*rowStep+b*colStep+j], acc)
			}
		}
		y[j] = acc
	}
}
