//go:build gc && !purego

package simd

// reluGradToAVX512 is, for len(x) a multiple of 16 and dst and g at least
// as long,
//
//	for i, v := range x {
//		dst[i] = 0
//		if v > 0 { // an ordered compare: false for NaN
//			dst[i] = g[i]
//		}
//	}
//
// as a compare into a mask register and a zero-masked move of g.
//
//go:noescape
func reluGradToAVX512(dst, x, g []float32)

// reluGradToAVX2 is reluGradToAVX512 for len(x) a multiple of 8, as a
// compare into an all-ones/zero vector ANDed with g.
//
//go:noescape
func reluGradToAVX2(dst, x, g []float32)

func reluGradTo(dst, x, g []float32) {
	n := len(x) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		reluGradToAVX512(dst[:n], x[:n], g[:n])
	case hasAVX2:
		reluGradToAVX2(dst[:n], x[:n], g[:n])
	default:
		n = 0
	}
	reluGradToGeneric(dst[n:], x[n:], g[n:])
}
