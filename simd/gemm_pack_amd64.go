//go:build gc && !purego

package simd

import "math"

// gemmPackTAVX512 writes kc lines of d, line p at d+p*wbytes: lane i of
// the line is src[i*ld+p] where bit i of gmask is set and 0 elsewhere,
// and lanes whose bit of smask is set are stored (the line's w lanes):
//
//	for p := 0; p < kc; p++ {
//		for i := 0; i < 32; i++ {
//			if smask&(1<<i) != 0 {
//				v := float32(0)
//				if gmask&(1<<i) != 0 {
//					v = src[i*ld+p]
//				}
//				d[p*w+i] = v
//			}
//		}
//	}
//
// The row offsets i*ld are gathered as int32, so (cnt-1)*ld must fit one.
//
//go:noescape
func gemmPackTAVX512(d, src *float32, ld, kc, wbytes int, gmask, smask uint32)

// gemmPackRowsAVX512 copies kc rows of full panels of w lanes (wmask) and
// a last panel of rmask lanes (0: none), zero-filled to w lanes:
//
//	for p := 0; p < kc; p++ {
//		for q := 0; q < full; q++ {
//			copy w lanes of src[p*ld+q*w:] to d[q*panel+p*w:]
//		}
//		if rmask != 0 {
//			copy the rmask lanes of src[p*ld+full*w:] to
//			d[full*panel+p*w:], zeros to its other wmask lanes
//		}
//	}
//
// with panel, ld and w in floats and panelBytes, ldBytes, wbytes in bytes.
//
//go:noescape
func gemmPackRowsAVX512(d, src *float32, ldBytes, kc, full, panelBytes, wbytes int, wmask, rmask uint32)

// gemmPackT14AVX512 and gemmPackT16AVX512 (gemm_packt_amd64.s, written
// by _asm/packgen.go) pack R = 14 or 16 rows by transposing 16x16 blocks
// in registers: line p (at d+p*wbytes) gets src[i*ld+p] in lane i < R,
// zero in lanes R..15, and only the lanes of smask (a subset of 0..15)
// are stored. They are the full panels of the AVX-512 kernel (14 rows of
// A, or 32 columns of a transposed B as two halves of 16).
//
//go:noescape
func gemmPackT14AVX512(d, src *float32, ld, kc, wbytes int, smask uint32)

//go:noescape
func gemmPackT16AVX512(d, src *float32, ld, kc, wbytes int, smask uint32)

func gemmPackT(d []float32, w int, src []float32, off, ld, cnt, kc int) {
	switch {
	case !hasAVX512 || cnt == 0:
		gemmPackTGeneric(d, w, src, off, ld, cnt, kc)
	case cnt == 14 && w <= 16:
		gemmPackT14AVX512(&d[0], &src[off], ld, kc, 4*w, uint32(1)<<w-1)
	case cnt == 16 && w == 16:
		gemmPackT16AVX512(&d[0], &src[off], ld, kc, 4*w, 0xffff)
	case cnt == 32:
		gemmPackT16AVX512(&d[0], &src[off], ld, kc, 4*w, 0xffff)
		gemmPackT16AVX512(&d[16], &src[off+16*ld], ld, kc, 4*w, 0xffff)
	case (cnt-1)*ld <= math.MaxInt32:
		// edge panels: a gather per line
		gemmPackTAVX512(&d[0], &src[off], ld, kc, 4*w, uint32(uint64(1)<<cnt-1), uint32(uint64(1)<<w-1))
	default:
		gemmPackTGeneric(d, w, src, off, ld, cnt, kc)
	}
}

// gemmPackRowsAVX2 is gemmPackRowsAVX512 for w = 8*nv (nv 1 to 4), with
// rmask the VMASKMOVPS masks of the last run's lanes (nil: no partial
// run).
//
//go:noescape
func gemmPackRowsAVX2(d, src *float32, ldBytes, kc, full, panelBytes, nv int, rmask *int32)

func gemmPackRows(d []float32, w int, src []float32, off, ld, cols, kc int) {
	full, rest := cols/w, cols%w
	switch {
	case hasAVX2 && w%8 == 0:
		// Also on AVX-512 CPUs: whole-vector stores beat the masked ones
		// there (at w = 16 by 1.6x, at 32 they tie).
		var mask *int32
		if rest > 0 {
			var m [32]int32
			for l := range rest {
				m[l] = -1
			}
			mask = &m[0]
		}
		gemmPackRowsAVX2(&d[0], &src[off], 4*ld, kc, full, 4*kc*w, w/8, mask)
	case hasAVX512:
		gemmPackRowsAVX512(&d[0], &src[off], 4*ld, kc, full, 4*kc*w, 4*w, uint32(uint64(1)<<w-1), uint32(uint64(1)<<rest-1))
	default:
		gemmPackRowsGeneric(d, w, src, off, ld, cols, kc)
	}
}
