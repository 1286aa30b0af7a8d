package simd

// Generic twins of the vector math kernels: the scalar function in a loop.
// len(dst) == len(x) on entry.

func expToGeneric(dst, x []float32) {
	for i, v := range x {
		dst[i] = Exp(v)
	}
}

func logToGeneric(dst, x []float32) {
	for i, v := range x {
		dst[i] = Log(v)
	}
}

func tanhToGeneric(dst, x []float32) {
	for i, v := range x {
		dst[i] = Tanh(v)
	}
}

func sigmoidToGeneric(dst, x []float32) {
	for i, v := range x {
		dst[i] = Sigmoid(v)
	}
}

func softplusToGeneric(dst, x []float32) {
	for i, v := range x {
		dst[i] = Softplus(v)
	}
}

func erfToGeneric(dst, x []float32) {
	for i, v := range x {
		dst[i] = Erf(v)
	}
}
