package simd

import "fmt"

// SplitSigns sets on[i] and off[i] from x[i]: (x, +0) where x > 0,
// (+0, -x) where x < 0, (+0, +0) at ±0 and (x, x) where x is NaN: the
// rectified positive and negative parts of a signed response (the ON and
// OFF channels of the retina), a NaN kept in both. No arithmetic is done
// but the sign flip, so every path gives the same bits, NaN payloads
// included. It panics unless on, off and x have the same length.
func SplitSigns(on, off, x []float32) {
	if len(on) != len(x) || len(off) != len(x) {
		panic(fmt.Sprintf("simd: SplitSigns: lengths on %d, off %d, x %d", len(on), len(off), len(x)))
	}
	splitSigns(on, off, x)
}

// SplitSignsGrad sets dst[i] to gon[i] where x[i] > 0, -goff[i] where
// x[i] < 0, x[i] where x[i] is NaN and +0 elsewhere: the gradient of
// SplitSigns with respect to x, given the gradients gon and goff of its
// outputs. It panics unless the four slices have the same length.
func SplitSignsGrad(dst, x, gon, goff []float32) {
	if len(dst) != len(x) || len(gon) != len(x) || len(goff) != len(x) {
		panic(fmt.Sprintf("simd: SplitSignsGrad: lengths dst %d, x %d, gon %d, goff %d", len(dst), len(x), len(gon), len(goff)))
	}
	splitSignsGrad(dst, x, gon, goff)
}

// splitSignsGeneric is the reference of SplitSigns.
func splitSignsGeneric(on, off, x []float32) {
	on, off = on[:len(x)], off[:len(x)]
	for i, v := range x {
		switch {
		case v > 0:
			on[i], off[i] = v, 0
		case v < 0:
			on[i], off[i] = 0, -v
		case v != v:
			on[i], off[i] = v, v
		default:
			on[i], off[i] = 0, 0
		}
	}
}

// splitSignsGradGeneric is the reference of SplitSignsGrad.
func splitSignsGradGeneric(dst, x, gon, goff []float32) {
	dst, gon, goff = dst[:len(x)], gon[:len(x)], goff[:len(x)]
	for i, v := range x {
		switch {
		case v > 0:
			dst[i] = gon[i]
		case v < 0:
			dst[i] = -goff[i]
		case v != v:
			dst[i] = v
		default:
			dst[i] = 0
		}
	}
}
