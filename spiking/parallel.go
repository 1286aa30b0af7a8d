package spiking

import (
	"runtime"

	"github.com/neurocortex/neurocortex/blas"
)

// minChunk is the smallest number of neurons worth a goroutine: below it
// the start-up costs more than the update.
const minChunk = 16384

// parallelFor splits [0, n) into at most threads contiguous chunks and
// runs fn on each concurrently. Neurons are independent within a step, so
// the split never changes any result, only the time it takes.
func parallelFor(n, threads int, fn func(lo, hi int)) {
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	if c := (n + minChunk - 1) / minChunk; c < threads {
		threads = c
	}
	if threads <= 1 {
		fn(0, n)
		return
	}
	per := (n + threads - 1) / threads
	per = (per + 63) &^ 63 // whole cache lines per chunk
	// The persistent worker pool of package blas: its helpers spin between
	// steps, so a step of 100k neurons does not pay for starting goroutines.
	blas.ParallelFor((n+per-1)/per, func(i int) {
		lo := i * per
		fn(lo, min(lo+per, n))
	})
}
