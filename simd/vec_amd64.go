//go:build gc && !purego

package simd

// The assembly kernels take slices of equal length, a multiple of the
// vector width (16 for AVX-512, 8 for AVX2); the Go twin does the tail.
// Each element is one IEEE operation, so the split changes no bits.

// axpyAVX512 is
//
//	for i, v := range x { y[i] = fma(alpha, v, y[i]) }
//
//go:noescape
func axpyAVX512(alpha float32, x, y []float32)

//go:noescape
func axpyAVX2(alpha float32, x, y []float32)

// scaleAVX512 is
//
//	for i := range x { x[i] *= alpha }
//
//go:noescape
func scaleAVX512(alpha float32, x []float32)

//go:noescape
func scaleAVX2(alpha float32, x []float32)

// addToAVX512 is
//
//	for i := range a { dst[i] = a[i] + b[i] }
//
//go:noescape
func addToAVX512(dst, a, b []float32)

//go:noescape
func addToAVX2(dst, a, b []float32)

// divToAVX512 is
//
//	for i := range a { dst[i] = a[i] / b[i] }
//
//go:noescape
func divToAVX512(dst, a, b []float32)

//go:noescape
func divToAVX2(dst, a, b []float32)

// subToAVX512 is
//
//	for i := range a { dst[i] = a[i] - b[i] }
//
//go:noescape
func subToAVX512(dst, a, b []float32)

//go:noescape
func subToAVX2(dst, a, b []float32)

// mulToAVX512 is
//
//	for i := range a { dst[i] = a[i] * b[i] }
//
//go:noescape
func mulToAVX512(dst, a, b []float32)

//go:noescape
func mulToAVX2(dst, a, b []float32)

// absToAVX512 is
//
//	for i, v := range x { dst[i] = v with its sign bit cleared }
//
//go:noescape
func absToAVX512(dst, x []float32)

//go:noescape
func absToAVX2(dst, x []float32)

// scaleToAVX512 is
//
//	for i, v := range x { dst[i] = alpha * v }
//
//go:noescape
func scaleToAVX512(dst, x []float32, alpha float32)

//go:noescape
func scaleToAVX2(dst, x []float32, alpha float32)

// addScalarToAVX512 is
//
//	for i, v := range x { dst[i] = v + s }
//
//go:noescape
func addScalarToAVX512(dst, x []float32, s float32)

//go:noescape
func addScalarToAVX2(dst, x []float32, s float32)

// mulAddToAVX512 is
//
//	for i := range a { dst[i] = fma(a[i], b[i], dst[i]) }
//
//go:noescape
func mulAddToAVX512(dst, a, b []float32)

//go:noescape
func mulAddToAVX2(dst, a, b []float32)

// reluToAVX512 is (MAXPS(0, v) = 0 > v ? 0 : v)
//
//	for i, v := range x { if v < 0 { v = 0 }; dst[i] = v }
//
//go:noescape
func reluToAVX512(dst, x []float32)

//go:noescape
func reluToAVX2(dst, x []float32)

// vecWidth returns the number of elements the assembly kernels take per
// vector on this CPU, or 0 where only the generic twins run.
func vecWidth() int {
	switch {
	case hasAVX512:
		return 16
	case hasAVX2:
		return 8
	}
	return 0
}

func axpy(alpha float32, x, y []float32) {
	n := len(x) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		axpyAVX512(alpha, x[:n], y[:n])
	case hasAVX2:
		axpyAVX2(alpha, x[:n], y[:n])
	default:
		n = 0
	}
	axpyGeneric(alpha, x[n:], y[n:])
}

func scale(alpha float32, x []float32) {
	n := len(x) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		scaleAVX512(alpha, x[:n])
	case hasAVX2:
		scaleAVX2(alpha, x[:n])
	default:
		n = 0
	}
	scaleGeneric(alpha, x[n:])
}

func addTo(dst, a, b []float32) {
	n := len(a) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		addToAVX512(dst[:n], a[:n], b[:n])
	case hasAVX2:
		addToAVX2(dst[:n], a[:n], b[:n])
	default:
		n = 0
	}
	addToGeneric(dst[n:], a[n:], b[n:])
}

func divTo(dst, a, b []float32) {
	n := len(a) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		divToAVX512(dst[:n], a[:n], b[:n])
	case hasAVX2:
		divToAVX2(dst[:n], a[:n], b[:n])
	default:
		n = 0
	}
	divToGeneric(dst[n:], a[n:], b[n:])
}

func subTo(dst, a, b []float32) {
	n := len(a) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		subToAVX512(dst[:n], a[:n], b[:n])
	case hasAVX2:
		subToAVX2(dst[:n], a[:n], b[:n])
	default:
		n = 0
	}
	subToGeneric(dst[n:], a[n:], b[n:])
}

func mulTo(dst, a, b []float32) {
	n := len(a) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		mulToAVX512(dst[:n], a[:n], b[:n])
	case hasAVX2:
		mulToAVX2(dst[:n], a[:n], b[:n])
	default:
		n = 0
	}
	mulToGeneric(dst[n:], a[n:], b[n:])
}

func reluTo(dst, x []float32) {
	n := len(x) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		reluToAVX512(dst[:n], x[:n])
	case hasAVX2:
		reluToAVX2(dst[:n], x[:n])
	default:
		n = 0
	}
	reluToGeneric(dst[n:], x[n:])
}

func mulAddTo(dst, a, b []float32) {
	n := len(a) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		mulAddToAVX512(dst[:n], a[:n], b[:n])
	case hasAVX2:
		mulAddToAVX2(dst[:n], a[:n], b[:n])
	default:
		n = 0
	}
	mulAddToGeneric(dst[n:], a[n:], b[n:])
}

func scaleTo(dst, x []float32, alpha float32) {
	n := len(x) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		scaleToAVX512(dst[:n], x[:n], alpha)
	case hasAVX2:
		scaleToAVX2(dst[:n], x[:n], alpha)
	default:
		n = 0
	}
	scaleToGeneric(dst[n:], x[n:], alpha)
}

func addScalarTo(dst, x []float32, s float32) {
	n := len(x) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		addScalarToAVX512(dst[:n], x[:n], s)
	case hasAVX2:
		addScalarToAVX2(dst[:n], x[:n], s)
	default:
		n = 0
	}
	addScalarToGeneric(dst[n:], x[n:], s)
}

func absTo(dst, x []float32) {
	n := len(x) &^ (vecWidth() - 1)
	switch {
	case hasAVX512:
		absToAVX512(dst[:n], x[:n])
	case hasAVX2:
		absToAVX2(dst[:n], x[:n])
	default:
		n = 0
	}
	absToGeneric(dst[n:], x[n:])
}
