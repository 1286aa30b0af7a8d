//go:build gc && !purego

package simd

// splitSignsAVX512 is splitSignsGeneric for len(x) a multiple of 16 and
// on and off as long: three compares into mask registers (x > 0, x < 0,
// unordered) and masked moves of x and of x with its sign flipped.
//
//go:noescape
func splitSignsAVX512(on, off, x []float32)

// splitSignsAVX2 is splitSignsAVX512 for len(x) a multiple of 8, with the
// compares as all-ones/zero vectors ANDed with the values.
//
//go:noescape
func splitSignsAVX2(on, off, x []float32)

// splitSignsGradAVX512 is splitSignsGradGeneric for len(x) a multiple of
// 16 and the other slices as long.
//
//go:noescape
func splitSignsGradAVX512(dst, x, gon, goff []float32)

// splitSignsGradAVX2 is splitSignsGradAVX512 for len(x) a multiple of 8.
//
//go:noescape
func splitSignsGradAVX2(dst, x, gon, goff []float32)

func splitSigns(on, off, x []float32) {
	n := len(x) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		splitSignsAVX512(on[:n], off[:n], x[:n])
	case hasAVX2:
		splitSignsAVX2(on[:n], off[:n], x[:n])
	default:
		n = 0
	}
	splitSignsGeneric(on[n:], off[n:], x[n:])
}

func splitSignsGrad(dst, x, gon, goff []float32) {
	n := len(x) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		splitSignsGradAVX512(dst[:n], x[:n], gon[:n], goff[:n])
	case hasAVX2:
		splitSignsGradAVX2(dst[:n], x[:n], gon[:n], goff[:n])
	default:
		n = 0
	}
	splitSignsGradGeneric(dst[n:], x[n:], gon[n:], goff[n:])
}
