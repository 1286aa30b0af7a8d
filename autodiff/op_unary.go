package autodiff

import (
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Elementwise functions. Subgradients at kinks are those of package ops
// (ReLU and Abs take 0 at 0, Clamp passes the gradient on the closed
// interval).

// unaryX records an op whose backward needs the input x.
func (tp *Tape) unaryX(op string, y *tensor.Tensor, x *Var, df func(x, gy *tensor.Tensor) *tensor.Tensor) *Var {
	if !tp.needs(x) {
		return tp.done(op, y, x)
	}
	xv := x.Value
	return tp.record(op, y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{df(xv, gy)}
	}, x)
}

// unaryY records an op whose backward needs the output y.
func (tp *Tape) unaryY(op string, y *tensor.Tensor, x *Var, df func(y, gy *tensor.Tensor) *tensor.Tensor) *Var {
	if !tp.needs(x) {
		return tp.done(op, y, x)
	}
	return tp.record(op, y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{df(y, gy)}
	}, x)
}

// ReLU returns max(x, 0).
func (tp *Tape) ReLU(x *Var) *Var { return tp.unaryX("ReLU", ops.ReLU(x.Value), x, ops.ReLUBackward) }

// LeakyReLU returns x where x > 0 and slope*x elsewhere.
func (tp *Tape) LeakyReLU(x *Var, slope float32) *Var {
	return tp.unaryX("LeakyReLU", ops.LeakyReLU(x.Value, slope), x, func(x, gy *tensor.Tensor) *tensor.Tensor {
		return ops.LeakyReLUBackward(x, gy, slope)
	})
}

// Sigmoid returns 1/(1+exp(-x)).
func (tp *Tape) Sigmoid(x *Var) *Var {
	return tp.unaryY("Sigmoid", ops.Sigmoid(x.Value), x, ops.SigmoidBackward)
}

// Tanh returns tanh(x).
func (tp *Tape) Tanh(x *Var) *Var { return tp.unaryY("Tanh", ops.Tanh(x.Value), x, ops.TanhBackward) }

// Softplus returns log(1+exp(x)).
func (tp *Tape) Softplus(x *Var) *Var {
	return tp.unaryX("Softplus", ops.Softplus(x.Value), x, ops.SoftplusBackward)
}

// Exp returns exp(x).
func (tp *Tape) Exp(x *Var) *Var { return tp.unaryY("Exp", ops.Exp(x.Value), x, ops.ExpBackward) }

// Log returns the natural logarithm of x.
func (tp *Tape) Log(x *Var) *Var { return tp.unaryX("Log", ops.Log(x.Value), x, ops.LogBackward) }

// Sqrt returns the square root of x.
func (tp *Tape) Sqrt(x *Var) *Var { return tp.unaryY("Sqrt", ops.Sqrt(x.Value), x, ops.SqrtBackward) }

// Abs returns |x|.
func (tp *Tape) Abs(x *Var) *Var { return tp.unaryX("Abs", ops.Abs(x.Value), x, ops.AbsBackward) }

// Pow returns x**p elementwise (ops.Pow).
func (tp *Tape) Pow(x *Var, p float32) *Var {
	return tp.unaryX("Pow", ops.Pow(x.Value, p), x, func(x, gy *tensor.Tensor) *tensor.Tensor {
		return ops.PowBackward(x, gy, p)
	})
}

// Clamp returns min(max(x, lo), hi).
func (tp *Tape) Clamp(x *Var, lo, hi float32) *Var {
	return tp.unaryX("Clamp", ops.Clamp(x.Value, lo, hi), x, func(x, gy *tensor.Tensor) *tensor.Tensor {
		return ops.ClampBackward(x, gy, lo, hi)
	})
}
