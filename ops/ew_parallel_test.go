package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// TestEwParallelReLU checks that ReLU and ReLUBackward, split into chunks
// over the worker pool, give the bits of one simd call over the whole
// tensor at sizes around the chunk edges and for 1 to 3 threads.
func TestEwParallelReLU(t *testing.T) {
	defer blas.SetThreads(blas.SetThreads(1))
	for _, n := range []int{1, ewChunk - 1, ewChunk, ewChunk + 1, 3*ewChunk + 17} {
		x := tensor.RandNormal(tensor.NewRNG(uint64(n), 5), 0, 1, n)
		g := tensor.RandNormal(tensor.NewRNG(uint64(n), 6), 0, 1, n)
		want, wantG := make([]float32, n), make([]float32, n)
		simd.ReluTo(want, x.Data())
		simd.ReluGradTo(wantG, x.Data(), g.Data())
		for threads := 1; threads <= 3; threads++ {
			blas.SetThreads(threads)
			if !tensor.Equal(ReLU(x), tensor.FromSlice(want, n)) {
				t.Errorf("n=%d, %d threads: ReLU differs from one simd.ReluTo", n, threads)
			}
			if !tensor.Equal(ReLUBackward(x, g), tensor.FromSlice(wantG, n)) {
				t.Errorf("n=%d, %d threads: ReLUBackward differs from one simd.ReluGradTo", n, threads)
			}
		}
	}
}

// TestEwParallelBinary checks that the binary ops on equal shapes, split
// into chunks over the worker pool, give the bits of one run over the
// whole tensor at sizes around the chunk edges and for 1 to 3 threads.
func TestEwParallelBinary(t *testing.T) {
	defer blas.SetThreads(blas.SetThreads(1))
	cases := []struct {
		op ewBinOp
		f  func(a, b *tensor.Tensor) *tensor.Tensor
	}{{ewAdd, Add}, {ewSub, Sub}, {ewMul, Mul}, {ewDiv, Div}}
	for _, n := range []int{1, ewChunk - 1, ewChunk, ewChunk + 1, 3*ewChunk + 17} {
		a := tensor.RandNormal(tensor.NewRNG(uint64(n), 7), 0, 1, 2, n)
		b := tensor.RandNormal(tensor.NewRNG(uint64(n), 8), 0, 1, 2, n)
		for _, o := range cases {
			want := make([]float32, 2*n)
			ewBinaryRun(o.op, want, a.Data(), b.Data(), 1, 1)
			for threads := 1; threads <= 3; threads++ {
				blas.SetThreads(threads)
				if !tensor.Equal(o.f(a, b), tensor.FromSlice(want, 2, n)) {
					t.Errorf("%s n=%d, %d threads: differs from one run", ewBinNames[o.op], n, threads)
				}
			}
		}
	}
}

// TestEwParallelScalarOps checks AddScalar, MulScalar and AddInto (in
// place too), split into chunks over the worker pool, against one loop
// over the whole tensor, at sizes around the chunk edges and for 1 to 3
// threads.
func TestEwParallelScalarOps(t *testing.T) {
	defer blas.SetThreads(blas.SetThreads(1))
	for _, n := range []int{1, ewChunk - 1, ewChunk, ewChunk + 1, 3*ewChunk + 17} {
		a := tensor.RandNormal(tensor.NewRNG(uint64(n), 10), 0, 1, n)
		b := tensor.RandNormal(tensor.NewRNG(uint64(n), 11), 0, 1, n)
		wantAdd, wantMul, wantSum := make([]float32, n), make([]float32, n), make([]float32, n)
		for i, v := range a.Data() {
			wantAdd[i], wantMul[i], wantSum[i] = v+0.375, v*-1.5, v+b.Data()[i]
		}
		if _, ok := ewPanics(func() { AddInto(tensor.New(n+1), a, b) }); !ok {
			t.Errorf("AddInto into a tensor of another shape did not panic")
		}
		for threads := 1; threads <= 3; threads++ {
			blas.SetThreads(threads)
			sum, acc := tensor.New(n), a.Clone()
			AddInto(sum, a, b)
			AddInto(acc, acc, b)
			for name, c := range map[string][2]*tensor.Tensor{
				"AddScalar":        {AddScalar(a, 0.375), tensor.FromSlice(wantAdd, n)},
				"MulScalar":        {MulScalar(a, -1.5), tensor.FromSlice(wantMul, n)},
				"AddInto":          {sum, tensor.FromSlice(wantSum, n)},
				"AddInto in place": {acc, tensor.FromSlice(wantSum, n)},
			} {
				if !tensor.Equal(c[0], c[1]) {
					t.Errorf("%s n=%d, %d threads: differs from one loop", name, n, threads)
				}
			}
		}
	}
}

