package simd

import "math"

// tanhSmall is where Tanh switches from the odd polynomial to the
// exponential formula.
const (
	tanhSmall = 0.625
	// tanh(a) = a + a*z*P(z), z = a*a, on |a| < 0.625 (Cephes tanhf).
	tanhP0 = -3.33332819422e-1
	tanhP1 = 1.33314422036e-1
	tanhP2 = -5.37397155531e-2
	tanhP3 = 2.06390887954e-2
	tanhP4 = -5.70498872745e-3
)

// Tanh returns the hyperbolic tangent of x in float32, the same bits on
// every platform. It saturates to exactly ±1 for |x| >= 9.1 (and ±Inf),
// keeps the sign of zero, and returns a NaN argument unchanged.
//
// With a = |x| (the sign is put back at the end), the order of operations
// shared with the assembly of TanhTo is
//
//	a <  0.625: z = a*a; P = fma(fma(fma(fma(P4, z, P3), z, P2), z, P1), z, P0)
//	            t = fma(P*z, a, a)
//	a >= 0.625: t = 1 - 2/(Exp(a+a) + 1)
func Tanh(x float32) float32 {
	if x != x {
		return x
	}
	sign := math.Float32bits(x) & 0x80000000
	a := math.Float32frombits(math.Float32bits(x) &^ 0x80000000)
	var t float32
	if a < tanhSmall {
		z := a * a
		p := FMA32(tanhP4, z, tanhP3)
		p = FMA32(p, z, tanhP2)
		p = FMA32(p, z, tanhP1)
		p = FMA32(p, z, tanhP0)
		t = FMA32(p*z, a, a)
	} else {
		t = 1 - 2/(Exp(a+a)+1)
	}
	return math.Float32frombits(math.Float32bits(t) | sign)
}
