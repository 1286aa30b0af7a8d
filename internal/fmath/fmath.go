// Package fmath holds portable float64 elementary functions for the
// constants that filter constructors and neuron integrators compute once
// (Gaussians, Gabors, exp(-dt/tau)): e^x, log x, sin and cos.
//
// The standard library's math.Exp, math.Log and math.Sincos have
// per-architecture assembly and may differ in the last bit between
// platforms; these use only IEEE +, -, *, / in a fixed order, with every
// product wrapped in float64() so that no compiler fuses it into an FMA,
// so they give the same bits everywhere. Float32 data paths use package
// simd's functions instead.
package fmath

import "math"

// Exp returns e^x, accurate to a few ulps, using only IEEE arithmetic in
// a fixed order. Products are
// wrapped in float64() so that no compiler fuses them into an FMA.
func Exp(x float64) float64 {
	if x != x {
		return x
	}
	if x > 709 {
		return math.Inf(1)
	}
	if x < -745 {
		return 0
	}
	const (
		log2e  = 1.44269504088896338700e+00
		ln2Hi  = 6.93147180369123816490e-01
		ln2Lo  = 1.90821492927058770002e-10
		nTerms = 14
	)
	k := math.Floor(float64(x*log2e) + 0.5)
	r := (x - float64(k*ln2Hi)) - float64(k*ln2Lo) // |r| <= ln2/2
	// Taylor series of e^r by Horner from the highest term down.
	p := 1.0
	for n := nTerms; n >= 1; n-- {
		p = float64(float64(p*r)/float64(n)) + 1
	}
	return math.Ldexp(p, int(k))
}

// Log returns the natural logarithm of x > 0, accurate to about one ulp:
// log(x) = e*ln2 + 2*atanh(f/(2+f)) with x = (1+f)*2^e and
// sqrt(1/2) <= 1+f < sqrt(2), the atanh series summed in a fixed order.
func Log(x float64) float64 {
	switch {
	case x != x || x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	}
	frac, e := math.Frexp(x)
	if frac < math.Sqrt2/2 {
		frac *= 2
		e--
	}
	f := frac - 1
	s := f / (2 + f)
	z := float64(s * s)
	p := 1.0 / 27
	for k := 12; k >= 0; k-- {
		p = float64(p*z) + 1/float64(2*k+1)
	}
	const ln2Hi, ln2Lo = 6.93147180369123816490e-01, 1.90821492927058770002e-10
	fe := float64(e)
	return float64(fe*ln2Hi) + (float64(fe*ln2Lo) + float64(2*float64(s*p)))
}

// SinCos returns sin(x) and cos(x) for moderate |x| (up to about 1e6),
// by reduction to [-pi/4, pi/4] and Taylor series in a fixed order.
func SinCos(x float64) (sin, cos float64) {
	const (
		twoOverPi = 6.36619772367581382433e-01
		pio2Hi    = 1.57079632673412561417e+00
		pio2Lo    = 6.07710050650619224932e-11
	)
	q := math.Floor(float64(x*twoOverPi) + 0.5)
	r := (x - float64(q*pio2Hi)) - float64(q*pio2Lo)
	z := float64(r * r)
	// sin r = r * sum (-z)^n/(2n+1)!, cos r = sum (-z)^n/(2n)!, n <= 10.
	s, c := 1.0, 1.0
	for n := 10; n >= 1; n-- {
		s = 1 - float64(float64(s*z)/float64((2*n)*(2*n+1)))
		c = 1 - float64(float64(c*z)/float64((2*n-1)*(2*n)))
	}
	s = float64(s * r)
	switch int64(q) & 3 {
	case 0:
		return s, c
	case 1:
		return c, -s
	case 2:
		return -s, -c
	default:
		return -c, s
	}
}
