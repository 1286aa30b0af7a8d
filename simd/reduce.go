package simd

// Sum returns the sum of x in the canonical reduction order.
func Sum(x []float32) float32 { return sum(x) }

// Dot returns the dot product of x and y[:len(x)] in the canonical order.
func Dot(x, y []float32) float32 {
	if len(y) < len(x) {
		panic("simd: Dot: len(y) < len(x)")
	}
	return dot(x, y[:len(x)])
}

// SumSquares returns the sum of x[i]*x[i] in the canonical dot order
// (bit-identical to Dot(x, x)).
func SumSquares(x []float32) float32 { return dot(x, x) }

// Max returns the largest element of x, -Inf for an empty x, and NaN
// (0x7fc00000) if any element is NaN. Of equal elements (+0 and -0) it
// returns the first one seen in the canonical lane order (see maxGeneric).
func Max(x []float32) float32 { return max32(x) }
