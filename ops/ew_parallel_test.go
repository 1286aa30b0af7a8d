package ops

import (
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
