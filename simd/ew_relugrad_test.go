package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// reluGradInputs returns x with every kind of value the compare must
// classify (±0, subnormals, ±Inf, NaNs, random signs) and g with random
// values, -0 and a NaN payload that must pass through unchanged.
func reluGradInputs(n int, seed uint64) (x, g []float32) {
	rng := rand.New(rand.NewPCG(seed, 9))
	special := []float32{0, float32(math.Copysign(0, -1)), math.Float32frombits(1), math.Float32frombits(0x80000001),
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), math.Float32frombits(0xffc00001), 1e-30, -1e-30}
	x, g = make([]float32, n), make([]float32, n)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
		if rng.IntN(4) == 0 {
			x[i] = special[rng.IntN(len(special))]
		}
		g[i] = float32(rng.NormFloat64())
		switch rng.IntN(8) {
		case 0:
			g[i] = float32(math.Copysign(0, -1))
		case 1:
			g[i] = math.Float32frombits(0x7fc0beef)
		}
	}
	return x, g
}

func TestReluGradToBits(t *testing.T) {
	kernelPaths(t, func(t *testing.T) {
		for _, n := range testLengths() {
			x, g := reluGradInputs(n, uint64(n))
			want := make([]float32, n)
			for i, v := range x {
				if v > 0 {
					want[i] = g[i]
				}
			}
			dst, check := guarded(t, n)
			ReluGradTo(dst, x, g)
			check()
			if i := sameBits(dst, want); i >= 0 {
				t.Fatalf("n=%d: dst[%d] = %#x for x %g, g %#x; want %#x", n, i,
					math.Float32bits(dst[i]), x[i], math.Float32bits(g[i]), math.Float32bits(want[i]))
			}
			ReluGradTo(g, x, g) // in place
			if i := sameBits(g, want); i >= 0 {
				t.Fatalf("n=%d in place: element %d differs", n, i)
			}
		}
	})
}

func TestReluGradToLengths(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("ReluGradTo accepted slices of different lengths")
		}
	}()
	ReluGradTo(make([]float32, 3), make([]float32, 4), make([]float32, 4))
}

// TestPositiveMask checks the generic twin's branch-free compare.
func TestPositiveMask(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 0))
	specials := []uint32{0, 1, 0x80000000, 0x80000001, 0x7f7fffff, 0x7f800000, 0x7f800001, 0x7fc00000,
		0xff800000, 0xff800001, 0xffc00000, 0xffffffff, 0x3f800000, 0xbf800000}
	for i := 0; i < 200000; i++ {
		specials = append(specials, rng.Uint32())
	}
	for _, b := range specials {
		v := math.Float32frombits(b)
		want := uint32(0)
		if v > 0 {
			want = ^uint32(0)
		}
		if got := ewPositiveMask(v); got != want {
			t.Fatalf("ewPositiveMask(%#x) = %#x, want %#x", b, got, want)
		}
	}
}
