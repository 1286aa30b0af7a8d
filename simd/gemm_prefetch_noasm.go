//go:build !(gc && !purego && amd64)

package simd

func prefetchRows(x []float32, ld, rows, n int) {}

func prefetchRowsL2(x []float32, ld, rows, n int) {}
