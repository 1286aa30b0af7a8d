package simd

// PrefetchRows asks the CPU to start loading, for each r < rows, the n
// elements x[off+r*ld : off+r*ld+n] into the cache: a hint that changes no
// result. The GEMM driver issues it for the next block of a B that it reads
// from memory, spread over the kernel calls of the current block, so that
// the rows arrive while the kernel computes instead of when the packing
// asks for them. Out-of-range requests are ignored; without assembly it
// does nothing.
func PrefetchRows(x []float32, off, ld, rows, n int) {
	if prefetchInRange(len(x), off, ld, rows, n) {
		prefetchRows(x[off:], ld, rows, n)
	}
}

// PrefetchRowsL2 is PrefetchRows into the L2 cache only: for data that the
// next kernel call will use rather than this one. The GEMM driver asks for
// the C tile of the next call this way; brought into L1, the tile would be
// evicted by the panels that stream through L1 during the current call
// before it is used.
func PrefetchRowsL2(x []float32, off, ld, rows, n int) {
	if prefetchInRange(len(x), off, ld, rows, n) {
		prefetchRowsL2(x[off:], ld, rows, n)
	}
}

func prefetchInRange(length, off, ld, rows, n int) bool {
	return rows > 0 && n > 0 && off >= 0 && ld >= 0 && off+(rows-1)*ld+n <= length
}
