//go:build !(gc && !purego && amd64)

package simd

func copyRuns(dst []float32, stride int, src []float32, offs []int, add, n int) int {
	return copyRunsGeneric(dst, stride, src, offs, add, n)
}
