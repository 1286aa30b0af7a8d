package blas

import "sync/atomic"

// Column chunks. When the grid splits only the columns of C, the workers
// share nothing but A, so the split need not be fixed in advance: the
// columns are cut into chunks that the workers claim one after the other.
// A worker that starts late (its OS thread waiting for a core another
// process holds) or runs slowly then leaves its share to the others
// instead of making the whole call wait for it, and a call is never
// slower than one worker doing everything. Worker w first claims chunk w,
// its own, then the chunks past the workers' own in order, and last the
// own chunks of the others that have not claimed them yet: on time, each
// worker then writes the same columns of C call after call, which its
// core's cache still holds from the last call (repeated products of one
// shape, as in training), rather than lines another core has modified.
//
// Where A is small (the short M of an im2col product) the chunks are cut
// finer than one per worker, to at least colChunkMin columns each, and
// when that makes more chunks than workers A is packed once, by all the
// workers together, before they start; otherwise each chunk packs its A
// blocks as it goes. Every chunk runs all of k for its columns in order,
// so which worker takes it does not change a bit.

const (
	colChunkMin  = 1024    // columns of a chunk when cutting finer
	colChunkAMax = 1 << 17 // m*k up to which A is small
)

// runColumns computes C with t workers claiming column chunks.
func (g *gemm) runColumns(t int) {
	nt := (g.n + g.nr - 1) / g.nr
	chunks := t
	if g.m*g.k <= colChunkAMax {
		chunks = max(t, min(nt, g.n/colChunkMin))
	}
	g.bBytes = bBlockBytes
	if chunks > t {
		// A small A cut into more chunks than workers is packed once,
		// by all the workers, rather than once per chunk.
		g.prepackA(t)
		defer func() { scratch.put(g.aPre); g.aPre = nil }()
	}
	widest := (nt + chunks - 1) / chunks * g.nr
	bufs := make([]gemmGroup, t) // a lone member each: B buffers only
	for w := range bufs {
		bufs[w].bar.n = 1
		bufs[w].free = workerScratch(w)
		bufs[w].b[0] = bufs[w].free.get(g.bBlockLen(widest))
		bufs[w].b[1] = bufs[w].b[0]
	}
	claimed := make([]atomic.Bool, chunks)
	var next atomic.Int32
	pool.run(t, func(w int) {
		if claimed[w].CompareAndSwap(false, true) { // chunks >= t
			c0, c1 := g.colRange(w, chunks)
			g.worker(w, 0, g.m, c0, c1, &bufs[w], 0, 1)
		}
		for {
			i := int(next.Add(1)) - 1
			if i >= chunks {
				return
			}
			if j := (i + t) % chunks; claimed[j].CompareAndSwap(false, true) {
				c0, c1 := g.colRange(j, chunks)
				g.worker(w, 0, g.m, c0, c1, &bufs[w], 0, 1)
			}
		}
	})
	for w := range bufs {
		bufs[w].free.put(bufs[w].b[0])
	}
}
