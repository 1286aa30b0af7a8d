package autodiff

import (
	"errors"
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// GradCheck compares the gradients a tape computes for f with central
// differences.
//
// f must build a one-element result from the Vars it is given (one per
// tensor in xs, each a Param holding a copy), using only tp's methods, and
// must be deterministic (an op drawing random numbers must create its
// generator inside f). GradCheck records f once and runs Backward, then for
// every element of every input evaluates f on a NoGrad tape at x+eps and
// x-eps (perturbing the float32 input, and dividing by the perturbation
// actually applied after rounding) and computes the difference quotient in
// float64. Analytic a and numeric n agree when |a-n| <= tol*(1+max(|a|,|n|)),
// a relative tolerance with an absolute floor. The first disagreement is
// returned as an error naming the input, the element and both values.
//
// With float32 forward arithmetic, eps around 1e-2..1e-3 and tol around
// 1e-2 suit O(1) data; keep inputs away from kinks (ReLU at 0, ties in
// Max).
func GradCheck(f func(tp *Tape, xs []*Var) *Var, xs []*tensor.Tensor, eps, tol float64) error {
	if !(eps > 0) || !(tol > 0) {
		return fmt.Errorf("autodiff: GradCheck: eps %g and tol %g must be positive", eps, tol)
	}
	vars := make([]*Var, len(xs))
	for i, x := range xs {
		vars[i] = Param(x.Clone(), fmt.Sprintf("x%d", i))
	}
	tp := NewTape()
	out := f(tp, vars)
	if out == nil {
		return errors.New("autodiff: GradCheck: f returned nil")
	}
	if out.Value.Size() != 1 {
		return fmt.Errorf("autodiff: GradCheck: f returned shape %v, want one element", out.Value.Shape())
	}
	y0 := out.Value.Data()[0]
	if out.requiresGrad {
		if err := tp.Backward(out); err != nil {
			return fmt.Errorf("autodiff: GradCheck: %w", err)
		}
	}

	// The perturbed evaluations share all inputs but the one being varied.
	work := make([]*tensor.Tensor, len(xs))
	for i, x := range xs {
		work[i] = x.Clone()
	}
	eval := func() float64 {
		in := make([]*Var, len(work))
		for i, w := range work {
			in[i] = Param(w, fmt.Sprintf("x%d", i))
		}
		return float64(f(NoGrad(), in).Value.Data()[0])
	}
	if y := eval(); math.Float32bits(float32(y)) != math.Float32bits(y0) && !(y != y && y0 != y0) {
		return fmt.Errorf("autodiff: GradCheck: f gives %v when recorded and %v on a NoGrad tape; f must be deterministic", y0, y)
	}
	for i := range xs {
		var grad []float32
		if g := vars[i].Grad; g != nil {
			grad = g.Data()
		}
		d := work[i].Data()
		for j := range d {
			orig := d[j]
			xp, xm := float32(float64(orig)+eps), float32(float64(orig)-eps)
			d[j] = xp
			fp := eval()
			d[j] = xm
			fm := eval()
			d[j] = orig
			num := (fp - fm) / (float64(xp) - float64(xm))
			var a float64
			if grad != nil {
				a = float64(grad[j])
			}
			if !(math.Abs(a-num) <= tol*(1+math.Max(math.Abs(a), math.Abs(num)))) {
				return fmt.Errorf("autodiff: GradCheck: input %d %v element %v: analytic gradient %.7g, numeric %.7g (diff %.3g, tol %g)",
					i, xs[i].Shape(), unravel(j, xs[i].Shape()), a, num, math.Abs(a-num), tol)
			}
		}
	}
	return nil
}

// unravel converts a flat row-major index into a multi-index.
func unravel(i int, shape []int) []int {
	idx := make([]int, len(shape))
	for k := len(shape) - 1; k >= 0; k-- {
		if shape[k] > 0 {
			idx[k] = i % shape[k]
			i /= shape[k]
		}
	}
	return idx
}
