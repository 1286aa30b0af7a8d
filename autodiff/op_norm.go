package autodiff

import (
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// optional returns the values of the non-nil vars among vs, and the list
// of those vars.
func optionalVars(vs ...*Var) []*Var {
	out := make([]*Var, 0, len(vs))
	for _, v := range vs {
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}

func valueOrNil(v *Var) *tensor.Tensor {
	if v == nil {
		return nil
	}
	return v.Value
}

// gradsFor maps gradients for (x, gamma, beta) onto the recorded inputs,
// skipping nil gamma and beta.
func gradsFor(gamma, beta *Var, gx, gGamma, gBeta *tensor.Tensor) []*tensor.Tensor {
	g := []*tensor.Tensor{gx}
	if gamma != nil {
		g = append(g, gGamma)
	}
	if beta != nil {
		g = append(g, gBeta)
	}
	return g
}

// BatchNorm normalises x ([N, C] or [N, C, H, W]) per channel (ops.BatchNorm).
// gamma and beta ([C]) may be nil. In training it uses the batch statistics
// and, when runMean and runVar are not nil, updates them in place with the
// given momentum; in evaluation it uses the running statistics. Training
// mode writes runMean and runVar even on a NoGrad tape, so concurrent
// inference must use evaluation mode.
func (tp *Tape) BatchNorm(x, gamma, beta *Var, runMean, runVar *tensor.Tensor, train bool, momentum, eps float32) *Var {
	y, mean, invStd := ops.BatchNorm(x.Value, valueOrNil(gamma), valueOrNil(beta), runMean, runVar, train, momentum, eps)
	in := optionalVars(x, gamma, beta)
	if !tp.needs(in...) {
		return tp.done("BatchNorm", y, in...)
	}
	xv, gv := x.Value, valueOrNil(gamma)
	return tp.record("BatchNorm", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		gx, gg, gb := ops.BatchNormBackward(xv, gv, mean, invStd, gy, train)
		return gradsFor(gamma, beta, gx, gg, gb)
	}, in...)
}

// LayerNorm normalises x over its trailing normDims dimensions
// (ops.LayerNorm); gamma and beta have the shape of those dimensions and
// may be nil.
func (tp *Tape) LayerNorm(x, gamma, beta *Var, normDims int, eps float32) *Var {
	y, mean, invStd := ops.LayerNorm(x.Value, valueOrNil(gamma), valueOrNil(beta), normDims, eps)
	in := optionalVars(x, gamma, beta)
	if !tp.needs(in...) {
		return tp.done("LayerNorm", y, in...)
	}
	xv, gv := x.Value, valueOrNil(gamma)
	return tp.record("LayerNorm", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		gx, gg, gb := ops.LayerNormBackward(xv, gv, mean, invStd, gy, normDims)
		return gradsFor(gamma, beta, gx, gg, gb)
	}, in...)
}

// DivisiveNorm applies local divisive normalisation to x [N, C, H, W]
// (ops.DivisiveNorm).
func (tp *Tape) DivisiveNorm(x *Var, p ops.DivNormParams) *Var {
	y, denom := ops.DivisiveNorm(x.Value, p)
	if !tp.needs(x) {
		return tp.done("DivisiveNorm", y, x)
	}
	xv := x.Value
	return tp.record("DivisiveNorm", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.DivisiveNormBackward(xv, denom, gy, p)}
	}, x)
}

// Dropout zeroes elements of x with probability p in training, scaling the
// rest by 1/(1-p), drawing one rng.Float32 per element (ops.Dropout); in
// evaluation it is the identity and draws nothing.
func (tp *Tape) Dropout(x *Var, p float32, rng *rand.Rand, train bool) *Var {
	y, mask := ops.Dropout(x.Value, p, rng, train)
	if !tp.needs(x) {
		return tp.done("Dropout", y, x)
	}
	return tp.record("Dropout", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.DropoutBackward(mask, gy)}
	}, x)
}

// Resize resizes x [N, C, H, W] bilinearly to [N, C, outH, outW]
// (ops.Resize, align_corners=False).
func (tp *Tape) Resize(x *Var, outH, outW int) *Var {
	y := ops.Resize(x.Value, outH, outW)
	if !tp.needs(x) {
		return tp.done("Resize", y, x)
	}
	xv := x.Value
	return tp.record("Resize", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.ResizeBackward(xv, gy)}
	}, x)
}
