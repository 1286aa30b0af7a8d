package simd

import "math"

// Generic twins of the vector kernels; all slices have the same length on
// entry. Elementwise operations have no order question: each element is
// one IEEE operation (Axpy: one fused multiply-add).

func axpyGeneric(alpha float32, x, y []float32) {
	for i, v := range x {
		y[i] = FMA32(alpha, v, y[i])
	}
}

func scaleGeneric(alpha float32, x []float32) {
	for i := range x {
		x[i] *= alpha
	}
}

func absToGeneric(dst, x []float32) {
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = math.Float32frombits(math.Float32bits(v) &^ (1 << 31))
	}
}

func scaleToGeneric(dst, x []float32, alpha float32) {
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = alpha * v
	}
}

func addScalarToGeneric(dst, x []float32, s float32) {
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = v + s
	}
}

func addToGeneric(dst, a, b []float32) {
	for i := range a {
		dst[i] = a[i] + b[i]
	}
}

func subToGeneric(dst, a, b []float32) {
	for i := range a {
		dst[i] = a[i] - b[i]
	}
}

func divToGeneric(dst, a, b []float32) {
	for i := range a {
		dst[i] = a[i] / b[i]
	}
}

func mulToGeneric(dst, a, b []float32) {
	for i := range a {
		dst[i] = a[i] * b[i]
	}
}

func reluToGeneric(dst, x []float32) {
	for i, v := range x {
		if v < 0 {
			v = 0
		}
		dst[i] = v
	}
}

func mulAddToGeneric(dst, a, b []float32) {
	b, dst = b[:len(a)], dst[:len(a)]
	for i, v := range a {
		dst[i] = FMA32(v, b[i], dst[i])
	}
}
