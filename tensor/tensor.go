package tensor

import (
	"fmt"
	"math"
	"strings"
)

// Tensor is a dense row-major float32 array. The zero value is not usable;
// build tensors with New, Zeros, FromSlice and friends.
type Tensor struct {
	shape []int
	data  []float32
	owns  bool // data was allocated for t (New, Clone, ...), not shared: see Release
}

// ShapeSize returns the number of elements of a tensor of the given shape.
// It panics on a negative dimension.
func ShapeSize(shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("tensor: negative dimension in shape %v", shape))
		}
		n *= d
	}
	return n
}

// New returns a zero-filled tensor of the given shape. A tensor with no
// dimensions is a scalar holding one element. Its storage may be recycled
// from released tensors (see Release).
func New(shape ...int) *Tensor {
	return &Tensor{shape: append([]int(nil), shape...), data: alloc(ShapeSize(shape), true), owns: true}
}

// Zeros is New.
func Zeros(shape ...int) *Tensor { return New(shape...) }

// Ones returns a tensor of the given shape filled with 1.
func Ones(shape ...int) *Tensor { return Full(1, shape...) }

// Full returns a tensor of the given shape filled with v.
func Full(v float32, shape ...int) *Tensor {
	t := Empty(shape...)
	t.Fill(v)
	return t
}

// Scalar returns a zero-dimensional tensor holding v.
func Scalar(v float32) *Tensor { return &Tensor{shape: []int{}, data: []float32{v}} }

// FromSlice returns a tensor of the given shape that uses data as its
// storage, without copying (as gonum's NewDense does). It panics if
// len(data) does not equal the size of shape.
func FromSlice(data []float32, shape ...int) *Tensor {
	if n := ShapeSize(shape); n != len(data) {
		panic(fmt.Sprintf("tensor: FromSlice: %d elements for shape %v (size %d)", len(data), shape, n))
	}
	return &Tensor{shape: append([]int(nil), shape...), data: data}
}

// Arange returns the 1-d tensor start, start+step, ... up to but excluding
// stop. Elements are computed as start + i*step in float64 and rounded once.
func Arange(start, stop, step float64) *Tensor {
	if step == 0 || math.IsNaN(step) || math.IsInf(step, 0) || math.IsNaN(start) || math.IsNaN(stop) {
		panic(fmt.Sprintf("tensor: Arange(%v, %v, %v): invalid arguments", start, stop, step))
	}
	n := int(math.Ceil((stop - start) / step))
	if n < 0 {
		n = 0
	}
	t := New(n)
	for i := range t.data {
		t.data[i] = float32(start + float64(i)*step)
	}
	return t
}

// Shape returns a copy of the tensor's shape.
func (t *Tensor) Shape() []int { return append([]int(nil), t.shape...) }

// Dims returns the number of dimensions.
func (t *Tensor) Dims() int { return len(t.shape) }

// Dim returns the size of dimension i; negative i counts from the end.
func (t *Tensor) Dim(i int) int {
	if i < 0 {
		i += len(t.shape)
	}
	if i < 0 || i >= len(t.shape) {
		panic(fmt.Sprintf("tensor: Dim(%d) of shape %v", i, t.shape))
	}
	return t.shape[i]
}

// Size returns the number of elements.
func (t *Tensor) Size() int { return len(t.data) }

// Data returns the underlying storage, row-major. Writes through it are
// visible to the tensor and to every view that shares it.
func (t *Tensor) Data() []float32 { return t.data }

// Strides returns the row-major strides (in elements) of the shape.
func (t *Tensor) Strides() []int { return Strides(t.shape) }

// Strides returns the row-major strides of shape.
func Strides(shape []int) []int {
	s := make([]int, len(shape))
	acc := 1
	for i := len(shape) - 1; i >= 0; i-- {
		s[i] = acc
		acc *= shape[i]
	}
	return s
}

func (t *Tensor) offset(op string, idx []int) int {
	if len(idx) != len(t.shape) {
		panic(fmt.Sprintf("tensor: %s: %d indices for shape %v", op, len(idx), t.shape))
	}
	off := 0
	for i, x := range idx {
		if x < 0 || x >= t.shape[i] {
			panic(fmt.Sprintf("tensor: %s: index %v out of range for shape %v", op, idx, t.shape))
		}
		off = off*t.shape[i] + x
	}
	return off
}

// At returns the element at the given index.
func (t *Tensor) At(idx ...int) float32 { return t.data[t.offset("At", idx)] }

// Set stores v at the given index.
func (t *Tensor) Set(v float32, idx ...int) { t.data[t.offset("Set", idx)] = v }

// Item returns the only element of a one-element tensor.
func (t *Tensor) Item() float32 {
	if len(t.data) != 1 {
		panic(fmt.Sprintf("tensor: Item of shape %v", t.shape))
	}
	return t.data[0]
}

// Fill sets every element to v.
func (t *Tensor) Fill(v float32) {
	for i := range t.data {
		t.data[i] = v
	}
}

// Zero sets every element to 0.
func (t *Tensor) Zero() { clear(t.data) }

// CopyFrom copies src's elements into t. The shapes must be equal.
func (t *Tensor) CopyFrom(src *Tensor) {
	if !SameShape(t.shape, src.shape) {
		panic(fmt.Sprintf("tensor: CopyFrom: shape %v from %v", t.shape, src.shape))
	}
	copy(t.data, src.data)
}

