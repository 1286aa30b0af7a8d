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

// scaleNEON is, for len(x) a multiple of 16,
//
//	for i := range x { x[i] *= alpha }
//
//go:noescape
func scaleNEON(alpha float32, x []float32)

// addToNEON is, for len(a) a multiple of 16 and equal lengths,
//
//	for i := range a { dst[i] = a[i] + b[i] }
//
//go:noescape
func addToNEON(dst, a, b []float32)

// subToNEON is, for len(a) a multiple of 16 and equal lengths,
//
//	for i := range a { dst[i] = a[i] - b[i] }
//
//go:noescape
func subToNEON(dst, a, b []float32)

// mulToNEON is, for len(a) a multiple of 16 and equal lengths,
//
//	for i := range a { dst[i] = a[i] * b[i] }
//
//go:noescape
func mulToNEON(dst, a, b []float32)

// reluToNEON is, for len(x) a multiple of 16 and len(dst) == len(x),
//
//	for i, v := range x { if v < 0 { v = 0 }; dst[i] = v }
//
//go:noescape
func reluToNEON(dst, x []float32)

func scale(alpha float32, x []float32) {
	n := 0
	if hasNEON {
		n = len(x) &^ 15
		scaleNEON(alpha, x[:n])
	}
	scaleGeneric(alpha, x[n:])
}

func addTo(dst, a, b []float32) {
	n := 0
	if hasNEON {
		n = len(a) &^ 15
		addToNEON(dst[:n], a[:n], b[:n])
	}
	addToGeneric(dst[n:], a[n:], b[n:])
}

func subTo(dst, a, b []float32) {
	n := 0
	if hasNEON {
		n = len(a) &^ 15
		subToNEON(dst[:n], a[:n], b[:n])
	}
	subToGeneric(dst[n:], a[n:], b[n:])
}

func mulTo(dst, a, b []float32) {
	n := 0
	if hasNEON {
		n = len(a) &^ 15
		mulToNEON(dst[:n], a[:n], b[:n])
	}
	mulToGeneric(dst[n:], a[n:], b[n:])
}

func reluTo(dst, x []float32) {
	n := 0
	if hasNEON {
		n = len(x) &^ 15
		reluToNEON(dst[:n], x[:n])
	}
	reluToGeneric(dst[n:], x[n:])
}

// mulAddToNEON is, for len(a) a multiple of 16 and equal lengths,
//
//	for i := range a { dst[i] = fma(a[i], b[i], dst[i]) }
//
//go:noescape
func mulAddToNEON(dst, a, b []float32)

func mulAddTo(dst, a, b []float32) {
	n := 0
	if hasNEON {
		n = len(a) &^ 15
		mulAddToNEON(dst[:n], a[:n], b[:n])
	}
	mulAddToGeneric(dst[n:], a[n:], b[n:])
}

// scaleToNEON is, for len(x) a multiple of 16 and len(dst) == len(x),
//
//	for i, v := range x { dst[i] = v * alpha }
//
//go:noescape
func scaleToNEON(dst, x []float32, alpha float32)

// addScalarToNEON is, for len(x) a multiple of 16 and len(dst) == len(x),
//
//	for i, v := range x { dst[i] = v + s }
//
//go:noescape
func addScalarToNEON(dst, x []float32, s float32)

func scaleTo(dst, x []float32, alpha float32) {
	n := 0
	if hasNEON {
		n = len(x) &^ 15
		scaleToNEON(dst[:n], x[:n], alpha)
	}
	scaleToGeneric(dst[n:], x[n:], alpha)
}

func addScalarTo(dst, x []float32, s float32) {
	n := 0
	if hasNEON {
		n = len(x) &^ 15
		addScalarToNEON(dst[:n], x[:n], s)
	}
	addScalarToGeneric(dst[n:], x[n:], s)
}

// divToNEON is, for len(a) a multiple of 16 and equal lengths,
//
//	for i := range a { dst[i] = a[i] / b[i] }
//
//go:noescape
func divToNEON(dst, a, b []float32)

func divTo(dst, a, b []float32) {
	n := 0
	if hasNEON {
		n = len(a) &^ 15
		divToNEON(dst[:n], a[:n], b[:n])
	}
	divToGeneric(dst[n:], a[n:], b[n:])
}

// absToNEON is, for len(x) a multiple of 16 and len(dst) == len(x),
//
//	for i, v := range x { dst[i] = v with its sign bit cleared }
//
//go:noescape
func absToNEON(dst, x []float32)

func absTo(dst, x []float32) {
	n := 0
	if hasNEON {
		n = len(x) &^ 15
		absToNEON(dst[:n], x[:n])
	}
	absToGeneric(dst[n:], x[n:])
}
