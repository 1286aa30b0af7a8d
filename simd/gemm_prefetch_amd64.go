//go:build gc && !purego

package simd

// prefetchRowsT1 issues one PREFETCHT1 (into L2) per 64-byte line of each
// of rows rows of n floats at stride ld floats from x (a hint: it reads
// and writes nothing).
//
//go:noescape
func prefetchRowsT1(x *float32, ld, rows, n int)

func prefetchRows(x []float32, ld, rows, n int) { prefetchRowsT1(&x[0], ld, rows, n) }
