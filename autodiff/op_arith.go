package autodiff

import (
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Elementwise arithmetic with NumPy broadcasting; gradients are summed back
// to each operand's shape by package ops.

type binaryBackward func(a, b, gy *tensor.Tensor) (ga, gb *tensor.Tensor)

func (tp *Tape) binary(op string, f func(a, b *tensor.Tensor) *tensor.Tensor, df binaryBackward, a, b *Var) *Var {
	y := f(a.Value, b.Value)
	if !tp.needs(a, b) {
		return tp.done(op, y, a, b)
	}
	av, bv := a.Value, b.Value
	return tp.record(op, y, func(gy *tensor.Tensor) []*tensor.Tensor {
		ga, gb := df(av, bv, gy)
		return []*tensor.Tensor{ga, gb}
	}, a, b)
}

// Add returns a + b (ops.Add).
func (tp *Tape) Add(a, b *Var) *Var { return tp.binary("Add", ops.Add, ops.AddBackward, a, b) }

// Sub returns a - b (ops.Sub).
func (tp *Tape) Sub(a, b *Var) *Var { return tp.binary("Sub", ops.Sub, ops.SubBackward, a, b) }

// Mul returns a * b elementwise (ops.Mul).
func (tp *Tape) Mul(a, b *Var) *Var { return tp.binary("Mul", ops.Mul, ops.MulBackward, a, b) }

// Div returns a / b elementwise (ops.Div).
func (tp *Tape) Div(a, b *Var) *Var { return tp.binary("Div", ops.Div, ops.DivBackward, a, b) }

// AddScalar returns x + s.
func (tp *Tape) AddScalar(x *Var, s float32) *Var {
	y := ops.AddScalar(x.Value, s)
	if !tp.needs(x) {
		return tp.done("AddScalar", y, x)
	}
	return tp.record("AddScalar", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{gy}
	}, x)
}

// MulScalar returns x * s.
func (tp *Tape) MulScalar(x *Var, s float32) *Var {
	y := ops.MulScalar(x.Value, s)
	if !tp.needs(x) {
		return tp.done("MulScalar", y, x)
	}
	return tp.record("MulScalar", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.MulScalarBackward(gy, s)}
	}, x)
}

// SubScalar returns x - s.
func (tp *Tape) SubScalar(x *Var, s float32) *Var { return tp.AddScalar(x, -s) }

// Neg returns -x.
func (tp *Tape) Neg(x *Var) *Var { return tp.MulScalar(x, -1) }
