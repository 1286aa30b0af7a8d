package ops

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// Shape operations move elements without arithmetic, so their results and
// gradients are exact and need no canonical order, except where a gradient
// is the sum of several contributions (none of the ops in this file).

// shapeAxis normalises axis (negative counts from the end) for a tensor of
// rank dims, panicking with the op name when it is out of range.
func shapeAxis(op string, axis, dims int) int {
	a := axis
	if a < 0 {
		a += dims
	}
	if a < 0 || a >= dims {
		panic(fmt.Sprintf("ops: %s: axis %d out of range for rank %d", op, axis, dims))
	}
	return a
}

// Permute returns a new tensor whose dimension i is dimension perm[i] of x
// (NumPy's transpose(x, perm)). perm must be a permutation of 0..rank-1.
func Permute(x *tensor.Tensor, perm ...int) *tensor.Tensor {
	shape := x.Shape()
	if len(perm) != len(shape) {
		panic(fmt.Sprintf("ops: Permute: perm %v for shape %v", perm, shape))
	}
	seen := make([]bool, len(perm))
	for _, p := range perm {
		if p < 0 || p >= len(perm) || seen[p] {
			panic(fmt.Sprintf("ops: Permute: perm %v is not a permutation for shape %v", perm, shape))
		}
		seen[p] = true
	}
	outShape := make([]int, len(perm))
	inStrides := x.Strides()
	strides := make([]int, len(perm)) // input stride of each output dimension
	for i, p := range perm {
		outShape[i] = shape[p]
		strides[i] = inStrides[p]
	}
	out := tensor.New(outShape...)
	shapeGather(out.Data(), x.Data(), outShape, strides, 0)
	return out
}

// PermuteBackward returns the gradient of Permute(x, perm...) given the
// output gradient gy: gy permuted by the inverse permutation.
func PermuteBackward(gy *tensor.Tensor, perm ...int) *tensor.Tensor {
	inv := make([]int, len(perm))
	for i, p := range perm {
		if p < 0 || p >= len(perm) {
			panic(fmt.Sprintf("ops: PermuteBackward: perm %v is not a permutation for shape %v", perm, gy.Shape()))
		}
		inv[p] = i
	}
	return Permute(gy, inv...)
}

// Transpose returns x with axes a and b swapped (negative axes count from
// the end).
func Transpose(x *tensor.Tensor, a, b int) *tensor.Tensor {
	return Permute(x, shapeSwapPerm("Transpose", x.Dims(), a, b)...)
}

// TransposeBackward returns the gradient of Transpose(x, a, b): gy with the
// same two axes swapped back.
func TransposeBackward(gy *tensor.Tensor, a, b int) *tensor.Tensor {
	return Permute(gy, shapeSwapPerm("TransposeBackward", gy.Dims(), a, b)...)
}

func shapeSwapPerm(op string, dims, a, b int) []int {
	a = shapeAxis(op, a, dims)
	b = shapeAxis(op, b, dims)
	perm := make([]int, dims)
	for i := range perm {
		perm[i] = i
	}
	perm[a], perm[b] = perm[b], perm[a]
	return perm
}

// shapeGather fills dst (row-major over shape) with src[off + sum idx[i]*strides[i]].
// The innermost dimension is a tight strided loop; the outer ones an odometer.
func shapeGather(dst, src []float32, shape, strides []int, off int) {
	if len(dst) == 0 {
		return
	}
	nd := len(shape)
	if nd == 0 {
		dst[0] = src[off]
		return
	}
	n, s := shape[nd-1], strides[nd-1]
	idx := make([]int, nd-1)
	for o := 0; o < len(dst); o += n {
		row := dst[o : o+n]
		if s == 1 {
			copy(row, src[off:off+n])
		} else {
			for j, p := 0, off; j < n; j, p = j+1, p+s {
				row[j] = src[p]
			}
		}
		for d := nd - 2; d >= 0; d-- {
			idx[d]++
			off += strides[d]
			if idx[d] < shape[d] {
				break
			}
			off -= idx[d] * strides[d]
			idx[d] = 0
		}
	}
}

