//go:build gc && !purego

package simd

// prefetchRowsSSE issues one PREFETCHT0 per 64-byte line of each of rows
// rows of n floats at stride ld floats from x (a hint: it reads and writes
// nothing).
//
//go:noescape
func prefetchRowsSSE(x *float32, ld, rows, n int)

func prefetchRows(x []float32, ld, rows, n int) { prefetchRowsSSE(&x[0], ld, rows, n) }

// prefetchRowsT1 is prefetchRowsSSE with PREFETCHT1 (into L2).
//
//go:noescape
func prefetchRowsT1(x *float32, ld, rows, n int)

func prefetchRowsL2(x []float32, ld, rows, n int) { prefetchRowsT1(&x[0], ld, rows, n) }
