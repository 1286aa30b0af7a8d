package tensor

import (
	"math"
	"math/rand/v2"
)

// NewRNG returns a PCG generator for the given seed and stream. Every random
// constructor takes an explicit generator; the global source is never used.
func NewRNG(seed, stream uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, stream)) }

// RandUniform returns a tensor of uniform values in [lo, hi). Each element
// consumes one Float32 draw from rng, in row-major order.
func RandUniform(rng *rand.Rand, lo, hi float32, shape ...int) *Tensor {
	t := New(shape...)
	w := hi - lo
	for i := range t.data {
		t.data[i] = lo + float32(w*rng.Float32())
	}
	return t
}

// RandNormal returns a tensor of normal values with the given mean and
// standard deviation, in row-major order.
func RandNormal(rng *rand.Rand, mean, std float32, shape ...int) *Tensor {
	t := New(shape...)
	for i := range t.data {
		t.data[i] = mean + float32(std*float32(Normal(rng)))
	}
	return t
}

// Normal draws one standard normal deviate by Marsaglia's polar method.
// Unlike rand.NormFloat64 it calls no math function that has
// per-architecture assembly, so the same seed gives the same bits on every
// platform: it uses only IEEE +, *, / and sqrt, with products rounded
// before they are added so that no compiler can fuse them.
func Normal(rng *rand.Rand) float64 {
	for {
		u := 2*rng.Float64() - 1
		v := 2*rng.Float64() - 1
		s := float64(u*u) + float64(v*v)
		if s >= 1 || s == 0 {
			continue
		}
		return u * math.Sqrt(float64(-2*log64(s))/s)
	}
}

// log64 is a portable natural logarithm for 0 < x < +Inf, accurate to about
// one ulp: log(x) = e*ln2 + 2*atanh(f/(2+f)) with x = (1+f)*2^e,
// sqrt(1/2) <= 1+f < sqrt(2), the atanh series summed in a fixed order.
func log64(x float64) float64 {
	frac, e := math.Frexp(x) // x = frac * 2^e, frac in [0.5, 1)
	if frac < math.Sqrt2/2 {
		frac *= 2
		e--
	}
	f := frac - 1
	s := f / (2 + f)
	z := float64(s * s)
	// atanh(s)/s = sum z^k/(2k+1), k = 0..13, by Horner.
	p := 1.0 / 27
	for k := 12; k >= 0; k-- {
		p = float64(p*z) + 1/float64(2*k+1)
	}
	const ln2Hi, ln2Lo = 6.93147180369123816490e-01, 1.90821492927058770002e-10
	fe := float64(e)
	return float64(fe*ln2Hi) + (float64(fe*ln2Lo) + float64(2*float64(s*p)))
}
