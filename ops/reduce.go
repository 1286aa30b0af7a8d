package ops

import (
	"fmt"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// Reductions over a set of axes.
//
// Canonical order: the elements that reduce to one output element are taken
// in row-major order of the reduced axes (the order in which they would be
// laid out if x were permuted to put the kept axes first and the reduced
// axes last, both in increasing order) and summed by simd.Sum, the 16-lane
// canonical reduction. The result does not depend on which axes happen to
// be contiguous, nor on the number of threads.
//
// An empty or nil axes list reduces over every axis. Negative axes count
// from the end; repeated axes panic.

// redPlan describes a reduction: x seen as m runs of k elements.
type redPlan struct {
	shape    []int  // input shape
	red      []bool // red[i]: axis i is reduced
	perm     []int  // kept axes then reduced axes; nil when the identity
	outShape []int  // shape of the result (reduced dims as 1 when keepDims)
	m, k     int
}

func redMakePlan(op string, shape []int, axes []int, keepDims bool) redPlan {
	nd := len(shape)
	red := make([]bool, nd)
	if len(axes) == 0 {
		for i := range red {
			red[i] = true
		}
	}
	for _, a := range axes {
		a = shapeAxis(op, a, nd)
		if red[a] {
			panic(fmt.Sprintf("ops: %s: repeated axis in %v for shape %v", op, axes, shape))
		}
		red[a] = true
	}
	p := redPlan{shape: shape, red: red, m: 1, k: 1, outShape: []int{}}
	var kept, reduced []int
	for i, r := range red {
		if r {
			reduced = append(reduced, i)
			p.k *= shape[i]
			if keepDims {
				p.outShape = append(p.outShape, 1)
			}
		} else {
			kept = append(kept, i)
			p.m *= shape[i]
			p.outShape = append(p.outShape, shape[i])
		}
	}
	perm := append(kept, reduced...)
	for i, q := range perm {
		if q != i {
			p.perm = perm
			break
		}
	}
	return p
}

// runs returns x's data as m contiguous runs of k elements in the canonical
// order: x's own storage when no permutation is needed, else a permuted
// copy, which free recycles once the caller is done with it.
func (p redPlan) runs(x *tensor.Tensor) (d []float32, free func()) {
	if p.perm == nil {
		return x.Data(), func() {}
	}
	t := Permute(x, p.perm...)
	return t.Data(), t.Release
}

// sums writes the canonical sums of x's runs to out (length m).
func (p redPlan) sums(x *tensor.Tensor, out []float32) {
	if p.k == 0 { // empty reductions
		clear(out)
		return
	}
	if p.perm == nil {
		d := x.Data()
		redParallel(p.m, p.k, func(r int) { out[r] = simd.Sum(d[r*p.k : (r+1)*p.k]) })
		return
	}
	last := 0
	for i, r := range p.red {
		if r {
			last = i
		}
	}
	if inner := tensor.ShapeSize(p.shape[last+1:]); inner > 1 {
		redColumnSums(p, x.Data(), out, last, inner)
		return
	}
	redSegmentSums(p, x.Data(), out)
}

// redSegmentSums computes the sums when the last axis is reduced but some
// earlier one is kept, without permuting x: the reduced axes after the
// last kept one are one contiguous segment of x, and an output's elements
// in the canonical order are those segments, one per index of the reduced
// axes before it, which simd.SumSegments adds in the lanes of their
// positions in the concatenation: the bits of simd.Sum over the permuted
// copy. The outputs are independent and run in parallel.
func redSegmentSums(p redPlan, x, out []float32) {
	lastKept := 0
	for i, r := range p.red {
		if !r {
			lastKept = i
		}
	}
	seg := tensor.ShapeSize(p.shape[lastKept+1:])
	koffs, roffs := p.offsets(lastKept)
	redParallel(p.m, p.k, func(o int) { out[o] = simd.SumSegments(x[koffs[o]:], roffs, seg) })
}

// redParallel calls f(o) for the m outputs of a reduction of k elements
// each, in groups of about ewChunk elements spread over the worker pool.
// Each output is computed whole by one call, so the bits do not depend on
// the grouping.
func redParallel(m, k int, f func(o int)) {
	ewParallelGroups(m, max(1, ewChunk/max(k, 1)), func(lo, hi int) {
		for o := lo; o < hi; o++ {
			f(o)
		}
	})
}

// redColumnBlock is the number of columns redColumnSums accumulates at a
// time: 16 lanes of it stay in the L1 cache.
const redColumnBlock = 256

// redColumnSums computes the sums when the axes after the last reduced one
// (of total size inner > 1) are all kept, without permuting x: every
// reduced index r selects a contiguous row of inner elements, and row r is
// added elementwise into lane r mod simd.Lanes of a block of accumulators,
// which are then folded by simd's pairwise tree. Each column thus goes
// through exactly the operations of simd.Sum on its gathered run (lane l
// takes elements l, l+16, ... in order; lanes folded l+8, l+4, l+2, l+1),
// so the bits equal those of the permuting path.
func redColumnSums(p redPlan, x, out []float32, last, inner int) {
	koffs, roffs := p.offsets(last)
	const lanes = simd.Lanes
	acc := make([]float32, lanes*redColumnBlock)
	for o, base := range koffs {
		for c0 := 0; c0 < inner; c0 += redColumnBlock {
			bw := min(redColumnBlock, inner-c0)
			clear(acc)
			for r, off := range roffs {
				lane := acc[(r%lanes)*redColumnBlock:][:bw]
				simd.AddTo(lane, lane, x[base+off+c0:][:bw])
			}
			for w := lanes / 2; w >= 1; w /= 2 {
				for l := 0; l < w; l++ {
					a := acc[l*redColumnBlock:][:bw]
					simd.AddTo(a, a, acc[(l+w)*redColumnBlock:][:bw])
				}
			}
			copy(out[o*inner+c0:][:bw], acc[:bw])
		}
	}
}

// offsets returns the offsets in x of every index of the kept axes among
// 0..last and of the reduced ones among them, each in row-major order.
func (p redPlan) offsets(last int) (kept, reduced []int) {
	strides := tensor.Strides(p.shape)
	var ks, kst, rs, rst []int
	for i := 0; i <= last; i++ {
		if p.red[i] {
			rs, rst = append(rs, p.shape[i]), append(rst, strides[i])
		} else {
			ks, kst = append(ks, p.shape[i]), append(kst, strides[i])
		}
	}
	return redOffsets(ks, kst), redOffsets(rs, rst)
}

// redOffsets returns the offsets of every index of shape (with the given
// strides) in row-major order.
func redOffsets(shape, strides []int) []int {
	offs := []int{0}
	for i := range shape {
		next := make([]int, 0, len(offs)*shape[i])
		for _, o := range offs {
			for j := 0; j < shape[i]; j++ {
				next = append(next, o+j*strides[i])
			}
		}
		offs = next
	}
	return offs
}

// unruns maps data laid out as the plan's runs back to the input layout.
func (p redPlan) unruns(d []float32) *tensor.Tensor {
	if p.perm == nil {
		return tensor.FromSlice(d, p.shape...)
	}
	ps := make([]int, len(p.shape))
	for i, q := range p.perm {
		ps[i] = p.shape[q]
	}
	return PermuteBackward(tensor.FromSlice(d, ps...), p.perm...)
}

// keptView checks gy's shape against the plan and returns it viewed with
// the reduced dimensions as size 1, ready to broadcast against the input.
func (p redPlan) keptView(op string, gy *tensor.Tensor) *tensor.Tensor {
	if !tensor.SameShape(gy.Shape(), p.outShape) {
		panic(fmt.Sprintf("ops: %s: gradient shape %v for input %v (want %v)", op, gy.Shape(), p.shape, p.outShape))
	}
	kept := make([]int, len(p.shape))
	for i, d := range p.shape {
		kept[i] = 1
		if !p.red[i] {
			kept[i] = d
		}
	}
	return gy.Reshape(kept...)
}

// Sum returns the sum of x over axes (all axes if empty), keeping reduced
// dimensions as size 1 when keepDims. The order is the canonical one above;
// an empty reduction gives 0.
func Sum(x *tensor.Tensor, axes []int, keepDims bool) *tensor.Tensor {
	p := redMakePlan("Sum", x.Shape(), axes, keepDims)
	out := tensor.New(p.outShape...)
	p.sums(x, out.Data())
	return out
}

// SumBackward returns the gradient of Sum(x, axes, keepDims): gy broadcast
// back to x's shape.
func SumBackward(x, gy *tensor.Tensor, axes []int, keepDims bool) *tensor.Tensor {
	p := redMakePlan("SumBackward", x.Shape(), axes, keepDims)
	return BroadcastTo(p.keptView("SumBackward", gy), p.shape...)
}

// Mean returns Sum(x, axes, keepDims) divided by the number of reduced
// elements (one float32 division; an empty reduction gives NaN).
func Mean(x *tensor.Tensor, axes []int, keepDims bool) *tensor.Tensor {
	p := redMakePlan("Mean", x.Shape(), axes, keepDims)
	out := tensor.New(p.outShape...)
	od := out.Data()
	p.sums(x, od)
	n := float32(p.k)
	for r, v := range od {
		od[r] = v / n
	}
	return out
}

// MeanBackward returns the gradient of Mean(x, axes, keepDims): gy divided
// by the number of reduced elements, broadcast back to x's shape.
func MeanBackward(x, gy *tensor.Tensor, axes []int, keepDims bool) *tensor.Tensor {
	p := redMakePlan("MeanBackward", x.Shape(), axes, keepDims)
	g := p.keptView("MeanBackward", gy)
	gs := tensor.New(g.Shape()...)
	n := float32(p.k)
	for i, v := range g.Data() {
		gs.Data()[i] = v / n
	}
	return BroadcastTo(gs, p.shape...)
}

// redArgmax returns the index of the first maximum of run, a NaN counting
// as larger than every number (so the first NaN wins, as in NumPy).
func redArgmax(run []float32) int {
	best := 0
	for j := 1; j < len(run); j++ {
		v, b := run[j], run[best]
		if b != b {
			return best
		}
		if v > b || v != v {
			best = j
		}
	}
	return best
}

// Max returns the maximum of x over axes (all axes if empty). NaN
// propagates; between equal values (including -0 and +0) the first in the
// canonical order wins. Reducing an empty axis panics.
func Max(x *tensor.Tensor, axes []int, keepDims bool) *tensor.Tensor {
	p := redMakePlan("Max", x.Shape(), axes, keepDims)
	if p.k == 0 && p.m > 0 {
		panic(fmt.Sprintf("ops: Max: empty reduction over axes %v of shape %v", axes, p.shape))
	}
	out := tensor.New(p.outShape...)
	d, free := p.runs(x)
	defer free()
	od := out.Data()
	for r := range od {
		run := d[r*p.k : (r+1)*p.k]
		od[r] = run[redArgmax(run)]
	}
	return out
}

// MaxBackward returns the gradient of Max(x, axes, keepDims): each output
// gradient goes to the first maximal element of its run (the element Max
// returned), every other element gets 0.
func MaxBackward(x, gy *tensor.Tensor, axes []int, keepDims bool) *tensor.Tensor {
	p := redMakePlan("MaxBackward", x.Shape(), axes, keepDims)
	g := p.keptView("MaxBackward", gy).Data()
	d, free := p.runs(x)
	defer free()
	gd := make([]float32, len(d))
	for r := 0; r < p.m && p.k > 0; r++ {
		gd[r*p.k+redArgmax(d[r*p.k:(r+1)*p.k])] = g[r]
	}
	return p.unruns(gd)
}

// Argmax returns, for every position of the axes other than axis in
// row-major order, the index along axis of the first maximum (the first
// NaN if any). The result has x.Size()/x.Dim(axis) entries.
func Argmax(x *tensor.Tensor, axis int) []int {
	axis = shapeAxis("Argmax", axis, x.Dims())
	p := redMakePlan("Argmax", x.Shape(), []int{axis}, false)
	if p.k == 0 && p.m > 0 {
		panic(fmt.Sprintf("ops: Argmax: empty axis %d of shape %v", axis, p.shape))
	}
	d, free := p.runs(x)
	defer free()
	idx := make([]int, p.m)
	for r := range idx {
		idx[r] = redArgmax(d[r*p.k : (r+1)*p.k])
	}
	return idx
}
