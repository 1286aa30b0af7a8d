package simd

import "math"

// Softplus returns log(1+e**x) in float32, the same bits on every platform,
// computed stably as max(x, 0) + log1p(Exp(-|x|)): it equals x for large x,
// e**x (to full relative accuracy) for very negative x, and never overflows.
// A NaN argument is returned unchanged.
//
// log1p(e) is Log(u) + c/u with u = 1+e and c = e - (u-1), the exact
// rounding error of u, which restores the bits of e that 1+e dropped.
func Softplus(x float32) float32 {
	if x != x {
		return x
	}
	m := x
	if m < 0 {
		m = 0
	}
	e := Exp(math.Float32frombits(math.Float32bits(x) | 0x80000000)) // Exp(-|x|)
	u := 1 + e
	c := e - (u - 1)
	return m + (Log(u) + c/u)
}
