package simd

import "math"

// nan32 is the quiet NaN the math functions return for arguments outside
// their domain (a NaN argument itself is returned unchanged).
var nan32 = math.Float32frombits(0x7fc00000)

// Constants of Log.
const (
	sqrtHalfBits = 0x3f3504f3 // bits of sqrt(1/2): mantissas are reduced to [sqrt(1/2), sqrt(2))
	// Coefficients of log(1+f) = f - f^2/2 + f^3*P(f) on
	// sqrt(1/2)-1 <= f < sqrt(2)-1 (Cephes logf).
	logP0 = 3.3333331174e-1
	logP1 = -2.4999993993e-1
	logP2 = 2.0000714765e-1
	logP3 = -1.6668057665e-1
	logP4 = 1.4249322787e-1
	logP5 = -1.2420140846e-1
	logP6 = 1.1676998740e-1
	logP7 = -1.1514610310e-1
	logP8 = 7.0376836292e-2
)

// Log returns the natural logarithm of x in float32, the same bits on every
// platform. Log(+Inf) = +Inf, Log(±0) = -Inf, Log(x < 0) = NaN, and a NaN
// argument is returned unchanged.
//
// The order of operations (shared with the assembly of LogTo): subnormals
// are first scaled by 2^23. With ix = bits(x) and d = ix - bits(sqrt(1/2)),
// k = d>>23 (arithmetic) and m = frombits(ix - d&0xff800000) lies in
// [sqrt(1/2), sqrt(2)); f = m - 1 is exact. Then
//
//	P = fma(...fma(fma(P8, f, P7), f, P6)..., f, P0)   (Horner, fma)
//	z = f*f; y = (P*f)*z
//	y = fma(k, ln2Lo, y); y = fma(z, -0.5, y)
//	result = fma(k, ln2Hi, f + y)
func Log(x float32) float32 {
	ix := math.Float32bits(x)
	k := int32(0)
	if ix < 0x00800000 { // +0 or positive subnormal
		if ix == 0 {
			return float32(math.Inf(-1))
		}
		x *= 0x1p23
		ix = math.Float32bits(x)
		k = -23
	}
	if ix >= 0x7f800000 { // +Inf, NaN or negative
		switch {
		case x != x || ix == 0x7f800000:
			return x
		case ix == 0x80000000:
			return float32(math.Inf(-1))
		default:
			return nan32
		}
	}
	d := ix - sqrtHalfBits
	k += int32(d) >> 23
	f := math.Float32frombits(ix-d&0xff800000) - 1
	p := FMA32(logP8, f, logP7)
	p = FMA32(p, f, logP6)
	p = FMA32(p, f, logP5)
	p = FMA32(p, f, logP4)
	p = FMA32(p, f, logP3)
	p = FMA32(p, f, logP2)
	p = FMA32(p, f, logP1)
	p = FMA32(p, f, logP0)
	z := f * f
	y := float32(p*f) * z
	kf := float32(k)
	y = FMA32(kf, ln2Lo, y)
	y = FMA32(z, -0.5, y)
	return FMA32(kf, ln2Hi, f+y)
}
