package simd

// Sum returns the sum of x in the canonical reduction order.
func Sum(x []float32) float32 { return sumGeneric(x) }

// Dot returns the dot product of x and y[:len(x)] in the canonical order.
func Dot(x, y []float32) float32 { return dotGeneric(x, y) }
