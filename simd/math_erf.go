package simd

import "math"

// Constants of Erf: two minimax approximations, split at 475/512
// (after N. Juffa's erff).
const (
	erfSplit = 0.927734375
	erfHi    = 4 // erf(4) rounds to 1 in float32; clamping keeps the polynomial finite
	// |x| < erfSplit: erf(x) = x + x*Q(x*x)
	erfQ0 = 1.28379166e-1
	erfQ1 = -3.76125336e-1
	erfQ2 = 1.12819925e-1
	erfQ3 = -2.67681349e-2
	erfQ4 = 4.99119423e-3
	erfQ5 = -5.96761703e-4
	// |x| >= erfSplit: erf(a) = 1 - exp(R(a)), R(a) = -a + a*(...) below.
	erfR0 = -1.72853470e-5
	erfR1 = 3.83197126e-4
	erfR2 = -3.88396438e-3
	erfR3 = 2.42546219e-2
	erfR4 = -1.06777877e-1
	erfR5 = -6.34846687e-1
	erfR6 = -1.28717512e-1
)

// Erf returns the error function of x in float32, the same bits on every
// platform. It is odd, saturates to exactly ±1 for |x| >= 3.92, and returns
// a NaN argument unchanged.
//
// With a = |x| and s = a*a:
//
//	a <  0.927734375: q = Horner(Q5..Q0 in s, fma); t = fma(q, a, a)
//	a >= 0.927734375: a = min(a, 4)
//	                  r = fma(fma(R0, a, R1), s, fma(R2, a, R3))
//	                  r = fma(fma(fma(r, a, R4), a, R5), a, R6); r = fma(r, a, -a)
//	                  t = 1 - Exp(r)
func Erf(x float32) float32 {
	if x != x {
		return x
	}
	sign := math.Float32bits(x) & 0x80000000
	a := math.Float32frombits(math.Float32bits(x) &^ 0x80000000)
	var t float32
	if a < erfSplit {
		s := a * a
		q := FMA32(erfQ5, s, erfQ4)
		q = FMA32(q, s, erfQ3)
		q = FMA32(q, s, erfQ2)
		q = FMA32(q, s, erfQ1)
		q = FMA32(q, s, erfQ0)
		t = FMA32(q, a, a)
	} else {
		if a > erfHi {
			a = erfHi
		}
		s := a * a
		r := FMA32(erfR0, a, erfR1)
		u := FMA32(erfR2, a, erfR3)
		r = FMA32(r, s, u)
		r = FMA32(r, a, erfR4)
		r = FMA32(r, a, erfR5)
		r = FMA32(r, a, erfR6)
		r = FMA32(r, a, -a)
		t = 1 - Exp(r)
	}
	return math.Float32frombits(math.Float32bits(t) | sign)
}
