package autodiff

import (
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Shape ops move elements without arithmetic; their gradients are exact.

// Reshape returns x viewed with a new shape (one dimension may be -1). The
// result shares x's storage, as tensor.Reshape does.
func (tp *Tape) Reshape(x *Var, shape ...int) *Var {
	y := x.Value.Reshape(shape...)
	if !tp.needs(x) {
		return tp.done("Reshape", y, x)
	}
	inShape := x.Value.Shape()
	return tp.record("Reshape", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{gy.Reshape(inShape...)}
	}, x)
}

// Flatten reshapes x [N, ...] to [N, rest].
func (tp *Tape) Flatten(x *Var) *Var {
	n := x.Value.Dim(0)
	rest := 1
	if n != 0 {
		rest = x.Value.Size() / n
	} else {
		rest = tensor.ShapeSize(x.Value.Shape()[1:])
	}
	return tp.Reshape(x, n, rest)
}

// Permute returns x with dimension i of the result taken from dimension
// perm[i] of x (ops.Permute).
func (tp *Tape) Permute(x *Var, perm ...int) *Var {
	y := ops.Permute(x.Value, perm...)
	if !tp.needs(x) {
		return tp.done("Permute", y, x)
	}
	perm = append([]int(nil), perm...)
	return tp.record("Permute", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.PermuteBackward(gy, perm...)}
	}, x)
}

// Transpose swaps axes a and b of x (ops.Transpose).
func (tp *Tape) Transpose(x *Var, a, b int) *Var {
	y := ops.Transpose(x.Value, a, b)
	if !tp.needs(x) {
		return tp.done("Transpose", y, x)
	}
	return tp.record("Transpose", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.TransposeBackward(gy, a, b)}
	}, x)
}

// Concat joins xs along axis (ops.Concat).
func (tp *Tape) Concat(xs []*Var, axis int) *Var {
	vals := make([]*tensor.Tensor, len(xs))
	for i, x := range xs {
		vals[i] = x.Value
	}
	y := ops.Concat(vals, axis)
	if !tp.needs(xs...) {
		return tp.done("Concat", y, xs...)
	}
	return tp.record("Concat", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return ops.ConcatBackward(vals, gy, axis)
	}, append([]*Var(nil), xs...)...)
}

// Split cuts x along axis into pieces of the given sizes (ops.Split). Each
// piece is recorded as its own op, so pieces that never reach the loss cost
// nothing in Backward.
func (tp *Tape) Split(x *Var, axis int, sizes []int) []*Var {
	pieces := ops.Split(x.Value, axis, sizes)
	outs := make([]*Var, len(pieces))
	if !tp.needs(x) {
		for i, p := range pieces {
			outs[i] = tp.done("Split", p, x)
		}
		return outs
	}
	sizes = append([]int(nil), sizes...)
	for i, p := range pieces {
		outs[i] = tp.record("Split", p, func(gy *tensor.Tensor) []*tensor.Tensor {
			gys := make([]*tensor.Tensor, len(sizes))
			gys[i] = gy
			return []*tensor.Tensor{ops.SplitBackward(x.Value, gys, axis, sizes)}
		}, x)
	}
	return outs
}

// Slice returns the copy x[..., start:end, ...] along axis (tensor.Slice).
func (tp *Tape) Slice(x *Var, axis, start, end int) *Var {
	y := x.Value.Slice(axis, start, end)
	if !tp.needs(x) {
		return tp.done("Slice", y, x)
	}
	if axis < 0 {
		axis += x.Value.Dims()
	}
	pads := make([][2]int, x.Value.Dims())
	pads[axis] = [2]int{start, x.Value.Dim(axis) - end}
	return tp.record("Slice", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.Pad(gy, pads, 0)}
	}, x)
}

// Pad surrounds x with the constant v: pads[i] = {before, after} for
// dimension i (ops.Pad).
func (tp *Tape) Pad(x *Var, pads [][2]int, v float32) *Var {
	y := ops.Pad(x.Value, pads, v)
	if !tp.needs(x) {
		return tp.done("Pad", y, x)
	}
	pads = append([][2]int(nil), pads...)
	return tp.record("Pad", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.PadBackward(gy, pads)}
	}, x)
}

// BroadcastTo returns x broadcast to shape (NumPy rules, ops.BroadcastTo);
// the gradient is summed back to x's shape.
func (tp *Tape) BroadcastTo(x *Var, shape ...int) *Var {
	y := ops.BroadcastTo(x.Value, shape...)
	if !tp.needs(x) {
		return tp.done("BroadcastTo", y, x)
	}
	inShape := x.Value.Shape()
	return tp.record("BroadcastTo", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.SumTo(gy, inShape...)}
	}, x)
}
