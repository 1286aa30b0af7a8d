package simd

import "math"

// Constants of Exp. The argument is clamped to [expLo, expHi]: beyond it the
// result has already overflowed to +Inf or underflowed to 0, and the clamp
// keeps the exponent arithmetic below inside the normal range.
const (
	expHi      = 89   // exp(89) > MaxFloat32: the scaling overflows to +Inf
	expLo      = -104 // exp(-104) < 2^-150: the scaling underflows to 0
	log2e      = 1.44269504088896341
	roundMagic = 0x1.8p23 // adding it rounds a |v| < 2^22 to an integer
	// ln2Hi + ln2Lo = ln 2; ln2Hi has 9 significant bits, so n*ln2Hi is
	// exact for |n| < 2^15 and x - n*ln2Hi loses nothing (Cody-Waite).
	ln2Hi = 0.693359375
	ln2Lo = -2.12194440e-4
)

// Coefficients of exp(r) = 1 + r + r^2*P(r) on |r| <= ln2/2 (Cephes expf).
const (
	expP0 = 5.0000001201e-1
	expP1 = 1.6666665459e-1
	expP2 = 4.1665795894e-2
	expP3 = 8.3334519073e-3
	expP4 = 1.3981999507e-3
	expP5 = 1.9875691500e-4
)

// Exp returns e**x in float32, the same bits on every platform.
//
// The order of operations is the contract shared with the assembly kernels
// of ExpTo (each step is one instruction there):
//
//	x = clamp(x, -104, 89)
//	t = fma(x, log2e, 1.5*2^23); n = t - 1.5*2^23; k = bits(t) - bits(1.5*2^23)
//	r = fma(n, -ln2Hi, x); r = fma(n, -ln2Lo, r)
//	P = fma(fma(fma(fma(fma(P5, r, P4), r, P3), r, P2), r, P1), r, P0)
//	p = fma(P, r*r, r) + 1
//	result = (p * 2^(k>>1)) * 2^(k-(k>>1))
//
// Splitting the scale in two keeps both factors normal for every k the
// clamp allows, and the second product rounds once, also into the
// subnormal range. A NaN argument is returned unchanged. The error is below
// 1 ulp (see TestExpAccuracy).
func Exp(x float32) float32 {
	if x != x {
		return x
	}
	if x > expHi {
		x = expHi
	}
	if x < expLo {
		x = expLo
	}
	t := FMA32(x, log2e, roundMagic)
	n := t - roundMagic
	k := int32(math.Float32bits(t) - math.Float32bits(roundMagic))
	r := FMA32(n, -ln2Hi, x)
	r = FMA32(n, -ln2Lo, r)
	p := FMA32(expP5, r, expP4)
	p = FMA32(p, r, expP3)
	p = FMA32(p, r, expP2)
	p = FMA32(p, r, expP1)
	p = FMA32(p, r, expP0)
	p = FMA32(p, r*r, r) + 1
	return ldexpSplit(p, k)
}

// ldexpSplit returns p*2^k for |k| <= 150 and p near 1 as two products by
// normal powers of two; only the second one rounds.
func ldexpSplit(p float32, k int32) float32 {
	k1 := k >> 1
	k2 := k - k1
	s1 := math.Float32frombits(uint32(k1+127) << 23)
	s2 := math.Float32frombits(uint32(k2+127) << 23)
	return float32(p*s1) * s2
}
