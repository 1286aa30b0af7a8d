package spiking

import "math"

// exp64 is a portable exponential for the constants of a simulation
// (exp(-dt/tau) and the like, computed once per step size, never per
// neuron). It uses only IEEE +, *, / and exact scaling by powers of two,
// with every product rounded before it is added so that no compiler can
// fuse it, so it returns the same bits on every platform, unlike math.Exp,
// which has per-architecture assembly. Accuracy is about one ulp.
func exp64(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return x
	case x > 709.7:
		return math.Inf(1)
	case x < -745.2:
		return 0
	}
	// x = k*ln2 + r with |r| <= ln2/2; ln2 split in two parts so that
	// k*ln2Hi is exact for |k| < 2^20.
	const ln2Hi, ln2Lo = 6.93147180369123816490e-01, 1.90821492927058770002e-10
	k := math.Floor(x/math.Ln2 + 0.5)
	r := (x - float64(k*ln2Hi)) - float64(k*ln2Lo)
	// exp(r) = sum r^n/n!, n = 0..17, by Horner: |r|^18/18! < 2^-80.
	p := 1.0 / 6402373705728000 // 1/18!
	fact := 6402373705728000.0
	for n := 17; n >= 0; n-- {
		fact /= float64(n + 1)
		p = float64(p*r) + 1/fact
	}
	return math.Ldexp(p, int(k))
}

// log64 is the portable natural logarithm for 0 < x < +Inf (same rules as
// exp64): log(x) = e*ln2 + 2*atanh(s) with x = (1+f)*2^e and s = f/(2+f).
func log64(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 1) {
		switch {
		case x == 0:
			return math.Inf(-1)
		case math.IsInf(x, 1):
			return x
		default:
			return math.NaN()
		}
	}
	frac, e := math.Frexp(x)
	if frac < math.Sqrt2/2 {
		frac *= 2
		e--
	}
	f := frac - 1
	s := f / (2 + f)
	z := float64(s * s)
	p := 1.0 / 31
	for k := 14; k >= 0; k-- {
		p = float64(p*z) + 1/float64(2*k+1)
	}
	const ln2Hi, ln2Lo = 6.93147180369123816490e-01, 1.90821492927058770002e-10
	fe := float64(e)
	return float64(fe*ln2Hi) + (float64(fe*ln2Lo) + float64(2*float64(s*p)))
}

// Decay returns exp(-dt/tau) rounded to float32: the factor by which an
// exponentially decaying quantity with time constant tau shrinks in one
// step of dt. It is computed portably (see exp64), once per step size.
func Decay(dt, tau float32) float32 {
	return float32(exp64(-float64(dt) / float64(tau)))
}
