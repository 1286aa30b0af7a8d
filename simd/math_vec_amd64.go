//go:build gc && !purego

package simd

// The assembly kernels compute the scalar functions lane by lane in the
// order their doc comments give, on slices whose length is a multiple of
// the vector width (16 for AVX-512, 8 for AVX2). The tail goes through a
// zero-padded vector on the stack, so every element takes the same path.

// expAVX512 is
//
//	for i, v := range x { dst[i] = Exp(v) }
//
//go:noescape
func expAVX512(dst, x []float32)

//go:noescape
func expAVX2(dst, x []float32)

// tanhAVX512 is
//
//	for i, v := range x { dst[i] = Tanh(v) }
//
//go:noescape
func tanhAVX512(dst, x []float32)

//go:noescape
func tanhAVX2(dst, x []float32)

// sigmoidAVX512 is
//
//	for i, v := range x { dst[i] = Sigmoid(v) }
//
//go:noescape
func sigmoidAVX512(dst, x []float32)

//go:noescape
func sigmoidAVX2(dst, x []float32)

func expTo(dst, x []float32) {
	var buf [16]float32
	switch {
	case hasAVX512:
		n := len(x) &^ 15
		expAVX512(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:], x[n:])
			expAVX512(buf[:], buf[:])
			copy(dst[n:], buf[:])
		}
	case hasAVX2:
		n := len(x) &^ 7
		expAVX2(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:8], x[n:])
			expAVX2(buf[:8], buf[:8])
			copy(dst[n:], buf[:8])
		}
	default:
		expToGeneric(dst, x)
	}
}

func tanhTo(dst, x []float32) {
	var buf [16]float32
	switch {
	case hasAVX512:
		n := len(x) &^ 15
		tanhAVX512(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:], x[n:])
			tanhAVX512(buf[:], buf[:])
			copy(dst[n:], buf[:])
		}
	case hasAVX2:
		n := len(x) &^ 7
		tanhAVX2(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:8], x[n:])
			tanhAVX2(buf[:8], buf[:8])
			copy(dst[n:], buf[:8])
		}
	default:
		tanhToGeneric(dst, x)
	}
}

func sigmoidTo(dst, x []float32) {
	var buf [16]float32
	switch {
	case hasAVX512:
		n := len(x) &^ 15
		sigmoidAVX512(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:], x[n:])
			sigmoidAVX512(buf[:], buf[:])
			copy(dst[n:], buf[:])
		}
	case hasAVX2:
		n := len(x) &^ 7
		sigmoidAVX2(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:8], x[n:])
			sigmoidAVX2(buf[:8], buf[:8])
			copy(dst[n:], buf[:8])
		}
	default:
		sigmoidToGeneric(dst, x)
	}
}

// logAVX512 is
//
//	for i, v := range x { dst[i] = Log(v) }
//
//go:noescape
func logAVX512(dst, x []float32)

//go:noescape
func logAVX2(dst, x []float32)

func logTo(dst, x []float32) {
	var buf [16]float32
	switch {
	case hasAVX512:
		n := len(x) &^ 15
		logAVX512(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:], x[n:])
			logAVX512(buf[:], buf[:])
			copy(dst[n:], buf[:])
		}
	case hasAVX2:
		n := len(x) &^ 7
		logAVX2(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:8], x[n:])
			logAVX2(buf[:8], buf[:8])
			copy(dst[n:], buf[:8])
		}
	default:
		logToGeneric(dst, x)
	}
}

// softplusAVX512 is
//
//	for i, v := range x { dst[i] = Softplus(v) }
//
//go:noescape
func softplusAVX512(dst, x []float32)

//go:noescape
func softplusAVX2(dst, x []float32)

func softplusTo(dst, x []float32) {
	var buf [16]float32
	switch {
	case hasAVX512:
		n := len(x) &^ 15
		softplusAVX512(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:], x[n:])
			softplusAVX512(buf[:], buf[:])
			copy(dst[n:], buf[:])
		}
	case hasAVX2:
		n := len(x) &^ 7
		softplusAVX2(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:8], x[n:])
			softplusAVX2(buf[:8], buf[:8])
			copy(dst[n:], buf[:8])
		}
	default:
		softplusToGeneric(dst, x)
	}
}

// erfAVX512 is
//
//	for i, v := range x { dst[i] = Erf(v) }
//
//go:noescape
func erfAVX512(dst, x []float32)

//go:noescape
func erfAVX2(dst, x []float32)

func erfTo(dst, x []float32) {
	var buf [16]float32
	switch {
	case hasAVX512:
		n := len(x) &^ 15
		erfAVX512(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:], x[n:])
			erfAVX512(buf[:], buf[:])
			copy(dst[n:], buf[:])
		}
	case hasAVX2:
		n := len(x) &^ 7
		erfAVX2(dst[:n], x[:n])
		if n < len(x) {
			copy(buf[:8], x[n:])
			erfAVX2(buf[:8], buf[:8])
			copy(dst[n:], buf[:8])
		}
	default:
		erfToGeneric(dst, x)
	}
}
