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
