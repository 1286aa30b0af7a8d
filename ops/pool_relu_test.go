package ops

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// TestReLUMaxPool2dBackward checks the fused pass against MaxPool2d
// backward followed by ReLU backward, bit for bit, on inputs with many
// negatives, zeros of both signs and NaNs, for non-overlapping and
// overlapping windows.
func TestReLUMaxPool2dBackward(t *testing.T) {
	specials := []float32{0, float32(math.Copysign(0, -1)), float32(math.NaN()), -1, 2}
	for _, c := range poolCases {
		rng := tensor.NewRNG(uint64(c.h*10+c.w), 8)
		x := tensor.RandNormal(rng, -0.5, 1, c.n, c.c, c.h, c.w)
		for i := range x.Data() {
			if rng.IntN(4) == 0 {
				x.Data()[i] = specials[rng.IntN(len(specials))]
			}
		}
		r := ReLU(x)
		y, idx := MaxPool2dIndices(r, c.p)
		gy := tensor.RandNormal(rng, 0, 1, y.Shape()...)
		gy.Data()[0] = float32(math.Copysign(0, -1))
		want := ReLUBackward(x, MaxPool2dBackwardIndices(gy, idx, x.Shape()))
		if got := ReLUMaxPool2dBackward(gy, y, idx, x.Shape()); !tensor.Equal(got, want) {
			t.Errorf("%v: fused backward differs from max-pool then ReLU backward", c)
		}
	}
}
