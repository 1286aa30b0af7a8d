package spiking

import (
	"runtime"
	"sync"
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
	var wg sync.WaitGroup
	per := (n + threads - 1) / threads
	per = (per + 63) &^ 63 // whole cache lines per chunk
	for lo := 0; lo < n; lo += per {
		hi := min(lo+per, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}
