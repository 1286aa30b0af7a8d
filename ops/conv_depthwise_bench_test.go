package ops

import (
	"fmt"
	"testing"
)

// BenchmarkConv2dDepthwiseKernels times the direct kernels of case (iv) of
// BenchmarkConv2d into preallocated outputs, to tell their memory traffic
// from the allocation (and zeroing) of fresh output tensors around them.
func BenchmarkConv2dDepthwiseKernels(b *testing.B) { benchDepthwiseKernels(b, 64) }

// BenchmarkConv2dDepthwiseKernelsCached runs the same on 4 samples, which
// stay in the caches: the kernels' own cost.
func BenchmarkConv2dDepthwiseKernelsCached(b *testing.B) { benchDepthwiseKernels(b, 4) }

func benchDepthwiseKernels(b *testing.B, n int) {
	p := Conv2dParams{PadH: 1, PadW: 1, Groups: 64}
	rng := laRNG(3)
	x, w, bias := laRand(rng, n, 64, 32, 32), laRand(rng, 64, 1, 3, 3), laRand(rng, 64)
	gy := laRand(rng, n, 64, 32, 32)
	g := convGeometry("bench", x, w, bias, p)
	y, gx, gw := make([]float32, gy.Size()), make([]float32, x.Size()), make([]float32, w.Size())
	bytes := int64(4 * x.Size())
	b.Run("fwd", func(b *testing.B) {
		laBenchThreads(b)
		b.SetBytes(2 * bytes)
		for i := 0; i < b.N; i++ {
			convDepthwiseForward(&g, x.Data(), w.Data(), bias.Data(), y)
		}
	})
	b.Run("bwd", func(b *testing.B) {
		laBenchThreads(b)
		b.SetBytes(3 * bytes)
		for i := 0; i < b.N; i++ {
			convDepthwiseBackward(&g, x.Data(), w.Data(), gy.Data(), gx, gw)
		}
	})
	b.Run("alloc", func(b *testing.B) {
		laBenchThreads(b)
		b.SetBytes(bytes)
		for i := 0; i < b.N; i++ {
			y = make([]float32, len(y))
		}
	})
}

// BenchmarkConv2dDepthwiseBackward splits Conv2dBackward of case (iv) into
// its parts as the API runs them: with and without the bias gradient (a
// separate pass over gy in conv.go).
func BenchmarkConv2dDepthwiseBackward(b *testing.B) {
	p := Conv2dParams{PadH: 1, PadW: 1, Groups: 64}
	rng := laRNG(3)
	x, w := laRand(rng, 64, 64, 32, 32), laRand(rng, 64, 1, 3, 3)
	gy := laRand(rng, 64, 64, 32, 32)
	for _, bias := range []bool{false, true} {
		b.Run(fmt.Sprintf("bias=%v", bias), func(b *testing.B) {
			laBenchThreads(b)
			for i := 0; i < b.N; i++ {
				Conv2dBackward(x, w, gy, p, bias)
			}
		})
	}
}
