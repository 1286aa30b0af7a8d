package ops

import (
	"fmt"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/tensor"
)

// Dropout zeroes each element of x with probability p in training and
// scales the survivors by 1/(1-p) (inverted dropout), so evaluation is the
// identity. It returns the output and the mask (0 or 1/(1-p) per element)
// that DropoutBackward needs.
//
// In training it draws exactly one rng.Float32() per element, in row-major
// order, whatever p is, and keeps the element when the draw is >= p; so the
// same seed gives the same mask on every platform and thread count. With
// p = 1 every element is dropped. In evaluation it draws nothing and
// returns a copy of x and a nil mask. p outside [0, 1] panics.
func Dropout(x *tensor.Tensor, p float32, rng *rand.Rand, train bool) (y, mask *tensor.Tensor) {
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("ops: Dropout: probability %g outside [0, 1] for input %v", p, x.Shape()))
	}
	if !train {
		return x.Clone(), nil
	}
	var scale float32
	if p < 1 {
		scale = 1 / (1 - p)
	}
	mask = tensor.New(x.Shape()...)
	y = tensor.New(x.Shape()...)
	md, yd := mask.Data(), y.Data()
	for i, v := range x.Data() {
		if rng.Float32() >= p {
			md[i] = scale
			yd[i] = v * scale
		}
	}
	return y, mask
}

// DropoutBackward returns the gradient of Dropout from its mask: gy*mask,
// or a copy of gy when the mask is nil (evaluation).
func DropoutBackward(mask, gy *tensor.Tensor) *tensor.Tensor {
	if mask == nil {
		return gy.Clone()
	}
	if !tensor.SameShape(mask.Shape(), gy.Shape()) {
		panic(fmt.Sprintf("ops: DropoutBackward: mask %v for gradient %v", mask.Shape(), gy.Shape()))
	}
	return Mul(gy, mask)
}
