package simd

import (
	"fmt"
	"math"
)

// ReluGradTo sets dst[i] = g[i] where x[i] > 0 and +0 elsewhere (at 0,
// below 0 and for NaN x): the gradient of ReLU with respect to its input
// x, given the gradient g of its output. g's bits pass through unchanged.
// dst may be g. It panics unless x, g and dst have the same length.
func ReluGradTo(dst, x, g []float32) {
	if len(x) != len(g) || len(dst) != len(x) {
		panic(fmt.Sprintf("simd: ReluGradTo: lengths dst %d, x %d, g %d", len(dst), len(x), len(g)))
	}
	reluGradTo(dst, x, g)
}

// reluGradToGeneric is the reference of ReluGradTo.
func reluGradToGeneric(dst, x, g []float32) {
	g, dst = g[:len(x)], dst[:len(x)]
	for i, v := range x {
		dst[i] = math.Float32frombits(math.Float32bits(g[i]) & ewPositiveMask(v))
	}
}

// ewPositiveMask returns all ones when v > 0 and 0 otherwise (for NaN too),
// without a branch: activations have random signs, and a mispredicted
// branch per element costs more than the arithmetic.
func ewPositiveMask(v float32) uint32 {
	// v > 0 exactly when its bits b satisfy 0 < b <= bits(+Inf), that is
	// when b-1 (wrapping) is below bits(+Inf).
	u := int64(math.Float32bits(v) - 1)
	return uint32((u - 0x7f800000) >> 63)
}
