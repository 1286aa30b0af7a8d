package cortex

import "math"

// The two portable functions below are also in package retina (unexported
// there too): they are the only transcendental functions the filter
// constructors need, and sharing them would mean exporting numerical
// helpers from a model package.

// exp64 returns e^x for |x| < 700, accurate to a few ulps, using only IEEE
// arithmetic in a fixed order; products are wrapped in float64() so that
// no compiler fuses them into an FMA.
func exp64(x float64) float64 {
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
		log2e = 1.44269504088896338700e+00
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
	)
	k := math.Floor(float64(x*log2e) + 0.5)
	r := (x - float64(k*ln2Hi)) - float64(k*ln2Lo)
	p := 1.0
	for n := 14; n >= 1; n-- {
		p = float64(float64(p*r)/float64(n)) + 1
	}
	return math.Ldexp(p, int(k))
}

// sincos64 returns sin(x) and cos(x) for moderate |x| (up to about 1e6),
// by reduction to [-pi/4, pi/4] and Taylor series in a fixed order.
func sincos64(x float64) (sin, cos float64) {
	const (
		twoOverPi = 6.36619772367581382433e-01
		pio2Hi    = 1.57079632673412561417e+00
		pio2Lo    = 6.07710050650619224932e-11
	)
	q := math.Floor(float64(x*twoOverPi) + 0.5)
	r := (x - float64(q*pio2Hi)) - float64(q*pio2Lo)
	z := float64(r * r)
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
