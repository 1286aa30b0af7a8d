package ops

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestDropout(t *testing.T) {
	x := ewRand(ewRNG(70), -2, 2, 3, 41, 17)
	for _, p := range []float32{0, 0.1, 0.5, 0.9, 1} {
		y, mask := Dropout(x, p, tensor.NewRNG(7, 1), true)
		// Reference: replay the same draws.
		rng := tensor.NewRNG(7, 1)
		kept := 0
		scale := 0.0
		if p < 1 {
			scale = float64(float32(1 / (1 - p)))
		}
		want := make([]float64, x.Size())
		for i, v := range x.Data() {
			if rng.Float32() >= p {
				kept++
				want[i] = float64(v) * scale
			}
		}
		ewClose(t, "Dropout", y.Data(), ewRound(want), 0, 0)
		frac := float64(kept) / float64(x.Size())
		if math.Abs(frac-float64(1-p)) > 0.03 {
			t.Errorf("Dropout p=%g kept %.3f of the elements", p, frac)
		}
		// Same seed, same bits.
		y2, _ := Dropout(x, p, tensor.NewRNG(7, 1), true)
		ewSameBits(t, "Dropout replay", y, y2)
		// Backward: y is linear in x with the mask as coefficients.
		w := ewRand(ewRNG(71), -1, 1, x.Shape()...)
		ref := func(v []float64) []float64 {
			out := make([]float64, len(v))
			for i := range v {
				out[i] = v[i] * float64(mask.Data()[i])
			}
			return out
		}
		ewGradCheck(t, "DropoutBackward", ref, w.Data(), x, DropoutBackward(mask, w), 1e-6)
	}
	rng := tensor.NewRNG(7, 1)
	y, mask := Dropout(x, 0.5, rng, false)
	if mask != nil || !tensor.Equal(y, x) {
		t.Fatal("Dropout in evaluation is not the identity")
	}
	if rng.Uint64() != tensor.NewRNG(7, 1).Uint64() {
		t.Fatal("Dropout in evaluation consumed random draws")
	}
	if !tensor.Equal(DropoutBackward(nil, x), x) {
		t.Fatal("DropoutBackward with a nil mask is not the identity")
	}
	if _, ok := ewPanics(func() { Dropout(x, 1.5, rng, true) }); !ok {
		t.Error("p = 1.5 did not panic")
	}
}
