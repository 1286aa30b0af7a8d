package ops

import "github.com/neurocortex/neurocortex/blas"

// ewChunk is the number of elements an elementwise op hands to one worker
// at a time: 128 KiB of float32, large enough that the hand-off is
// negligible, small enough that both cores share the work of the
// activation-sized tensors of a training step (which one core alone could
// not stream as fast).
const ewChunk = 32 << 10

// ewParallel calls f(lo, hi) over [0, n) in chunks of ewChunk elements,
// spread over blas's worker pool when there is more than one chunk. The
// chunks are disjoint and f is elementwise, so the result does not depend
// on the thread count.
func ewParallel(n int, f func(lo, hi int)) {
	if n <= ewChunk {
		f(0, n)
		return
	}
	blas.ParallelFor((n+ewChunk-1)/ewChunk, func(i int) {
		f(i*ewChunk, min((i+1)*ewChunk, n))
	})
}

// ewParallelRuns calls fn for every run of r (see ewIter), in chunks of
// whole runs of about ewChunk elements spread over the worker pool. fn
// must write only its run of the output.
func ewParallelRuns(r *ewRuns, fn func(n, o, oa, ob, ia, ib int)) {
	per := max(1, ewChunk/max(r.n, 1))
	chunks := (r.count + per - 1) / per
	if chunks <= 1 {
		r.each(0, r.count, fn)
		return
	}
	blas.ParallelFor(chunks, func(i int) { r.each(i*per, min((i+1)*per, r.count), fn) })
}