// Clone returns a deep copy.
func (t *Tensor) Clone() *Tensor {
	c := &Tensor{shape: append([]int(nil), t.shape...), data: alloc(len(t.data), false), owns: true}
	copy(c.data, t.data)
	return c
}

// Reshape returns a view with a new shape sharing t's data. One dimension
// may be -1 and is then inferred.
func (t *Tensor) Reshape(shape ...int) *Tensor {
	shape = append([]int(nil), shape...)
	infer, known := -1, 1
	for i, d := range shape {
		switch {
		case d == -1 && infer < 0:
			infer = i
		case d < 0:
			panic(fmt.Sprintf("tensor: Reshape %v to %v: bad dimension", t.shape, shape))
		default:
			known *= d
		}
	}
	if infer >= 0 {
		if known == 0 || len(t.data)%known != 0 {
			panic(fmt.Sprintf("tensor: Reshape %v to %v: cannot infer dimension", t.shape, shape))
		}
		shape[infer] = len(t.data) / known
		known *= shape[infer]
	}
	if known != len(t.data) {
		panic(fmt.Sprintf("tensor: Reshape %v (size %d) to %v (size %d)", t.shape, len(t.data), shape, known))
	}
	return &Tensor{shape: shape, data: t.data}
}

// View is Reshape.
func (t *Tensor) View(shape ...int) *Tensor { return t.Reshape(shape...) }

// RowView returns the view of t[start:end] along axis 0, sharing t's data.
func (t *Tensor) RowView(start, end int) *Tensor {
	if len(t.shape) == 0 || start < 0 || end < start || end > t.shape[0] {
		panic(fmt.Sprintf("tensor: RowView(%d, %d) of shape %v", start, end, t.shape))
	}
	inner := len(t.data)
	if t.shape[0] > 0 {
		inner /= t.shape[0]
	}
	shape := append([]int{end - start}, t.shape[1:]...)
	return &Tensor{shape: shape, data: t.data[start*inner : end*inner : end*inner]}
}

// Slice returns a copy of t[..., start:end, ...] taken along axis.
// Negative axis counts from the end.
func (t *Tensor) Slice(axis, start, end int) *Tensor {
	if axis < 0 {
		axis += len(t.shape)
	}
	if axis < 0 || axis >= len(t.shape) || start < 0 || end < start || end > t.shape[axis] {
		panic(fmt.Sprintf("tensor: Slice(axis %d, %d, %d) of shape %v", axis, start, end, t.shape))
	}
	outer := ShapeSize(t.shape[:axis])
	inner := ShapeSize(t.shape[axis+1:])
	shape := append([]int(nil), t.shape...)
	shape[axis] = end - start
	out := Empty(shape...) // every element written
	n := (end - start) * inner
	for o := 0; o < outer; o++ {
		src := t.data[(o*t.shape[axis]+start)*inner:]
		copy(out.data[o*n:(o+1)*n], src[:n])
	}
	return out
}

// SameShape reports whether two shapes are equal.
func SameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Equal reports whether a and b have the same shape and bitwise-identical
// elements (so NaNs with equal bits compare equal, and +0 differs from -0).
func Equal(a, b *Tensor) bool {
	if !SameShape(a.shape, b.shape) {
		return false
	}
	for i := range a.data {
		if math.Float32bits(a.data[i]) != math.Float32bits(b.data[i]) {
			return false
		}
	}
	return true
}

// AllClose reports whether a and b have the same shape and
// |a-b| <= atol + rtol*|b| elementwise (NumPy's rule). NaNs are never close.
func AllClose(a, b *Tensor, rtol, atol float64) bool {
	if !SameShape(a.shape, b.shape) {
		return false
	}
	for i := range a.data {
		x, y := float64(a.data[i]), float64(b.data[i])
		if x == y {
			continue
		}
		if !(math.Abs(x-y) <= atol+rtol*math.Abs(y)) {
			return false
		}
	}
	return true
}

// String formats the tensor like NumPy, eliding the middle of long axes.
func (t *Tensor) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Tensor%v\n", t.shape)
	if len(t.shape) == 0 {
		fmt.Fprintf(&sb, "%g", t.data[0])
		return sb.String()
	}
	t.format(&sb, 0, 0, 0)
	return sb.String()
}

const edgeItems = 3

func (t *Tensor) format(sb *strings.Builder, dim, off, indent int) {
	n := t.shape[dim]
	inner := ShapeSize(t.shape[dim+1:])
	sb.WriteByte('[')
	for i := 0; i < n; i++ {
		if n > 2*edgeItems && i == edgeItems {
			if dim == len(t.shape)-1 {
				sb.WriteString("..., ")
			} else {
				sb.WriteString("...,\n" + strings.Repeat(" ", indent+1))
			}
			i = n - edgeItems
		}
		if dim == len(t.shape)-1 {
			fmt.Fprintf(sb, "%.6g", t.data[off+i])
		} else {
			t.format(sb, dim+1, off+i*inner, indent+1)
		}
		if i < n-1 {
			if dim == len(t.shape)-1 {
				sb.WriteString(", ")
			} else {
				sb.WriteString(",\n" + strings.Repeat(" ", indent+1))
			}
		}
	}
	sb.WriteByte(']')
}
