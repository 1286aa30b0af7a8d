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
//   - row/k=K: one B panel against 8 A panels and 8 C tiles at a
//     power-of-two-free stride (the driver's inner loop: B stays in L1,
//     A streams from L2);
//   - edge/k=K: GemmKernelEdge on the (MR-1) x (NR-1) corner (flops
//     counted for the corner only);
//   - block/k=K: a macro-kernel sweep of about 168 rows by 512 columns of
//     C (at ldc = 536) from a packed A block in L2 and B panels
//     streaming from L2/L3, as the blas driver runs it: the panels and C
//     no longer sit in L1, which is where prefetching and the C traffic
//     show.
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
			if g.name != "generic" {
				b.Run(fmt.Sprintf("%s/block/k=%d", g.name, k), func(b *testing.B) {
					benchGemmBlock(b, g, k)
				})
				b.Run(fmt.Sprintf("%s/edge/k=%d", g.name, k), func(b *testing.B) {
					benchGemmEdge(b, g, k)
				})
			}
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

// benchGemmBlock sweeps the kernel over an mc x nc block of C the way the
// blas macro-kernel does: B panels outer, A panels inner.
func benchGemmBlock(b *testing.B, g gemmImpl, k int) {
	mp, np := (168+g.mr-1)/g.mr, 512/g.nr // A panels, B panels
	rng := rand.New(rand.NewPCG(2, 2))
	a := make([]float32, mp*k*g.mr)
	bp := make([]float32, np*k*g.nr)
	gemmFill(rng, a, false)
	gemmFill(rng, bp, false)
	ldc := np*g.nr + 24
	c := make([]float32, mp*g.mr*ldc)
	withGemm(g, func() {
		b.ResetTimer()
		for b.Loop() {
			for jp := 0; jp < np; jp++ {
				for ip := 0; ip < mp; ip++ {
					GemmKernel(k, a[ip*k*g.mr:], bp[jp*k*g.nr:], c[ip*g.mr*ldc+jp*g.nr:], ldc, true)
				}
			}
		}
	})
	flops := 2 * float64(g.mr*g.nr*k*mp*np) * float64(b.N)
	b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// benchGemmEdge runs GemmKernelEdge on the (MR-1) x (NR-1) corner of a tile.
func benchGemmEdge(b *testing.B, g gemmImpl, k int) {
	mr, nr := max(g.mr-1, 1), max(g.nr-1, 1)
	rng := rand.New(rand.NewPCG(3, 3))
	a := make([]float32, k*g.mr)
	bp := make([]float32, k*g.nr)
	gemmFill(rng, a, false)
	gemmFill(rng, bp, false)
	c := make([]float32, mr*nr)
	withGemm(g, func() {
		b.ResetTimer()
		for b.Loop() {
			GemmKernelEdge(mr, nr, k, a, bp, c, nr, true)
		}
	})
	flops := 2 * float64(mr*nr*k) * float64(b.N)
	b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkGemmKernelRows runs the kernel on tiles of R full-width rows
// (R = 2, 4, ..., MR) along a row of C, to price the short-row variants
// against the full tile (GemmPanelRows' cost model).
func BenchmarkGemmKernelRows(b *testing.B) {
	g := gemm
	const k, tiles = 288, 8
	rng := rand.New(rand.NewPCG(4, 4))
	a := make([]float32, tiles*k*g.mr)
	bp := make([]float32, k*g.nr)
	gemmFill(rng, a, false)
	gemmFill(rng, bp, false)
	ldc := tiles*g.nr + 24
	c := make([]float32, g.mr*ldc)
	for rows := 2; rows <= g.mr; rows += 2 {
		b.Run(fmt.Sprintf("%s/rows=%d", g.name, rows), func(b *testing.B) {
			for b.Loop() {
				for t := 0; t < tiles; t++ {
					GemmKernelEdge(rows, g.nr, k, a[t*k*g.mr:], bp, c[t*g.nr:], ldc, true)
				}
			}
			flops := 2 * float64(rows*g.nr*k*tiles) * float64(b.N)
			b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
