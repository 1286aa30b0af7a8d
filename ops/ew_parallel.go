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
func ewParallel(n int, f func(lo, hi int)) { ewParallelGroups(n, ewChunk, f) }

// ewParallelGroups calls f(lo, hi) over [0, n) in groups of per items
// (rows, runs, outputs), spread over the worker pool when there is more
// than one group. f must write only what items [lo, hi) own, so that the
// result does not depend on the grouping or the thread count.
func ewParallelGroups(n, per int, f func(lo, hi int)) {
	if n <= per {
		f(0, n)
		return
	}
	blas.ParallelFor((n+per-1)/per, func(i int) {
		f(i*per, min((i+1)*per, n))
	})
}

// ewParallelRuns calls fn for every run of r (see ewRuns), in groups of
// whole runs of about ewChunk elements, or for pieces of ewChunk elements
// of runs longer than that (a tensor against a scalar is one run). fn must
// write only its run (or piece) of the output.
func ewParallelRuns(r *ewRuns, fn func(n, o, oa, ob, ia, ib int)) {
	if r.n <= ewChunk {
		ewParallelGroups(r.count, max(1, ewChunk/max(r.n, 1)), func(lo, hi int) { r.each(lo, hi, fn) })
		return
	}
	pieces := (r.n + ewChunk - 1) / ewChunk
	ewParallelGroups(r.count*pieces, 1, func(lo, hi int) {
		for p := lo; p < hi; p++ {
			run, k := p/pieces, p%pieces*ewChunk
			n := min(ewChunk, r.n-k)
			r.each(run, run+1, func(_, o, oa, ob, ia, ib int) { fn(n, o+k, oa+k*ia, ob+k*ib, ia, ib) })
		}
	})
}
