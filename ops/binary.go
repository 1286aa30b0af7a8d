package ops

import (
	"fmt"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// Elementwise binary arithmetic with NumPy broadcasting. Each output element
// is one IEEE operation on one element of each operand, so results are
// bit-identical on every platform. Gradients are reduced back to each
// operand's shape with SumTo (canonical order).

type ewBinOp int

const (
	ewAdd ewBinOp = iota
	ewSub
	ewMul
	ewDiv
)

var ewBinNames = [...]string{ewAdd: "Add", ewSub: "Sub", ewMul: "Mul", ewDiv: "Div"}

// Add returns a + b elementwise, broadcasting.
func Add(a, b *tensor.Tensor) *tensor.Tensor { return ewBinary(ewAdd, a, b) }

// Sub returns a - b elementwise, broadcasting.
func Sub(a, b *tensor.Tensor) *tensor.Tensor { return ewBinary(ewSub, a, b) }

// Mul returns a * b elementwise, broadcasting.
func Mul(a, b *tensor.Tensor) *tensor.Tensor { return ewBinary(ewMul, a, b) }

// Div returns a / b elementwise, broadcasting. Division by zero follows
// IEEE (±Inf or NaN).
func Div(a, b *tensor.Tensor) *tensor.Tensor { return ewBinary(ewDiv, a, b) }

// AddBackward returns the gradients of Add(a, b) given the output gradient
// gy: gy summed to the shapes of a and b.
func AddBackward(a, b, gy *tensor.Tensor) (ga, gb *tensor.Tensor) {
	ewCheckGrad("AddBackward", a, b, gy)
	return SumTo(gy, a.Shape()...), SumTo(gy, b.Shape()...)
}

// SubBackward returns the gradients of Sub(a, b): gy and -gy summed to the
// shapes of a and b.
func SubBackward(a, b, gy *tensor.Tensor) (ga, gb *tensor.Tensor) {
	ewCheckGrad("SubBackward", a, b, gy)
	return SumTo(gy, a.Shape()...), sumToTemp(MulScalar(gy, -1), b.Shape()...)
}

// MulBackward returns the gradients of Mul(a, b): gy*b and gy*a summed to
// the shapes of a and b.
func MulBackward(a, b, gy *tensor.Tensor) (ga, gb *tensor.Tensor) {
	ewCheckGrad("MulBackward", a, b, gy)
	return sumToTemp(Mul(gy, b), a.Shape()...), sumToTemp(Mul(gy, a), b.Shape()...)
}

// DivBackward returns the gradients of Div(a, b): gy/b and
// ((-gy)*a)/(b*b), each product and quotient rounded to float32 in that
// order, summed to the shapes of a and b.
func DivBackward(a, b, gy *tensor.Tensor) (ga, gb *tensor.Tensor) {
	ewCheckGrad("DivBackward", a, b, gy)
	ga = sumToTemp(Div(gy, b), a.Shape()...)
	neg := MulScalar(gy, -1)
	num, den := Mul(neg, a), Mul(b, b)
	neg.Release()
	q := Div(num, den)
	num.Release()
	den.Release()
	return ga, sumToTemp(q, b.Shape()...)
}

// sumToTemp is SumTo for a temporary t that the caller owns and gives up:
// t itself when there is nothing to sum, else the sums, t's storage
// recycled (tensor.Release). The values are SumTo's.
func sumToTemp(t *tensor.Tensor, shape ...int) *tensor.Tensor {
	if tensor.SameShape(t.Shape(), shape) {
		return t
	}
	r := SumTo(t, shape...)
	t.Release()
	return r
}

func ewCheckGrad(op string, a, b, gy *tensor.Tensor) {
	out, ok := BroadcastShapes(a.Shape(), b.Shape())
	if !ok || !tensor.SameShape(out, gy.Shape()) {
		panic(fmt.Sprintf("ops: %s: gradient shape %v for operands %v and %v", op, gy.Shape(), a.Shape(), b.Shape()))
	}
}

// AddInto sets dst = a + b elementwise, the three of one shape (dst may
// be a or b): Add into existing storage, for accumulating gradients.
func AddInto(dst, a, b *tensor.Tensor) {
	if !tensor.SameShape(dst.Shape(), a.Shape()) || !tensor.SameShape(a.Shape(), b.Shape()) {
		panic(fmt.Sprintf("ops: AddInto: shapes %v, %v and %v differ", dst.Shape(), a.Shape(), b.Shape()))
	}
	d, x, y := dst.Data(), a.Data(), b.Data()
	ewParallel(len(d), func(lo, hi int) { simd.AddTo(d[lo:hi], x[lo:hi], y[lo:hi]) })
}

func ewBinary(op ewBinOp, a, b *tensor.Tensor) *tensor.Tensor {
	as, bs := a.Shape(), b.Shape()
	shape, ok := BroadcastShapes(as, bs)
	if !ok {
		panic(fmt.Sprintf("ops: %s: shapes %v and %v do not broadcast", ewBinNames[op], as, bs))
	}
	out := tensor.Empty(shape...) // every element written
	od, ad, bd := out.Data(), a.Data(), b.Data()
	if tensor.SameShape(as, bs) {
		// No broadcast: one run, in parallel chunks.
		ewParallel(len(od), func(lo, hi int) { ewBinaryRun(op, od[lo:hi], ad[lo:hi], bd[lo:hi], 1, 1) })
		return out
	}
	runs := newEwRuns(shape, ewBroadcastStrides(as, shape), ewBroadcastStrides(bs, shape))
	ewParallelRuns(&runs, func(n, o, oa, ob, ia, ib int) {
		ewBinaryRun(op, od[o:o+n], ad[oa:], bd[ob:], ia, ib)
	})
	return out
}

// ewBinaryRun computes dst[j] = a[j*ia] op b[j*ib] with strides ia, ib in
// {0, 1}.
func ewBinaryRun(op ewBinOp, dst, a, b []float32, ia, ib int) {
	n := len(dst)
	switch {
	case ia == 1 && ib == 1:
		a, b = a[:n], b[:n]
		switch op {
		case ewAdd:
			simd.AddTo(dst, a, b)
		case ewSub:
			simd.SubTo(dst, a, b)
		case ewMul:
			simd.MulTo(dst, a, b)
		case ewDiv:
			simd.DivTo(dst, a, b)
		}
	case ia == 1:
		a, s := a[:n], b[0]
		switch op {
		case ewAdd:
			simd.AddScalarTo(dst, a, s)
		case ewSub:
			// IEEE 754 defines a - s as a + (-s): the same bits.
			simd.AddScalarTo(dst, a, -s)
		case ewMul:
			simd.ScaleTo(dst, a, s)
		case ewDiv:
			for j := range dst {
				dst[j] = a[j] / s
			}
		}
	case ib == 1:
		s, b := a[0], b[:n]
		switch op {
		case ewAdd:
			simd.AddScalarTo(dst, b, s)
		case ewSub:
			for j := range dst {
				dst[j] = s - b[j]
			}
		case ewMul:
			simd.ScaleTo(dst, b, s)
		case ewDiv:
			for j := range dst {
				dst[j] = s / b[j]
			}
		}
	default:
		var v float32
		switch op {
		case ewAdd:
			v = a[0] + b[0]
		case ewSub:
			v = a[0] - b[0]
		case ewMul:
			v = a[0] * b[0]
		case ewDiv:
			v = a[0] / b[0]
		}
		for j := range dst {
			dst[j] = v
		}
	}
}

// AddScalar returns x + s elementwise.
func AddScalar(x *tensor.Tensor, s float32) *tensor.Tensor {
	out := tensor.Empty(x.Shape()...) // every element written
	od, xd := out.Data(), x.Data()
	ewParallel(len(od), func(lo, hi int) { simd.AddScalarTo(od[lo:hi], xd[lo:hi], s) })
	return out
}

// AddScalarBackward returns the gradient of AddScalar(x, s): a copy of gy.
func AddScalarBackward(gy *tensor.Tensor) *tensor.Tensor { return gy.Clone() }

// MulScalar returns x * s elementwise.
func MulScalar(x *tensor.Tensor, s float32) *tensor.Tensor {
	out := tensor.Empty(x.Shape()...) // every element written
	od, xd := out.Data(), x.Data()
	ewParallel(len(od), func(lo, hi int) { simd.ScaleTo(od[lo:hi], xd[lo:hi], s) })
	return out
}

// MulScalarBackward returns the gradient of MulScalar(x, s): gy * s.
func MulScalarBackward(gy *tensor.Tensor, s float32) *tensor.Tensor { return MulScalar(gy, s) }
