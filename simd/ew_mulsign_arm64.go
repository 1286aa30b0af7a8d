//go:build gc && !purego

package simd

// mulSignAddToNEON is mulSignAddToGeneric for len(x) a multiple of 4 and
// dst and b as long: s from two compares (x < 0, x == 0) inserted over 1,
// then a multiply and an add.
//
//go:noescape
func mulSignAddToNEON(dst, b, x []float32)

func mulSignAddTo(dst, b, x []float32) {
	n := 0
	if hasNEON {
		n = len(x) &^ 3
		mulSignAddToNEON(dst[:n], b[:n], x[:n])
	}
	mulSignAddToGeneric(dst[n:], b[n:], x[n:])
}
