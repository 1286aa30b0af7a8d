package ops

import (
	"fmt"

	"github.com/neurocortex/neurocortex/tensor"
)

// Broadcasting follows NumPy: shapes are aligned at their trailing
// dimensions, missing leading dimensions count as 1, and two dimensions are
// compatible when they are equal or one of them is 1.

// BroadcastShapes returns the broadcast of shapes a and b, and false when
// they are incompatible.
func BroadcastShapes(a, b []int) ([]int, bool) {
	n := max(len(a), len(b))
	out := make([]int, n)
	for i := 0; i < n; i++ {
		da, db := 1, 1
		if j := len(a) - n + i; j >= 0 {
			da = a[j]
		}
		if j := len(b) - n + i; j >= 0 {
			db = b[j]
		}
		switch {
		case da == db, db == 1:
			out[i] = da
		case da == 1:
			out[i] = db
		default:
			return nil, false
		}
	}
	return out, true
}

// ewBroadcastStrides returns the strides of a row-major tensor of shape in
// the coordinates of the broadcast shape out: 0 along broadcast dimensions.
func ewBroadcastStrides(shape, out []int) []int {
	st := tensor.Strides(shape)
	s := make([]int, len(out))
	for i := range out {
		j := len(shape) - len(out) + i
		if j >= 0 && shape[j] != 1 {
			s[i] = st[j]
		}
	}
	return s
}

// ewCanBroadcast reports whether shape broadcasts to out without changing out.
func ewCanBroadcast(shape, out []int) bool {
	if len(shape) > len(out) {
		return false
	}
	for i := range shape {
		d, o := shape[i], out[len(out)-len(shape)+i]
		if d != o && d != 1 {
			return false
		}
	}
	return true
}

// BroadcastTo returns a new tensor holding x broadcast to shape.
func BroadcastTo(x *tensor.Tensor, shape ...int) *tensor.Tensor {
	if !ewCanBroadcast(x.Shape(), shape) {
		panic(fmt.Sprintf("ops: BroadcastTo: shape %v to %v", x.Shape(), shape))
	}
	out := tensor.New(shape...)
	shapeGather(out.Data(), x.Data(), shape, ewBroadcastStrides(x.Shape(), shape), 0)
	return out
}

// SumTo reduces a gradient g of a broadcast result back to shape, the
// shape of the operand that was broadcast: it sums over the leading
// dimensions that broadcasting added and over every dimension where shape
// has 1 and g does not. The sums follow the canonical order of Sum. It is
// the backward of BroadcastTo and the reduction of every broadcasting
// gradient in this package.
func SumTo(g *tensor.Tensor, shape ...int) *tensor.Tensor {
	gs := g.Shape()
	if !ewCanBroadcast(shape, gs) {
		panic(fmt.Sprintf("ops: SumTo: shape %v to %v", gs, shape))
	}
	var axes []int
	lead := len(gs) - len(shape)
	for i := range gs {
		if i < lead || (shape[i-lead] == 1 && gs[i] != 1) {
			axes = append(axes, i)
		}
	}
	// The result owns its storage where it can (not a Reshape view of a
	// fresh tensor), so that autodiff's sweep recycles it once consumed.
	switch {
	case len(axes) == 0: // the same shape
		return g.Clone()
	case lead == 0:
		return Sum(g, axes, true)
	}
	return Sum(g, axes, false).Reshape(shape...)
}

// ewRuns visits the elements of a broadcast shape in row-major order, in
// runs along the innermost dimension, for up to two operands given by
// their strides in the output's coordinates: count runs of n elements, the
// operands' strides along a run ia and ib (0 or 1 after collapsing), and
// the outer dimensions with the operands' strides. each passes a run's
// length, the offsets of its first element in the output and in each
// operand, and the strides.
//
// Dimensions of size 1 are dropped and adjacent dimensions that are
// contiguous in every operand are merged first, so runs are as long as
// possible.
type ewRuns struct {
	dims, as, bs     []int
	n, ia, ib, count int
}

func newEwRuns(out []int, sa, sb []int) ewRuns {
	total := tensor.ShapeSize(out)
	if total == 0 {
		return ewRuns{}
	}
	var r ewRuns
	for i, d := range out {
		if d == 1 {
			continue
		}
		k := len(r.dims) - 1
		if k >= 0 && r.as[k] == sa[i]*d && r.bs[k] == sb[i]*d {
			r.dims[k] *= d
			r.as[k], r.bs[k] = sa[i], sb[i]
			continue
		}
		r.dims = append(r.dims, d)
		r.as = append(r.as, sa[i])
		r.bs = append(r.bs, sb[i])
	}
	if len(r.dims) == 0 { // a single element
		r.n, r.count = 1, 1
		return r
	}
	nd := len(r.dims)
	r.n, r.ia, r.ib = r.dims[nd-1], r.as[nd-1], r.bs[nd-1]
	r.dims, r.as, r.bs = r.dims[:nd-1], r.as[:nd-1], r.bs[:nd-1]
	r.count = total / r.n
	return r
}

// each calls fn for the runs [r0, r1) in order.
func (r *ewRuns) each(r0, r1 int, fn func(n, o, oa, ob, ia, ib int)) {
	if r0 >= r1 {
		return
	}
	// The outer index of run r0, last dimension fastest.
	idx := make([]int, len(r.dims))
	oa, ob := 0, 0
	for d, q := len(r.dims)-1, r0; d >= 0; d-- {
		idx[d] = q % r.dims[d]
		q /= r.dims[d]
		oa += idx[d] * r.as[d]
		ob += idx[d] * r.bs[d]
	}
	for run := r0; run < r1; run++ {
		fn(r.n, run*r.n, oa, ob, r.ia, r.ib)
		for d := len(r.dims) - 1; d >= 0; d-- {
			idx[d]++
			oa += r.as[d]
			ob += r.bs[d]
			if idx[d] < r.dims[d] {
				break
			}
			oa -= idx[d] * r.as[d]
			ob -= idx[d] * r.bs[d]
			idx[d] = 0
		}
	}
}
