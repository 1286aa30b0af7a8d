package simd

// PrefetchRows asks the CPU to start loading, for each r < rows, the n
// elements x[off+r*ld : off+r*ld+n] into the cache: a hint that changes no
// result. The GEMM driver issues it for the next block of a B that it reads
// from memory, spread over the kernel calls of the current block, so that
// the rows arrive while the kernel computes instead of when the packing
// asks for them. Out-of-range requests are ignored; without assembly it
// does nothing.
func PrefetchRows(x []float32, off, ld, rows, n int) {
	if rows <= 0 || n <= 0 || off < 0 || ld < 0 || off+(rows-1)*ld+n > len(x) {
		return
	}
	prefetchRows(x[off:], ld, rows, n)
}
