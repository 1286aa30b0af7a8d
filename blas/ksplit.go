package blas

import (
	"fmt"
	"math/bits"

	"github.com/neurocortex/neurocortex/simd"
)

// SumTree sets dst to the elementwise sum of n leaves, leaf(i, out)
// writing leaf i into out (len(dst) elements, contents undefined on
// entry). The leaves are added in one fixed pairwise tree,
//
//	T(lo, hi) = T(lo, mid) + T(mid, hi),  mid = lo + the largest power of two below hi-lo,
//
// a balanced tree when n is a power of two. The leaves run in parallel on
// the worker pool (leaf must be safe for concurrent calls on different i),
// and the result does not depend on the number of threads: the tree is cut
// into subtrees for the workers, each evaluated on its own in the same
// order. With n == 0, dst is zeroed.
func SumTree(n int, dst []float32, leaf func(i int, out []float32)) {
	if n <= 0 {
		clear(dst)
		return
	}
	size := len(dst)
	t := min(Threads(), n)
	// Cut the tree into at least 4t subtrees (when n allows) so that the
	// dynamic schedule of ParallelFor evens out uneven leaves.
	grain := max(1, n/(4*t))
	if t == 1 {
		grain = n
	}
	var tasks [][2]int
	var cut func(lo, hi int)
	cut = func(lo, hi int) {
		if hi-lo <= grain {
			tasks = append(tasks, [2]int{lo, hi})
			return
		}
		mid := treeMid(lo, hi)
		cut(lo, mid)
		cut(mid, hi)
	}
	cut(0, n)
	results := make([][]float32, len(tasks))
	ParallelFor(len(tasks), func(i int) {
		results[i] = sumSubtree(tasks[i][0], tasks[i][1], size, leaf)
	})
	// Combine the subtree sums along the same tree.
	next := 0
	var combine func(lo, hi int) []float32
	combine = func(lo, hi int) []float32 {
		if next < len(tasks) && tasks[next] == [2]int{lo, hi} {
			next++
			return results[next-1]
		}
		mid := treeMid(lo, hi)
		l := combine(lo, mid)
		r := combine(mid, hi)
		addTo(l, l, r)
		scratch.put(r)
		return l
	}
	s := combine(0, n)
	copy(dst, s)
	scratch.put(s)
}

// treeMid is the split point of T(lo, hi), hi-lo >= 2.
func treeMid(lo, hi int) int {
	return lo + 1<<(bits.Len(uint(hi-lo-1))-1)
}

// sumSubtree evaluates T(lo, hi) leaf by leaf with a stack of partial sums,
// like a binary counter: two sums of the same number of leaves are added
// as soon as both exist, and what remains at the end is folded from the
// right. This is exactly the tree of SumTree for any hi-lo, in log2(hi-lo)+1
// buffers.
func sumSubtree(lo, hi, size int, leaf func(i int, out []float32)) []float32 {
	type part struct {
		buf    []float32
		leaves int
	}
	var stack []part
	for i := lo; i < hi; i++ {
		out := scratch.get(size)
		leaf(i, out)
		stack = append(stack, part{out, 1})
		for len(stack) >= 2 && stack[len(stack)-2].leaves == stack[len(stack)-1].leaves {
			l, r := stack[len(stack)-2], stack[len(stack)-1]
			addTo(l.buf, l.buf, r.buf)
			scratch.put(r.buf)
			stack = stack[:len(stack)-1]
			stack[len(stack)-1].leaves *= 2
		}
	}
	r := stack[len(stack)-1].buf
	for j := len(stack) - 2; j >= 0; j-- {
		addTo(r, stack[j].buf, r)
		scratch.put(stack[j].buf)
	}
	return r
}

// addTo sets dst = x + y elementwise (dst may alias either): one IEEE
// addition per element, whichever simd path runs it.
func addTo(dst, x, y []float32) {
	simd.AddTo(dst, x[:len(dst)], y[:len(dst)])
}

// SgemmKSplit computes C = op(A)·op(B), or C += op(A)·op(B) if accumulate,
// like Sgemm but with k split into chunks of kChunk (the last one shorter):
// each chunk's product is computed in the canonical order from zero, the
// chunk products are summed with SumTree, and the sum S is stored into C
// (C = S) or added to it with one rounding (C = C + S).
//
// This is a different order from Sgemm's whenever k > kChunk or
// accumulate is set, and its bits depend on kChunk; they never depend on
// the number of threads. kChunk must therefore be fixed by the caller from
// the problem (never from Threads); the chunks then run in parallel, which
// Sgemm cannot do when m and n are small and k is huge, as in the weight
// gradient of a convolution. With k == 0, C is zeroed or left unchanged.
func SgemmKSplit(transA, transB bool, m, n, k, kChunk int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int, accumulate bool) {
	gemmCheck("SgemmKSplit", transA, transB, m, n, k, a, lda, b, ldb, c, ldc)
	if kChunk <= 0 {
		panic(fmt.Sprintf("blas: SgemmKSplit: kChunk=%d must be positive", kChunk))
	}
	if m == 0 || n == 0 || (k == 0 && accumulate) {
		return
	}
	chunks := (k + kChunk - 1) / kChunk
	s := scratch.get(m * n)
	defer scratch.put(s)
	SumTree(chunks, s, func(i int, out []float32) {
		p0 := i * kChunk
		kk := min(kChunk, k-p0)
		ao, bo := p0, p0*ldb
		if transA {
			ao = p0 * lda
		}
		if transB {
			bo = p0
		}
		g := gemm{transA: transA, transB: transB, m: m, n: n, k: kk,
			a: a[ao:], lda: lda, b: b[bo:], ldb: ldb, c: out, ldc: n}
		g.run(Threads())
	})
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		if accumulate {
			addTo(row, row, s[i*n:])
		} else {
			copy(row, s[i*n:(i+1)*n])
		}
	}
}