// Concat joins tensors along axis. All inputs must have the same rank and
// equal sizes on every other axis; inputs of size 0 along axis are allowed.
func Concat(xs []*tensor.Tensor, axis int) *tensor.Tensor {
	if len(xs) == 0 {
		panic("ops: Concat: no tensors")
	}
	first := xs[0].Shape()
	axis = shapeAxis("Concat", axis, len(first))
	outShape := append([]int(nil), first...)
	outShape[axis] = 0
	for _, x := range xs {
		s := x.Shape()
		ok := len(s) == len(first)
		for i := 0; ok && i < len(s); i++ {
			ok = i == axis || s[i] == first[i]
		}
		if !ok {
			panic(fmt.Sprintf("ops: Concat along axis %d: shapes %v and %v", axis, first, s))
		}
		outShape[axis] += s[axis]
	}
	out := tensor.Empty(outShape...) // every element written
	outer := tensor.ShapeSize(first[:axis])
	inner := tensor.ShapeSize(first[axis+1:])
	od := out.Data()
	rowOut := outShape[axis] * inner
	// Rows of the output in parallel groups: each copies its own pieces.
	ewParallelGroups(outer, max(1, ewChunk/max(rowOut, 1)), func(lo, hi int) {
		start := 0
		for _, x := range xs {
			n := x.Dim(axis) * inner
			xd := x.Data()
			for o := lo; o < hi; o++ {
				copy(od[o*rowOut+start:o*rowOut+start+n], xd[o*n:(o+1)*n])
			}
			start += n
		}
	})
	return out
}

// ConcatBackward returns the gradients of Concat(xs, axis): gy split along
// axis into pieces of the inputs' sizes.
func ConcatBackward(xs []*tensor.Tensor, gy *tensor.Tensor, axis int) []*tensor.Tensor {
	axis = shapeAxis("ConcatBackward", axis, gy.Dims())
	sizes := make([]int, len(xs))
	for i, x := range xs {
		if x.Dims() != gy.Dims() {
			panic(fmt.Sprintf("ops: ConcatBackward: input shape %v for gradient shape %v", x.Shape(), gy.Shape()))
		}
		sizes[i] = x.Dim(axis)
	}
	return Split(gy, axis, sizes)
}

// Split cuts x along axis into consecutive pieces of the given sizes, which
// must add up to the size of that axis. Each piece is a new tensor.
func Split(x *tensor.Tensor, axis int, sizes []int) []*tensor.Tensor {
	shape := x.Shape()
	axis = shapeAxis("Split", axis, len(shape))
	total := 0
	for _, s := range sizes {
		if s < 0 {
			panic(fmt.Sprintf("ops: Split: negative size in %v for shape %v", sizes, shape))
		}
		total += s
	}
	if total != shape[axis] {
		panic(fmt.Sprintf("ops: Split: sizes %v do not add up to dimension %d of shape %v", sizes, axis, shape))
	}
	outs := make([]*tensor.Tensor, len(sizes))
	start := 0
	for i, s := range sizes {
		outs[i] = x.Slice(axis, start, start+s)
		start += s
	}
	return outs
}

// SplitBackward returns the gradient of Split(x, axis, sizes) given one
// gradient per piece. A nil gradient stands for zeros (a piece that did not
// reach the loss); its size is taken from sizes.
func SplitBackward(x *tensor.Tensor, gys []*tensor.Tensor, axis int, sizes []int) *tensor.Tensor {
	shape := x.Shape()
	axis = shapeAxis("SplitBackward", axis, len(shape))
	if len(gys) != len(sizes) {
		panic(fmt.Sprintf("ops: SplitBackward: %d gradients for %d pieces", len(gys), len(sizes)))
	}
	parts := make([]*tensor.Tensor, len(gys))
	for i, g := range gys {
		s := append([]int(nil), shape...)
		s[axis] = sizes[i]
		if g == nil {
			g = tensor.New(s...)
		} else if !tensor.SameShape(g.Shape(), s) {
			panic(fmt.Sprintf("ops: SplitBackward: gradient %d has shape %v, want %v", i, g.Shape(), s))
		}
		parts[i] = g
	}
	return Concat(parts, axis)
}

