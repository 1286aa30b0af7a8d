package simd

import "math"

// FMA32 returns a*b+c computed with a single rounding to float32, exactly as
// a hardware fused multiply-add does.
//
// The product of two float32s is exact in float64. The float64 sum can then
// be rounded to float32 directly unless it sits exactly on a float32
// rounding midpoint (or in float32's subnormal range), where double
// rounding could differ from a single rounding; only there the exact sum is
// rounded to odd (TwoSum) before the final conversion, which is exact
// because 53 >= 24+2.
func FMA32(a, b, c float32) float32 {
	p := float64(a) * float64(b)
	s := p + float64(c)
	bits := math.Float64bits(s)
	const low = 1<<29 - 1 // float64 mantissa bits below float32 precision
	if bits&low != 1<<28 && bits&(0x7ff<<52) >= (1023-126)<<52 {
		return float32(s)
	}
	return fma32Slow(p, float64(c), s)
}

func fma32Slow(p, c, s float64) float32 {
	if math.IsInf(s, 0) || math.IsNaN(s) {
		return float32(s)
	}
	// TwoSum: s + e == p + c exactly.
	bp := s - c
	bc := s - bp
	e := (p - bp) + (c - bc)
	if e != 0 && math.Float64bits(s)&1 == 0 {
		if e > 0 {
			s = math.Nextafter(s, math.Inf(1))
		} else {
			s = math.Nextafter(s, math.Inf(-1))
		}
	}
	return float32(s)
}
