package ops

import (
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// ReLUMaxPool2dBackward returns the gradient with respect to x of
// MaxPool2d(ReLU(x)), given the gradient gy of the pooled output y, the
// winner indices idx of MaxPool2dIndices(ReLU(x)) and x's shape, in one
// pass: MaxPool2dBackwardIndices(gy) followed by ReLUBackward(x, ·), with
// the same bits, without reading x or writing the intermediate gradient.
//
// The ReLU's mask is needed only at the winners, where ReLU(x) is y: an
// output whose y > 0 scatters its gradient, the others add nothing (the
// ReLU would zero them; x > 0 exactly when ReLU(x) > 0, NaN and -0
// included). Outputs that share a winner (overlapping windows) share y, so
// masking their sum or each term gives the same bits. A masked output adds
// +0 rather than nothing, without a branch: the sums start at +0 and so
// are never -0, and x + +0 is x for every other x.
func ReLUMaxPool2dBackward(gy, y *tensor.Tensor, idx []int32, xShape []int) *tensor.Tensor {
	return maxPoolScatter("ReLUMaxPool2dBackward", gy, y, idx, xShape)
}

// poolPositive returns g where y > 0 and +0 elsewhere (NaN y too), without
// a branch.
func poolPositive(y, g float32) float32 {
	// y > 0 exactly when its bits b satisfy 0 < b <= bits(+Inf), that is
	// when b-1 (wrapping) is below bits(+Inf).
	m := uint32((int64(math.Float32bits(y)-1) - 0x7f800000) >> 63)
	return math.Float32frombits(math.Float32bits(g) & m)
}
