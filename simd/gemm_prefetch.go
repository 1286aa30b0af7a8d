package simd

// PrefetchRows asks the CPU to start loading, for each r < rows, the n
// elements x[off+r*ld : off+r*ld+n] into the L2 cache: a hint that changes
// no result. The GEMM driver issues it for data that a later kernel call
// will use rather than the current one: the next block of a B that it
// reads from memory, spread over the kernel calls of the current block (a
// few hundred KiB, more than L1 holds), and the C tile of the next call.
// The data then arrives while the kernel computes instead of when it is
// asked for, without evicting from L1 the panels that the current call
// streams through it. Out-of-range requests are ignored; without assembly
// it does nothing.
func PrefetchRows(x []float32, off, ld, rows, n int) {
	if rows > 0 && n > 0 && off >= 0 && ld >= 0 && off+(rows-1)*ld+n <= len(x) {
		prefetchRows(x[off:], ld, rows, n)
	}
}
