package simd

import (
	"math"
	"testing"
)

// TestMulSignAddToBits checks MulSignAddTo on every path against one
// product and one sum per element with s worked out from x, with signed
// zeros, subnormals, infinities and NaN in x and b (an infinite b at x = 0
// gives NaN, and a -0 product meets signed zeros in dst), guard
// cells.
func TestMulSignAddToBits(t *testing.T) {
	kernelPaths(t, func(t *testing.T) {
		for _, n := range testLengths() {
			x, b := reluGradInputs(n, uint64(n)+400)
			d0, _ := reluGradInputs(n, uint64(n)+500)
			for i := range b {
				if i%11 == 5 {
					b[i] = float32(math.Inf(-1))
				}
			}
			want := make([]float32, n)
			for i, v := range x {
				s := float32(1)
				if v < 0 {
					s = -1
				} else if v == 0 {
					s = 0
				}
				want[i] = d0[i] + float32(b[i]*s)
			}
			dst, checkDst := guarded(t, n)
			copy(dst, d0)
			MulSignAddTo(dst, b, x)
			checkDst()
			for i := range want {
				if !sameFloat(dst[i], want[i]) {
					t.Fatalf("n=%d: element %d: %#x + %#x*s(%#x) = %#x, want %#x", n, i, math.Float32bits(d0[i]),
						math.Float32bits(b[i]), math.Float32bits(x[i]), math.Float32bits(dst[i]), math.Float32bits(want[i]))
				}
			}
		}
	})
	defer func() {
		if recover() == nil {
			t.Error("MulSignAddTo with mismatched lengths did not panic")
		}
	}()
	MulSignAddTo(make([]float32, 3), make([]float32, 4), make([]float32, 4))
}
