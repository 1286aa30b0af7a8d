package simd

import "fmt"

// MulSignAddTo sets dst[i] += b[i]*s(x[i]), s(x) being +1 for x > 0 and
// for NaN, -1 for x < 0 and +0 at ±0: the product (one rounding) and then
// the sum (another), never fused. It is the gradient of |x| (with 0 at 0)
// times b, accumulated: the last term of DivisiveNorm's input gradient.
// It panics unless dst, b and x have the same length.
func MulSignAddTo(dst, b, x []float32) {
	if len(dst) != len(x) || len(b) != len(x) {
		panic(fmt.Sprintf("simd: MulSignAddTo: lengths dst %d, b %d, x %d", len(dst), len(b), len(x)))
	}
	mulSignAddTo(dst, b, x)
}

// mulSignAddToGeneric is the reference of MulSignAddTo.
func mulSignAddToGeneric(dst, b, x []float32) {
	dst, b = dst[:len(x)], b[:len(x)]
	for i, v := range x {
		var s float32 = 1
		switch {
		case v < 0:
			s = -1
		case v == 0:
			s = 0
		}
		dst[i] += float32(b[i] * s)
	}
}
