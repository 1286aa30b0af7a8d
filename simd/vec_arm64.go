//go:build gc && !purego

package simd

// axpyNEON is, for len(x) a multiple of 16 and len(y) == len(x),
//
//	for i, v := range x { y[i] = fma(alpha, v, y[i]) }
//
//go:noescape
func axpyNEON(alpha float32, x, y []float32)

func axpy(alpha float32, x, y []float32) {
	n := 0
	if hasNEON {
		n = len(x) &^ 15
		axpyNEON(alpha, x[:n], y[:n])
	}
	axpyGeneric(alpha, x[n:], y[n:])
}

// The other elementwise kernels have no NEON code yet; on arm64 the Go
// compiler's scalar code is what runs.

func scale(alpha float32, x []float32) { scaleGeneric(alpha, x) }
func addTo(dst, a, b []float32)        { addToGeneric(dst, a, b) }
func subTo(dst, a, b []float32)        { subToGeneric(dst, a, b) }
func mulTo(dst, a, b []float32)        { mulToGeneric(dst, a, b) }
func reluTo(dst, x []float32)          { reluToGeneric(dst, x) }
