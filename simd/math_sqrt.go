package simd

import "math"

// Sqrt returns the square root of x in float32. IEEE square root is
// correctly rounded on every platform, and rounding the float64 root to
// float32 is exact (53 >= 2*24+2), so math.Sqrt is safe here.
func Sqrt(x float32) float32 { return float32(math.Sqrt(float64(x))) }
