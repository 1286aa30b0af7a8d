//go:build gc && !purego

package simd

import "unsafe"

// copyRunsAVX512 copies, with two masked vector moves per line (mask bit j
// of the 32-bit mask keeps element j):
//
//	for p := 0; p < lines; p++ {
//		for j := 0; j < 32; j++ {
//			if mask&(1<<j) != 0 {
//				dst[p*stride+j] = src[offs[p]+j]
//			}
//		}
//	}
//
// Masked-out lanes are neither read nor written.
//
//go:noescape
func copyRunsAVX512(dst *float32, stride int, src *float32, offs *int, lines int, mask uint32)

func copyRuns(dst []float32, stride int, src []float32, offs []int, add, n int) {
	if !hasAVX512 {
		copyRunsGeneric(dst, stride, src, offs, add, n)
		return
	}
	// src shifted by add: every address the kernel forms, offs[p]+add+j
	// for j < n, lies inside src (CopyRuns checked it).
	base := unsafe.Add(unsafe.Pointer(unsafe.SliceData(src)), 4*add)
	copyRunsAVX512(&dst[0], stride, (*float32)(base), &offs[0], len(offs), uint32(uint64(1)<<n-1))
}
