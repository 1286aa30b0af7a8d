//go:build gc && !purego

package simd

// reluGradToNEON is, for len(x) a multiple of 16 and dst and g as long,
//
//	for i, v := range x {
//		dst[i] = 0
//		if v > 0 { // an ordered compare: false for NaN
//			dst[i] = g[i]
//		}
//	}
//
// as a compare into an all-ones/zero vector ANDed with g.
//
//go:noescape
func reluGradToNEON(dst, x, g []float32)

func reluGradTo(dst, x, g []float32) {
	n := 0
	if hasNEON {
		n = len(x) &^ 15
		reluGradToNEON(dst[:n], x[:n], g[:n])
	}
	reluGradToGeneric(dst[n:], x[n:], g[n:])
}
