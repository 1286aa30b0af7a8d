package autodiff

import (
	"fmt"

	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Matmul returns op(a)·op(b) for 2-d a and b (ops.Matmul).
func (tp *Tape) Matmul(a, b *Var, transA, transB bool) *Var {
	y := ops.Matmul(a.Value, b.Value, transA, transB)
	if !tp.needs(a, b) {
		return tp.done("Matmul", y, a, b)
	}
	av, bv := a.Value, b.Value
	return tp.record("Matmul", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		ga, gb := ops.MatmulBackward(av, bv, gy, transA, transB)
		return []*tensor.Tensor{ga, gb}
	}, a, b)
}

// BatchMatmul returns the batched product op(a[i])·op(b[i]) of 3-d a and b
// (ops.BatchMatmul).
func (tp *Tape) BatchMatmul(a, b *Var, transA, transB bool) *Var {
	y := ops.BatchMatmul(a.Value, b.Value, transA, transB)
	if !tp.needs(a, b) {
		return tp.done("BatchMatmul", y, a, b)
	}
	av, bv := a.Value, b.Value
	return tp.record("BatchMatmul", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		ga, gb := ops.BatchMatmulBackward(av, bv, gy, transA, transB)
		return []*tensor.Tensor{ga, gb}
	}, a, b)
}

// Linear returns x·wᵀ + b for x [N, in], w [out, in] and b [out] (b may be
// nil), as one recorded op. Backward computes only the gradients that are
// needed: gx = gy·w, gw = gyᵀ·x, gb = the column sums of gy (canonical
// order).
func (tp *Tape) Linear(x, w, b *Var) *Var {
	if x.Value.Dims() != 2 || w.Value.Dims() != 2 || x.Value.Dim(1) != w.Value.Dim(1) ||
		(b != nil && (b.Value.Dims() != 1 || b.Value.Dim(0) != w.Value.Dim(0))) {
		bs := "nil"
		if b != nil {
			bs = fmt.Sprint(b.Value.Shape())
		}
		panic(fmt.Sprintf("autodiff: Linear: x %v, w %v, b %s (want x [N, in], w [out, in], b [out])", x.Value.Shape(), w.Value.Shape(), bs))
	}
	y := ops.Matmul(x.Value, w.Value, false, true)
	in := []*Var{x, w}
	if b != nil {
		y = ops.Add(y, b.Value)
		in = append(in, b)
	}
	if !tp.needs(in...) {
		return tp.done("Linear", y, in...)
	}
	xv, wv := x.Value, w.Value
	return tp.record("Linear", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		g := make([]*tensor.Tensor, len(in))
		if x.requiresGrad {
			g[0] = ops.Matmul(gy, wv, false, false)
		}
		if w.requiresGrad {
			g[1] = ops.Matmul(gy, xv, true, false)
		}
		if b != nil && b.requiresGrad {
			g[2] = ops.Sum(gy, []int{0}, false)
		}
		return g
	}, in...)
}
