package simd

// Vector arithmetic on []float32. The length of the operation is len(x) (or
// len(a)); the other slices must be at least that long, else the call
// panics. dst may be one of the inputs itself, but must not overlap them
// otherwise.

// Axpy sets y[i] = fma(alpha, x[i], y[i]) for i < len(x): y += alpha*x with
// one rounding per element.
func Axpy(alpha float32, x, y []float32) {
	if len(y) < len(x) {
		panic("simd: Axpy: len(y) < len(x)")
	}
	axpy(alpha, x, y[:len(x)])
}

// Scale sets x[i] = alpha * x[i].
func Scale(alpha float32, x []float32) { scale(alpha, x) }

// AbsTo sets dst[i] = |x[i]|, x[i] with its sign bit cleared (IEEE 754
// abs: -0 becomes +0, a NaN keeps its payload).
func AbsTo(dst, x []float32) {
	checkDst("AbsTo", dst, x)
	absTo(dst[:len(x)], x)
}

// ScaleTo sets dst[i] = alpha * x[i] for i < len(x).
func ScaleTo(dst, x []float32, alpha float32) {
	checkDst("ScaleTo", dst, x)
	scaleTo(dst[:len(x)], x, alpha)
}

// AddScalarTo sets dst[i] = x[i] + s for i < len(x).
func AddScalarTo(dst, x []float32, s float32) {
	checkDst("AddScalarTo", dst, x)
	addScalarTo(dst[:len(x)], x, s)
}

// AddTo sets dst[i] = a[i] + b[i] for i < len(a).
func AddTo(dst, a, b []float32) {
	check3("AddTo", dst, a, b)
	addTo(dst[:len(a)], a, b[:len(a)])
}

// SubTo sets dst[i] = a[i] - b[i] for i < len(a).
func SubTo(dst, a, b []float32) {
	check3("SubTo", dst, a, b)
	subTo(dst[:len(a)], a, b[:len(a)])
}

// MulTo sets dst[i] = a[i] * b[i] for i < len(a).
func MulTo(dst, a, b []float32) {
	check3("MulTo", dst, a, b)
	mulTo(dst[:len(a)], a, b[:len(a)])
}

// DivTo sets dst[i] = a[i] / b[i] for i < len(a), correctly rounded.
func DivTo(dst, a, b []float32) {
	check3("DivTo", dst, a, b)
	divTo(dst[:len(a)], a, b[:len(a)])
}

// MulAddTo sets dst[i] = fma(a[i], b[i], dst[i]) for i < len(a): dst +=
// a*b with one rounding per element, the step of Dot's lanes.
func MulAddTo(dst, a, b []float32) {
	check3("MulAddTo", dst, a, b)
	mulAddTo(dst[:len(a)], a, b[:len(a)])
}

// ReluTo sets dst[i] = 0 where x[i] < 0 and x[i] otherwise, so NaN
// propagates and -0 stays -0 (the semantics of x86 MAXPS(0, x)).
func ReluTo(dst, x []float32) {
	checkDst("ReluTo", dst, x)
	reluTo(dst[:len(x)], x)
}

func check3(op string, dst, a, b []float32) {
	if len(b) < len(a) {
		panic("simd: " + op + ": len(b) < len(a)")
	}
	if len(dst) < len(a) {
		panic("simd: " + op + ": len(dst) < len(a)")
	}
}
