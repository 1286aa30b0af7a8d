//go:build !(gc && !purego && (amd64 || arm64))

package simd

func reluGradTo(dst, x, g []float32) { reluGradToGeneric(dst, x, g) }
