package simd

import "fmt"

// DepthwiseWide computes a plane of a stride-1 depthwise convolution in
// the "wide" layout (output j reads the padded input plane at j plus the
// tap's offset): for each j < len(y),
//
//	acc := bias
//	for a := 0; a < kh; a++ {
//		for b := 0; b < kw; b++ {
//			acc = fma(w[a*kw+b], x[a*rowStep+b*colStep+j], acc)
//		}
//	}
//	y[j] = acc
//
// the order of kh*kw Axpy passes over y from a fill with bias, but with
// the accumulators kept in registers. len(y) must be a multiple of 16. It
// panics if a slice is too short.
func DepthwiseWide(y, x, w []float32, kh, kw, rowStep, colStep int, bias float32) {
	n := len(y)
	if n%16 != 0 || kh < 1 || kw < 1 || rowStep < 0 || colStep < 1 {
		panic(fmt.Sprintf("simd: DepthwiseWide: len(y) %d (want a multiple of 16), kernel %dx%d, steps %d, %d", n, kh, kw, rowStep, colStep))
	}
	if len(w) < kh*kw || len(x) < (kh-1)*rowStep+(kw-1)*colStep+n {
		panic(fmt.Sprintf("simd: DepthwiseWide: w len %d, x len %d too short for %d outputs of a %dx%d kernel at steps %d, %d",
			len(w), len(x), n, kh, kw, rowStep, colStep))
	}
	if n == 0 {
		return
	}
	depthwiseWide(y, x, w, kh, kw, rowStep, colStep, bias)
}

// depthwiseWideGeneric is the reference of DepthwiseWide.
func depthwiseWideGeneric(y, x, w []float32, kh, kw, rowStep, colStep int, bias float32) {
	for j := range y {
		acc := bias
		for a := 0; a < kh; a++ {
			for b := 0; b < kw; b++ {
				acc = FMA32(w[a*kw+b], x[a*rowStep+b*colStep+j], acc)
			}
		}
		y[j] = acc
	}
}
