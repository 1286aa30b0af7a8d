package simd

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkDepthwise runs the kernels on one 32×32 plane with a 3×3
// kernel (padding 1) that stays in L1: rows 1..30, which read the plane in
// place (the padded rows 0 and 31 read a framed copy in the convolution).
func BenchmarkDepthwise(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	var taps []DepthwiseTap
	for a := 0; a < 3; a++ {
		for c := 0; c < 3; c++ {
			taps = append(taps, DepthwiseTap{Row: a - 1, Col: c - 1})
		}
	}
	p := NewDepthwisePlan(32, 32, 32, 32, taps)
	x, y, w := make([]float32, 1024), make([]float32, 1024), make([]float32, 9)
	gemmFill(rng, x, false)
	gemmFill(rng, w, false)
	acc := make([]float32, 9*Lanes)
	b.Run("conv", func(b *testing.B) {
		b.SetBytes(30 * 32 * 4)
		for i := 0; i < b.N; i++ {
			p.Conv(y[32:], 30, x, 32, w, 0)
		}
	})
	b.Run("dot", func(b *testing.B) {
		b.SetBytes(30 * 32 * 4)
		for i := 0; i < b.N; i++ {
			p.DotLanes(acc, y[32:], 30, x, 32, 0, 2)
		}
	})
}
