//go:build gc && !purego

package simd

// splitSignsNEON is splitSignsGeneric for len(x) a multiple of 4 and on
// and off as long: compares into all-ones/zero vectors (x > 0, x < 0,
// x == x), ANDs, and a bitwise insert of x where x is NaN.
//
//go:noescape
func splitSignsNEON(on, off, x []float32)

// splitSignsGradNEON is splitSignsGradGeneric for len(x) a multiple of 4
// and the other slices as long.
//
//go:noescape
func splitSignsGradNEON(dst, x, gon, goff []float32)

func splitSigns(on, off, x []float32) {
	n := 0
	if hasNEON {
		n = len(x) &^ 3
		splitSignsNEON(on[:n], off[:n], x[:n])
	}
	splitSignsGeneric(on[n:], off[n:], x[n:])
}

func splitSignsGrad(dst, x, gon, goff []float32) {
	n := 0
	if hasNEON {
		n = len(x) &^ 3
		splitSignsGradNEON(dst[:n], x[:n], gon[:n], goff[:n])
	}
	splitSignsGradGeneric(dst[n:], x[n:], gon[n:], goff[n:])
}
