//go:build gc && !purego

package simd

// gemmKernel8x12NEON computes the full 8x12 tile with one FMLA (by
// element, one rounding) per step:
//
//	for i := 0; i < 8; i++ {
//		for j := 0; j < 12; j++ {
//			var acc float32
//			if load {
//				acc = c[i*ldc+j]
//			}
//			for p := 0; p < k; p++ {
//				acc = FMA32(a[p*8+i], b[p*12+j], acc)
//			}
//			c[i*ldc+j] = acc
//		}
//	}
//
//go:noescape
func gemmKernel8x12NEON(k int, a, b, c *float32, ldc int, load bool)

var gemmNEONImpl = gemmImpl{
	name: "neon", mr: 8, nr: 12,
	kernel: func(k int, a, b, c []float32, ldc int, load bool) {
		gemmKernel8x12NEON(k, gemmPtr(a), gemmPtr(b), &c[0], ldc, load)
	},
	edge: gemmEdgeNEON,
}

// gemmEdgeNEON runs an edge tile through an 8x12 scratch tile: NEON has no
// masked loads and stores, and copying at most 96 elements in and out is
// cheap next to the k*96 fmas of the kernel.
func gemmEdgeNEON(mr, nr, k int, a, b, c []float32, ldc int, load bool) {
	var t [8 * 12]float32
	if load {
		for i := 0; i < mr; i++ {
			copy(t[i*12:i*12+nr], c[i*ldc:i*ldc+nr])
		}
	}
	gemmKernel8x12NEON(k, gemmPtr(a), gemmPtr(b), &t[0], 12, load)
	for i := 0; i < mr; i++ {
		copy(c[i*ldc:i*ldc+nr], t[i*12:i*12+nr])
	}
}

// gemmSelect picks the NEON kernel where the CPU has ASIMD (every arm64
// Go supports does).
func gemmSelect() gemmImpl {
	if hasNEON {
		return gemmNEONImpl
	}
	return gemmGenericImpl
}
