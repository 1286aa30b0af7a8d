//go:build gc && !purego

package simd

// expNEON is, for len(x) a multiple of 4 and len(dst) == len(x),
//
//	for i, v := range x { dst[i] = Exp(v) }
//
//go:noescape
func expNEON(dst, x []float32)

func expTo(dst, x []float32) {
	if !hasNEON {
		expToGeneric(dst, x)
		return
	}
	n := len(x) &^ 3
	expNEON(dst[:n], x[:n])
	if n < len(x) {
		var buf [4]float32
		copy(buf[:], x[n:])
		expNEON(buf[:], buf[:])
		copy(dst[n:], buf[:])
	}
}

// Log, Tanh and Sigmoid have no NEON code yet.

func logTo(dst, x []float32)     { logToGeneric(dst, x) }
func tanhTo(dst, x []float32)    { tanhToGeneric(dst, x) }
func sigmoidTo(dst, x []float32) { sigmoidToGeneric(dst, x) }
