//go:build gc && !purego

package simd

// mulSignAddToAVX512 is mulSignAddToGeneric for len(x) a multiple of 16
// and dst and b as long: s from two compares into masks (x < 0, x == 0)
// and masked moves of -1 and 0 over 1, then a multiply and an add.
//
//go:noescape
func mulSignAddToAVX512(dst, b, x []float32)

// mulSignAddToAVX2 is mulSignAddToAVX512 for len(x) a multiple of 8, s
// blended by the x < 0 compare and cleared by the x == 0 one.
//
//go:noescape
func mulSignAddToAVX2(dst, b, x []float32)

func mulSignAddTo(dst, b, x []float32) {
	n := len(x) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		mulSignAddToAVX512(dst[:n], b[:n], x[:n])
	case hasAVX2:
		mulSignAddToAVX2(dst[:n], b[:n], x[:n])
	default:
		n = 0
	}
	mulSignAddToGeneric(dst[n:], b[n:], x[n:])
}
