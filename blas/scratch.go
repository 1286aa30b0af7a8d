package blas

import "sync"

// bufList is a free list of float32 buffers for packed panels and partial
// sums. Unlike sync.Pool it never drops its buffers at a garbage
// collection: a fresh buffer costs a page fault per 4 KiB on first touch,
// which at the sizes of a packed B panel (megabytes) is slower than the
// multiply it serves. It holds at most as many buffers as calls ever ran
// at the same time.
type bufList struct {
	mu   sync.Mutex
	bufs [][]float32
}

var scratch bufList

// Worker-local free lists. A buffer that worker w of the pool packs into
// goes back to w's list, so that the next call's worker w packs into
// memory its own core's cache already holds, rather than into lines left
// modified in another core's cache by the worker that used the buffer
// last (each line then costs a transfer between the cores). In pprof of
// 256^3 on 2 threads, packing A took 15% of the CPU time before and 5%
// after (with the column chunks' own-chunk-first claiming, columns.go).
var (
	localMu sync.Mutex
	locals  []*bufList
)

// workerScratch returns the free list of worker w.
func workerScratch(w int) *bufList {
	localMu.Lock()
	defer localMu.Unlock()
	for len(locals) <= w {
		locals = append(locals, new(bufList))
	}
	return locals[w]
}

// get returns a buffer of length n (contents undefined).
func (l *bufList) get(n int) []float32 {
	l.mu.Lock()
	var b []float32
	if k := len(l.bufs); k > 0 {
		// Take the smallest buffer that fits; if none does, replace the
		// largest one.
		best := -1
		for i, c := range l.bufs {
			if cap(c) >= n && (best < 0 || cap(c) < cap(l.bufs[best])) {
				best = i
			}
		}
		if best < 0 {
			best = k - 1
			for i, c := range l.bufs {
				if cap(c) > cap(l.bufs[best]) {
					best = i
				}
			}
		}
		b = l.bufs[best]
		l.bufs[best] = l.bufs[k-1]
		l.bufs = l.bufs[:k-1]
	}
	l.mu.Unlock()
	if cap(b) < n {
		b = make([]float32, n)
	}
	return b[:n]
}

// put returns a buffer obtained from get.
func (l *bufList) put(b []float32) {
	if cap(b) == 0 {
		return
	}
	l.mu.Lock()
	l.bufs = append(l.bufs, b[:0])
	l.mu.Unlock()
}
