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

// ewIter visits the elements of the broadcast shape out in row-major order,
// in runs along the innermost dimension, for up to two operands given by
// their strides in out's coordinates. fn receives the run length n, the
// offsets of the run's first element in the output and in each operand, and
// the operands' strides along the run (0 or 1 after collapsing).
//
// Dimensions of size 1 are dropped and adjacent dimensions that are
// contiguous in every operand are merged first, so runs are as long as
// possible.
func ewIter(out []int, sa, sb []int, fn func(n, o, oa, ob, ia, ib int)) {
	total := tensor.ShapeSize(out)
	if total == 0 {
		return
	}
	// Collapse.
	var dims, as, bs []int
	for i, d := range out {
		if d == 1 {
			continue
		}
		k := len(dims) - 1
		if k >= 0 && as[k] == sa[i]*d && bs[k] == sb[i]*d {
			dims[k] *= d
			as[k], bs[k] = sa[i], sb[i]
			continue
		}
		dims = append(dims, d)
		as = append(as, sa[i])
		bs = append(bs, sb[i])
	}
	if len(dims) == 0 {
		fn(1, 0, 0, 0, 0, 0)
		return
	}
	nd := len(dims)
	n, ia, ib := dims[nd-1], as[nd-1], bs[nd-1]
	idx := make([]int, nd-1)
	oa, ob := 0, 0
	for o := 0; o < total; o += n {
		fn(n, o, oa, ob, ia, ib)
		for d := nd - 2; d >= 0; d-- {
			idx[d]++
			oa += as[d]
			ob += bs[d]
			if idx[d] < dims[d] {
				break
			}
			oa -= idx[d] * as[d]
			ob -= idx[d] * bs[d]
			idx[d] = 0
		}
	}
}