// TestEwParallelBroadcast checks the broadcasting binary ops, their runs
// split into chunks over the worker pool and the scalar-operand runs in
// simd.AddScalarTo and simd.ScaleTo, against one float32 operation per
// element at indices worked out from scratch, for 1 to 3 threads: runs
// longer than a chunk, many short runs, a broadcast on either side and on
// both, with signed zeros and infinities among the values.
func TestEwParallelBroadcast(t *testing.T) {
	defer blas.SetThreads(blas.SetThreads(1))
	cases := []struct{ a, b []int }{
		{[]int{3, 5, 67, 61}, []int{1, 5, 1, 1}},       // runs of H*W with a scalar b
		{[]int{1, 5, 1, 1}, []int{3, 5, 67, 61}},       // the scalar on the left
		{[]int{ewChunk + 9, 1}, []int{1, 3}},           // many short runs, both broadcast
		{[]int{2, 1, ewChunk + 3}, []int{2, 4, 1}},     // runs longer than a chunk, scalar b
		{[]int{7, 300, 40}, []int{300, 40}},            // a leading dimension broadcast
		{[]int{64, 1, 33, 33}, []int{64, 9, 33, 33}},   // the middle dimension of a
		{[]int{1}, []int{5, ewChunk/5 + 1}},            // a scalar tensor
		{[]int{4, 3 * ewChunk}, []int{4, 3 * ewChunk}}, // the same shapes
	}
	special := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), 1e-45}
	ops := []struct {
		op ewBinOp
		f  func(a, b *tensor.Tensor) *tensor.Tensor
		g  func(x, y float32) float32
	}{
		{ewAdd, Add, func(x, y float32) float32 { return x + y }},
		{ewSub, Sub, func(x, y float32) float32 { return x - y }},
		{ewMul, Mul, func(x, y float32) float32 { return x * y }},
		{ewDiv, Div, func(x, y float32) float32 { return x / y }},
	}
	for ci, c := range cases {
		a := tensor.RandNormal(tensor.NewRNG(uint64(ci), 12), 0, 1, c.a...)
		b := tensor.RandNormal(tensor.NewRNG(uint64(ci), 13), 0, 1, c.b...)
		for i := range a.Data() {
			if i%7 == 3 {
				a.Data()[i] = special[i%len(special)]
			}
		}
		for i := range b.Data() {
			if i%5 == 1 {
				b.Data()[i] = special[(i/5)%len(special)]
			}
		}
		shape, _ := BroadcastShapes(c.a, c.b)
		sa, sb := ewBroadcastStrides(c.a, shape), ewBroadcastStrides(c.b, shape)
		idx := make([]int, len(shape))
		for _, o := range ops {
			want := make([]float32, tensor.ShapeSize(shape))
			clear(idx)
			for i := range want {
				ia, ib := 0, 0
				for d := range shape {
					ia += idx[d] * sa[d]
					ib += idx[d] * sb[d]
				}
				want[i] = o.g(a.Data()[ia], b.Data()[ib])
				for d := len(shape) - 1; d >= 0; d-- {
					if idx[d]++; idx[d] < shape[d] {
						break
					}
					idx[d] = 0
				}
			}
			for threads := 1; threads <= 3; threads++ {
				blas.SetThreads(threads)
				got := o.f(a, b)
				if !tensor.SameShape(got.Shape(), shape) {
					t.Fatalf("%s %v %v: shape %v, want %v", ewBinNames[o.op], c.a, c.b, got.Shape(), shape)
				}
				for i, v := range got.Data() {
					if w := want[i]; math.Float32bits(v) != math.Float32bits(w) && !(v != v && w != w) {
						t.Fatalf("%s %v %v, %d threads: element %d = %g, want %g", ewBinNames[o.op], c.a, c.b, threads, i, v, w)
					}
				}
			}
		}
	}
}

// TestEwParallelUnary checks the unary ops built on simd's math kernels,
// and SoftplusBackward, split into chunks over the worker pool, against one
// simd call over the whole tensor (which puts other elements in the
// kernels' vector tails), at sizes around the chunk edges, on 1 to 3
// threads.
func TestEwParallelUnary(t *testing.T) {
	defer blas.SetThreads(blas.SetThreads(1))
	cases := []struct {
		name string
		op   func(x *tensor.Tensor) *tensor.Tensor
		ref  func(dst, x []float32)
	}{
		{"Sigmoid", Sigmoid, simd.SigmoidTo},
		{"Tanh", Tanh, simd.TanhTo},
		{"Softplus", Softplus, simd.SoftplusTo},
		{"Exp", Exp, simd.ExpTo},
		{"Log", Log, simd.LogTo},
		{"Sqrt", Sqrt, simd.SqrtTo},
		{"SoftplusBackward", func(x *tensor.Tensor) *tensor.Tensor { return SoftplusBackward(x, x) },
			func(dst, x []float32) { simd.SigmoidTo(dst, x); simd.MulTo(dst, dst, x) }},
	}
	for _, n := range []int{1, ewChunk - 1, ewChunk + 1, 3*ewChunk + 17} {
		x := tensor.RandNormal(tensor.NewRNG(uint64(n), 14), 0, 3, n)
		for _, c := range cases {
			want := make([]float32, n)
			c.ref(want, x.Data())
			for threads := 1; threads <= 3; threads++ {
				blas.SetThreads(threads)
				ewSameBits(t, fmt.Sprintf("%s n=%d, %d threads", c.name, n, threads), c.op(x), tensor.FromSlice(want, n))
			}
		}
	}
}