// Pad returns x surrounded by a constant: pads[i] = {before, after} adds that
// many elements of value v before and after dimension i. len(pads) must be
// the rank of x and every pad non-negative.
func Pad(x *tensor.Tensor, pads [][2]int, v float32) *tensor.Tensor {
	shape := x.Shape()
	outShape := shapePadded("Pad", shape, pads)
	out := tensor.Empty(outShape...) // every element written
	nd := len(outShape)
	if nd == 0 {
		out.Data()[0] = x.Data()[0]
		return out
	}
	w := outShape[nd-1]
	if w == 0 || out.Size() == 0 {
		return out
	}
	// Rows (along the last dimension) are independent: chunks of them
	// go to the worker pool.
	ewParallelGroups(out.Size()/w, max(1, ewChunk/w), func(lo, hi int) {
		padRows(out.Data(), x.Data(), shape, outShape, pads, v, lo, hi)
	})
	return out
}

// padRows writes the rows [r0, r1) of Pad's output dst (row-major over
// outShape, a row being the last dimension): v outside x, x's row inside.
func padRows(dst, src []float32, shape, outShape []int, pads [][2]int, v float32, r0, r1 int) {
	nd := len(outShape)
	w, n, before := outShape[nd-1], shape[nd-1], pads[nd-1][0]
	strides := tensor.Strides(shape)
	idx := make([]int, nd-1)
	for d, q := nd-2, r0; d >= 0; d-- {
		idx[d] = q % outShape[d]
		q /= outShape[d]
	}
	for r := r0; r < r1; r++ {
		row := dst[r*w : (r+1)*w]
		off, inside := 0, true
		for d, i := range idx {
			i -= pads[d][0]
			if i < 0 || i >= shape[d] {
				inside = false
				break
			}
			off += i * strides[d]
		}
		if inside {
			padFill(row[:before], v)
			copy(row[before:before+n], src[off:off+n])
			padFill(row[before+n:], v)
		} else {
			padFill(row, v)
		}
		for d := nd - 2; d >= 0; d-- {
			if idx[d]++; idx[d] < outShape[d] {
				break
			}
			idx[d] = 0
		}
	}
}

// padFill sets every element of d to v.
func padFill(d []float32, v float32) {
	if math.Float32bits(v) == 0 {
		clear(d)
		return
	}
	for i := range d {
		d[i] = v
	}
}

// PadBackward returns the gradient of Pad(x, pads, v) with respect to x:
// the interior of gy.
func PadBackward(gy *tensor.Tensor, pads [][2]int) *tensor.Tensor {
	gShape := gy.Shape()
	if len(pads) != len(gShape) {
		panic(fmt.Sprintf("ops: PadBackward: pads %v for gradient shape %v", pads, gShape))
	}
	inShape := make([]int, len(gShape))
	off := 0
	gStrides := gy.Strides()
	for i, p := range pads {
		inShape[i] = gShape[i] - p[0] - p[1]
		if p[0] < 0 || p[1] < 0 || inShape[i] < 0 {
			panic(fmt.Sprintf("ops: PadBackward: pads %v for gradient shape %v", pads, gShape))
		}
		off += p[0] * gStrides[i]
	}
	gx := tensor.New(inShape...)
	shapeGather(gx.Data(), gy.Data(), inShape, gStrides, off)
	return gx
}

func shapePadded(op string, shape []int, pads [][2]int) []int {
	if len(pads) != len(shape) {
		panic(fmt.Sprintf("ops: %s: pads %v for shape %v", op, pads, shape))
	}
	out := make([]int, len(shape))
	for i, p := range pads {
		if p[0] < 0 || p[1] < 0 {
			panic(fmt.Sprintf("ops: %s: negative pads %v for shape %v", op, pads, shape))
		}
		out[i] = shape[i] + p[0] + p[1]
	}
	return out
}
