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
	// Fast path unless s is a float32 midpoint or below the normal range.
	// (Hot loops such as fmaRow make this test themselves, inlined: a call
	// to the slow path keeps FMA32 over the inlining budget.)
	if roundsOnce(s) {
		return float32(s)
	}
	return fma32Slow(a, b, c)
}

// roundsOnce reports whether the exact float64 sum s of an fma rounds to
// float32 directly as a single rounding would: its low 29 bits (below
// float32 precision) are not exactly a midpoint, and it is not below
// float32's normal range.
func roundsOnce(s float64) bool {
	bits := math.Float64bits(s)
	return bits&(1<<29-1) != 1<<28 && bits&(0x7ff<<52) >= (1023-126)<<52
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

// fmaRow sets row[j] = FMA32(a, x[j], row[j]) for j < len(x).
func fmaRow(a float32, x, row []float32) {
	row = row[:len(x)]
	for j := 0; j < len(x); j++ {
		j += fmaRowFast(float64(a), x[j:], row[j:])
		if j < len(x) {
			row[j] = FMA32(a, x[j], row[j])
		}
	}
}

// fmaRowFast sets row[j] = fma(af, x[j], row[j]) for the leading j whose
// float64 sum rounds straight to float32 (FMA32's fast path: not on a
// float32 midpoint, not below the normal range), and returns the index of
// the first one that needs the exact slow path. Keeping the call to the
// slow path out of this loop keeps its values in registers. The product of
// two float32s is exact in float64, so s is the same whether or not the
// compiler fuses the multiply and add into a float64 FMA.
func fmaRowFast(af float64, x, row []float32) int {
	row = row[:len(x)]
	for j, v := range x {
		s := af*float64(v) + float64(row[j])
		if !roundsOnce(s) {
			return j
		}
		row[j] = float32(s)
	}
	return len(x)
}

// fmaPairs sets acc[j] = FMA32(x[j], y[j], acc[j]) for j < len(x).
func fmaPairs(x, y, acc []float32) {
	y, acc = y[:len(x)], acc[:len(x)]
	for j := 0; j < len(x); j++ {
		j += fmaPairsFast(x[j:], y[j:], acc[j:])
		if j < len(x) {
			acc[j] = FMA32(x[j], y[j], acc[j])
		}
	}
}

// fmaPairsFast is fmaRowFast with a second vector for the scalar.
func fmaPairsFast(x, y, acc []float32) int {
	y, acc = y[:len(x)], acc[:len(x)]
	for j, v := range x {
		s := float64(v)*float64(y[j]) + float64(acc[j])
		if !roundsOnce(s) {
			return j
		}
		acc[j] = float32(s)
	}
	return len(x)
}
