package autodiff

import (
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Reductions over axes (all axes when axes is empty), in the canonical
// order of package ops.

type reduceBackward func(x, gy *tensor.Tensor, axes []int, keepDims bool) *tensor.Tensor

func (tp *Tape) reduce(op string, f func(*tensor.Tensor, []int, bool) *tensor.Tensor, df reduceBackward, x *Var, axes []int, keepDims bool) *Var {
	y := f(x.Value, axes, keepDims)
	if !tp.needs(x) {
		return tp.done(op, y, x)
	}
	axes = append([]int(nil), axes...)
	xv := x.Value
	return tp.record(op, y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{df(xv, gy, axes, keepDims)}
	}, x)
}

// Sum returns the sum of x over axes, keeping them as size 1 if keepDims.
func (tp *Tape) Sum(x *Var, axes []int, keepDims bool) *Var {
	return tp.reduce("Sum", ops.Sum, ops.SumBackward, x, axes, keepDims)
}

// Mean returns the mean of x over axes.
func (tp *Tape) Mean(x *Var, axes []int, keepDims bool) *Var {
	return tp.reduce("Mean", ops.Mean, ops.MeanBackward, x, axes, keepDims)
}

// Max returns the maximum of x over axes; the gradient goes to the first
// maximal element.
func (tp *Tape) Max(x *Var, axes []int, keepDims bool) *Var {
	return tp.reduce("Max", ops.Max, ops.MaxBackward, x, axes, keepDims)
}
