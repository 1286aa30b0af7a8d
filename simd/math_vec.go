package simd

// Vector forms of the elementwise math. Each computes dst[i] = f(x[i]) for
// i < len(x) with exactly the bits of the scalar function f; dst may be x
// itself (but must not overlap it otherwise) and panics if it is shorter
// than x.

// ExpTo sets dst[i] = Exp(x[i]).
func ExpTo(dst, x []float32) {
	checkDst("ExpTo", dst, x)
	expTo(dst[:len(x)], x)
}

// LogTo sets dst[i] = Log(x[i]).
func LogTo(dst, x []float32) {
	checkDst("LogTo", dst, x)
	logTo(dst[:len(x)], x)
}

// TanhTo sets dst[i] = Tanh(x[i]).
func TanhTo(dst, x []float32) {
	checkDst("TanhTo", dst, x)
	tanhTo(dst[:len(x)], x)
}

// SigmoidTo sets dst[i] = Sigmoid(x[i]).
func SigmoidTo(dst, x []float32) {
	checkDst("SigmoidTo", dst, x)
	sigmoidTo(dst[:len(x)], x)
}

// ErfTo sets dst[i] = Erf(x[i]).
func ErfTo(dst, x []float32) {
	checkDst("ErfTo", dst, x)
	erfTo(dst[:len(x)], x)
}

// SoftplusTo sets dst[i] = Softplus(x[i]).
func SoftplusTo(dst, x []float32) {
	checkDst("SoftplusTo", dst, x)
	softplusTo(dst[:len(x)], x)
}

// SqrtTo sets dst[i] = Sqrt(x[i]).
func SqrtTo(dst, x []float32) {
	checkDst("SqrtTo", dst, x)
	for i, v := range x {
		dst[i] = Sqrt(v)
	}
}

func checkDst(op string, dst, x []float32) {
	if len(dst) < len(x) {
		panic("simd: " + op + ": len(dst) < len(x)")
	}
}
