package ops

import (
	"fmt"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/tensor"
)

// Matmul returns op(a)·op(b) for 2-D tensors, op(x) being x or, with the
// flag set, its transpose: a is [M, K] (or [K, M] if transA), b is [K, N]
// (or [N, K] if transB), and the result is [M, N]. Each element is
// computed in the canonical GEMM order (package blas).
func Matmul(a, b *tensor.Tensor, transA, transB bool) *tensor.Tensor {
	m, n, k := mmDims("Matmul", a, b, transA, transB)
	y := tensor.New(m, n)
	blas.Sgemm(transA, transB, m, n, k, a.Data(), max(1, a.Dim(1)), b.Data(), max(1, b.Dim(1)), y.Data(), max(1, n), false)
	return y
}

// MatmulBackward returns the gradients of Matmul(a, b, transA, transB)
// with respect to a and b, given the gradient gy of its [M, N] result:
// d op(a) = gy·op(b)ᵀ and d op(b) = op(a)ᵀ·gy, each transposed back to the
// stored layout of its input.
func MatmulBackward(a, b, gy *tensor.Tensor, transA, transB bool) (ga, gb *tensor.Tensor) {
	m, n, k := mmDims("MatmulBackward", a, b, transA, transB)
	mmCheckGrad("MatmulBackward", gy, m, n)
	ga = tensor.New(a.Shape()...)
	gb = tensor.New(b.Shape()...)
	mmGrads(transA, transB, m, n, k, a.Data(), b.Data(), gy.Data(), ga.Data(), gb.Data())
	return ga, gb
}

// BatchMatmul returns the batched product op(a[i])·op(b[i]) of 3-D tensors
// a [B, M, K] (or [B, K, M] if transA) and b [B, K, N] (or [B, N, K] if
// transB), a [B, M, N] tensor.
func BatchMatmul(a, b *tensor.Tensor, transA, transB bool) *tensor.Tensor {
	bs, m, n, k := mmBatchDims("BatchMatmul", a, b, transA, transB)
	y := tensor.New(bs, m, n)
	ad, bd, yd := a.Data(), b.Data(), y.Data()
	sa, sb, sy := a.Dim(1)*a.Dim(2), b.Dim(1)*b.Dim(2), m*n
	lda, ldb := max(1, a.Dim(2)), max(1, b.Dim(2))
	mmBatch(bs, m*n*k, func(i int) {
		blas.Sgemm(transA, transB, m, n, k, ad[i*sa:(i+1)*sa], lda, bd[i*sb:(i+1)*sb], ldb, yd[i*sy:(i+1)*sy], max(1, n), false)
	})
	return y
}

// BatchMatmulBackward returns the gradients of BatchMatmul with respect to
// a and b given the gradient gy of its [B, M, N] result.
func BatchMatmulBackward(a, b, gy *tensor.Tensor, transA, transB bool) (ga, gb *tensor.Tensor) {
	bs, m, n, k := mmBatchDims("BatchMatmulBackward", a, b, transA, transB)
	if gy.Dims() != 3 || gy.Dim(0) != bs || gy.Dim(1) != m || gy.Dim(2) != n {
		panic(fmt.Sprintf("ops: BatchMatmulBackward: gradient shape %v, want [%d %d %d]", gy.Shape(), bs, m, n))
	}
	ga = tensor.New(a.Shape()...)
	gb = tensor.New(b.Shape()...)
	sa, sb, sy := a.Dim(1)*a.Dim(2), b.Dim(1)*b.Dim(2), m*n
	ad, bd, gyd, gad, gbd := a.Data(), b.Data(), gy.Data(), ga.Data(), gb.Data()
	mmBatch(bs, m*n*k, func(i int) {
		mmGrads(transA, transB, m, n, k, ad[i*sa:(i+1)*sa], bd[i*sb:(i+1)*sb], gyd[i*sy:(i+1)*sy],
			gad[i*sa:(i+1)*sa], gbd[i*sb:(i+1)*sb])
	})
	return ga, gb
}

// mmGrads writes the gradients of one product y = op(a)·op(b) (m×n, inner
// size k, contiguous storage) into ga and gb.
func mmGrads(transA, transB bool, m, n, k int, a, b, gy, ga, gb []float32) {
	// Leading dimensions of the contiguous operands (at least 1, as blas
	// wants even for empty matrices).
	M, N, K := max(1, m), max(1, n), max(1, k)
	lda, ldb := K, N
	if transA {
		lda = M
	}
	if transB {
		ldb = K
	}
	if transA {
		// a is [K, M]: ga = op(b)·gyᵀ.
		blas.Sgemm(transB, true, k, m, n, b, ldb, gy, N, ga, M, false)
	} else {
		// ga = gy·op(b)ᵀ, [M, K].
		blas.Sgemm(false, !transB, m, k, n, gy, N, b, ldb, ga, K, false)
	}
	if transB {
		// b is [N, K]: gb = gyᵀ·op(a).
		blas.Sgemm(true, transA, n, k, m, gy, N, a, lda, gb, K, false)
	} else {
		// gb = op(a)ᵀ·gy, [K, N].
		blas.Sgemm(!transA, false, k, n, m, a, lda, gy, N, gb, N, false)
	}
}

// mmBatch runs f over the batch: in parallel over the items when each
// product is too small to keep the threads busy on its own, else one item
// after another with the threads inside the product. Either way each item
// is the same computation, so the bits do not change.
func mmBatch(bs, work int, f func(i int)) {
	if bs > 1 && work < 1<<22 {
		blas.ParallelFor(bs, f)
		return
	}
	for i := 0; i < bs; i++ {
		f(i)
	}
}

// mmDims validates the operands of a 2-D product and returns its m, n, k.
func mmDims(op string, a, b *tensor.Tensor, transA, transB bool) (m, n, k int) {
	if a.Dims() != 2 || b.Dims() != 2 {
		panic(fmt.Sprintf("ops: %s: operands must be 2-D, got %v and %v", op, a.Shape(), b.Shape()))
	}
	m, k = a.Dim(0), a.Dim(1)
	if transA {
		m, k = k, m
	}
	kb, n := b.Dim(0), b.Dim(1)
	if transB {
		kb, n = n, kb
	}
	if k != kb {
		panic(fmt.Sprintf("ops: %s: inner sizes differ: %v (transA=%v) and %v (transB=%v)",
			op, a.Shape(), transA, b.Shape(), transB))
	}
	return m, n, k
}

// mmBatchDims validates the operands of a batched product.
func mmBatchDims(op string, a, b *tensor.Tensor, transA, transB bool) (bs, m, n, k int) {
	if a.Dims() != 3 || b.Dims() != 3 || a.Dim(0) != b.Dim(0) {
		panic(fmt.Sprintf("ops: %s: operands must be 3-D with the same batch size, got %v and %v",
			op, a.Shape(), b.Shape()))
	}
	m, k = a.Dim(1), a.Dim(2)
	if transA {
		m, k = k, m
	}
	kb, n := b.Dim(1), b.Dim(2)
	if transB {
		kb, n = n, kb
	}
	if k != kb {
		panic(fmt.Sprintf("ops: %s: inner sizes differ: %v (transA=%v) and %v (transB=%v)",
			op, a.Shape(), transA, b.Shape(), transB))
	}
	return a.Dim(0), m, n, k
}

func mmCheckGrad(op string, gy *tensor.Tensor, m, n int) {
	if gy.Dims() != 2 || gy.Dim(0) != m || gy.Dim(1) != n {
		panic(fmt.Sprintf("ops: %s: gradient shape %v, want [%d %d]", op, gy.Shape(), m, n))
	}
}
