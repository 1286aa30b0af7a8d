// Package blas is the GEMM driver of neurocortex: Sgemm computes
// C (=|+=) op(A)·op(B) on row-major float32 matrices by packing panels of A
// and B into the layout of the simd micro-kernel and blocking for the
// caches, on a persistent pool of worker goroutines.
//
// Every element of C follows the canonical GEMM order of DESIGN.md:
//
//	acc = accumulate ? C[i,j] : 0
//	for p := 0; p < k; p++ { acc = fma(op(A)[i,p], op(B)[p,j], acc) }
//	C[i,j] = acc
//
// Blocking over k reloads C into the accumulator and threads split only M
// and N, so the result is bit-for-bit the same for every blocking, every
// thread count and every code path. SgemmKSplit is the one documented
// exception: it splits k into chunks of a caller-fixed size, for the weight
// gradients whose M and N are small and K huge, and adds the partial
// products in a fixed pairwise tree (SumTree); its bits depend on the chunk
// size but never on the number of threads.
//
// SgemmPackA, SgemmPackB and SgemmPack take an operand as a function that
// packs blocks of it on demand (an implicit GEMM: a convolution packs its
// im2col matrix straight from the image), and PrepackedA packs a left
// operand once for many products; the bits are those of Sgemm on the
// matrices they describe.
//
// The worker pool is started at init with GOMAXPROCS workers
// (SetThreads changes it). ParallelFor and SumTree expose it to the ops
// package for loops over a batch; calls made while the pool is busy (from
// inside a parallel loop, or from another goroutine) run on the calling
// goroutine alone, with the same results.
package blas
