//go:build !(gc && !purego && (amd64 || arm64))

package simd

func splitSigns(on, off, x []float32) { splitSignsGeneric(on, off, x) }

func splitSignsGrad(dst, x, gon, goff []float32) { splitSignsGradGeneric(dst, x, gon, goff) }
