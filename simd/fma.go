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
	// The product is exact, so a compiler that fuses this into a float64
	// FMA computes the same sum.
	s := float64(a)*float64(b) + float64(c)
	// Fast path unless the low 29 bits (float64 mantissa bits below float32
	// precision) are exactly a midpoint, or s is below float32's normal
	// range. (Hot loops such as the generic GEMM kernel repeat this test
	// inline: a call to the slow path keeps FMA32 over the inlining budget.)
	if bits := math.Float64bits(s); bits&(1<<29-1) != 1<<28 && bits&(0x7ff<<52) >= (1023-126)<<52 {
		return float32(s)
	}
	return fma32Slow(a, b, c)
}

func fma32Slow(a, b, c float32) float32 {
	p, c64 := float64(a)*float64(b), float64(c)
	s := p + c64
	if math.IsInf(s, 0) || math.IsNaN(s) {
		return float32(s)
	}
	// TwoSum: s + e == p + c exactly.
	bp := s - c64
	bc := s - bp
	e := (p - bp) + (c64 - bc)
	if e != 0 && math.Float64bits(s)&1 == 0 {
		if e > 0 {
			s = math.Nextafter(s, math.Inf(1))
		} else {
			s = math.Nextafter(s, math.Inf(-1))
		}
	}
	return float32(s)
}
