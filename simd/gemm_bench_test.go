package simd

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkGemmKernel measures each micro-kernel path on cache-resident
// panels, the way the blas driver calls it:
//
//   - tile/k=K: one tile over and over, both panels in L1/L2 (kernel peak);
//   - row/k=K: one B panel against 8 A panels and 8 C tiles at a large
//     power-of-two-free stride (the driver's inner loop: B stays in L1,
//     A streams from L2).
//
// It reports GFLOP/s (2*MR*NR*k flops per tile).
func BenchmarkGemmKernel(b *testing.B) {
	for _, g := range gemmPaths() {
		for _, k := range []int{256, 384, 512} {
			if g.name == "generic" && k > 256 {
				continue
			}
			b.Run(fmt.Sprintf("%s/tile/k=%d", g.name, k), func(b *testing.B) {
				benchGemm(b, g, k, 1)
			})
			b.Run(fmt.Sprintf("%s/row/k=%d", g.name, k), func(b *testing.B) {
				benchGemm(b, g, k, 8)
			})
		}
	}
}

func benchGemm(b *testing.B, g gemmImpl, k, tiles int) {
	rng := rand.New(rand.NewPCG(1, 1))
	a := make([]float32, tiles*k*g.mr)
	bp := make([]float32, k*g.nr)
	gemmFill(rng, a, false)
	gemmFill(rng, bp, false)
	ldc := tiles*g.nr + 24
	c := make([]float32, g.mr*ldc)
	withGemm(g, func() {
		b.ResetTimer()
		for b.Loop() {
			for t := 0; t < tiles; t++ {
				GemmKernel(k, a[t*k*g.mr:], bp, c[t*g.nr:], ldc, true)
			}
		}
	})
	flops := 2 * float64(g.mr*g.nr*k*tiles) * float64(b.N)
	b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}
