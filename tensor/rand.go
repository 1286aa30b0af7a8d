package tensor

import (
	"github.com/neurocortex/neurocortex/internal/fmath"

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
		return u * math.Sqrt(float64(-2*fmath.Log(s))/s)
	}
}
