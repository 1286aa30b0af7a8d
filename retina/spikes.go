package retina

import (
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// BernoulliSpikes turns firing rates into spikes: each element fires (1)
// with probability clamp(rate, 0, 1) in one time bin, drawn from rng in
// row-major order. The backward pass is straight-through (Bengio et al.
// 2013): the gradient of the spike is taken to be that of its expectation
// clamp(rate, 0, 1), so it flows to rates inside [0, 1] unchanged. With a
// nil rng (evaluation) the expectation itself is returned, so inference is
// deterministic.
func BernoulliSpikes(tp *autodiff.Tape, rate *autodiff.Var, rng *rand.Rand) *autodiff.Var {
	if rng == nil {
		return tp.Clamp(rate, 0, 1)
	}
	r := rate.Value
	y := tensor.New(r.Shape()...)
	dst := y.Data()
	for i, p := range r.Data() {
		if rng.Float32() < p {
			dst[i] = 1
		}
	}
	return tp.Custom("BernoulliSpikes", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.ClampBackward(r, gy, 0, 1)}
	}, rate)
}
