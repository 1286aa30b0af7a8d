package simd

import "math"

// Sigmoid returns 1/(1+e**-x) in float32, the same bits on every platform.
//
// With e = Exp(-|x|), which never overflows, it computes 1/(1+e) for
// x >= 0 and e/(1+e) for x < 0, so the result saturates cleanly to 1 and
// keeps its relative accuracy down to the smallest subnormals for very
// negative x. A NaN argument is returned unchanged.
func Sigmoid(x float32) float32 {
	if x != x {
		return x
	}
	e := Exp(math.Float32frombits(math.Float32bits(x) | 0x80000000))
	num := float32(1)
	if x < 0 {
		num = e
	}
	return num / (1 + e)
}
