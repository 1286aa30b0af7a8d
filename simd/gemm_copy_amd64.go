//go:build gc && !purego

package simd

import "unsafe"

// copyRunsAVX512 copies, with masked vector moves (mask bit j of the
// 32-bit mask keeps element j), the lines whose run lies inside src, and
// returns at the first that does not, giving the number of lines copied:
//
//	for p := 0; p < lines; p++ {
//		o := offs[p] + add
//		if uint(o) > uint(limit) { // o < 0 or o > len(src)-n
//			return p
//		}
//		for j := 0; j < 32; j++ {
//			if mask&(1<<j) != 0 {
//				dst[p*stride+j] = src[o+j]
//			}
//		}
//	}
//	return lines
//
// Masked-out lanes are neither read nor written.
//
//go:noescape
func copyRunsAVX512(dst *float32, stride int, src *float32, offs *int, lines, add, limit int, mask uint32) int

func copyRuns(dst []float32, stride int, src []float32, offs []int, add, n int) int {
	if !hasAVX512 || len(src) < n {
		return copyRunsGeneric(dst, stride, src, offs, add, n)
	}
	return copyRunsAVX512(&dst[0], stride, (*float32)(unsafe.Pointer(unsafe.SliceData(src))), &offs[0], len(offs),
		add, len(src)-n, uint32(uint64(1)<<n-1))
}
