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

// tanhNEON is, for len(x) a multiple of 4 and len(dst) == len(x),
//
//	for i, v := range x { dst[i] = Tanh(v) }
//
//go:noescape
func tanhNEON(dst, x []float32)

// sigmoidNEON is, for len(x) a multiple of 4 and len(dst) == len(x),
//
//	for i, v := range x { dst[i] = Sigmoid(v) }
//
//go:noescape
func sigmoidNEON(dst, x []float32)

func tanhTo(dst, x []float32) {
	if !hasNEON {
		tanhToGeneric(dst, x)
		return
	}
	n := len(x) &^ 3
	tanhNEON(dst[:n], x[:n])
	if n < len(x) {
		var buf [4]float32
		copy(buf[:], x[n:])
		tanhNEON(buf[:], buf[:])
		copy(dst[n:], buf[:])
	}
}

func sigmoidTo(dst, x []float32) {
	if !hasNEON {
		sigmoidToGeneric(dst, x)
		return
	}
	n := len(x) &^ 3
	sigmoidNEON(dst[:n], x[:n])
	if n < len(x) {
		var buf [4]float32
		copy(buf[:], x[n:])
		sigmoidNEON(buf[:], buf[:])
		copy(dst[n:], buf[:])
	}
}

// logNEON is, for len(x) a multiple of 4 and len(dst) == len(x),
//
//	for i, v := range x { dst[i] = Log(v) }
//
//go:noescape
func logNEON(dst, x []float32)

func logTo(dst, x []float32) {
	if !hasNEON {
		logToGeneric(dst, x)
		return
	}
	n := len(x) &^ 3
	logNEON(dst[:n], x[:n])
	if n < len(x) {
		var buf [4]float32
		copy(buf[:], x[n:])
		logNEON(buf[:], buf[:])
		copy(dst[n:], buf[:])
	}
}

// Softplus and Erf have no NEON code yet.

func softplusTo(dst, x []float32) { softplusToGeneric(dst, x) }
func erfTo(dst, x []float32)      { erfToGeneric(dst, x) }
