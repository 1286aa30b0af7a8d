//go:build !(gc && !purego && (amd64 || arm64))

package simd

func mulSignAddTo(dst, b, x []float32) { mulSignAddToGeneric(dst, b, x) }
