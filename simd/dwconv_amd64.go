//go:build gc && !purego

package simd

import "unsafe"

// depthwiseConvAVX512 computes DepthwisePlan.Conv from the base x of the
// input slice and off, with offs, tapMask and outMask the plan's tables
// (tapMask rows of ntaps masks, one per 16-column block): the columns 16
// at a time, rows four at a time (four independent accumulators), each
// tap's input a zero-masked load,
//
//	for b := 0; b < nb; b++ {
//		for r := 0; r < rows; r++ {
//			acc := bias (16 lanes)
//			for t := 0; t < ntaps; t++ {
//				acc = fma(w[t], load(x[off+offs[t]+r*ldx+16*b:], tapMask[b*ntaps+t]), acc)
//			}
//			store(y[r*ldy+16*b:], acc, outMask[b])
//		}
//	}
//
//go:noescape
func depthwiseConvAVX512(y, x *float32, off int, w *float32, offs *int, tapMask, outMask *uint16, rows, nb, ldy, ldx, ntaps int, bias float32)

// depthwiseDotAVX512 runs DepthwisePlan.DotLanes for ntaps <= 16 taps
// (offs and tapMask start at the first; the rows of tapMask are mstride
// apart) on the 16 lanes per tap in acc, each tap's lanes one register:
//
//	for r := 0; r < rows; r++ {
//		for b := 0; b < nb; b++ {
//			gv := load(gy[r*ldg+16*b:], outMask[b])
//			for t := 0; t < ntaps; t++ {
//				acc[t] = fma(gv, load(x[off+offs[t]+r*ldx+16*b:], tapMask[b*mstride+t]), acc[t])
//			}
//		}
//	}
//
//go:noescape
func depthwiseDotAVX512(acc *[16 * Lanes]float32, gy, x *float32, off int, offs *int, tapMask, outMask *uint16, rows, nb, ldg, ldx, ntaps, mstride int)

func depthwiseConv(p *DepthwisePlan, y []float32, rows int, x []float32, off int, w []float32, bias float32) {
	if !hasAVX512 {
		depthwiseConvGeneric(p, y, rows, x, off, w, bias)
		return
	}
	depthwiseConvAVX512(&y[0], unsafe.SliceData(x), off, &w[0], &p.offs[0], &p.tapMask[0], &p.outMask[0], rows, len(p.outMask), p.ldy, p.ldx, len(p.taps), bias)
}

func depthwiseDot(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off int) {
	if !hasAVX512 {
		depthwiseDotGeneric(p, acc, g, rows, x, off)
		return
	}
	nt := len(p.taps)
	var lanes [16 * Lanes]float32
	for t0 := 0; t0 < nt; t0 += 16 {
		k := min(16, nt-t0)
		copy(lanes[:], acc[t0*Lanes:(t0+k)*Lanes])
		depthwiseDotAVX512(&lanes, &g[0], unsafe.SliceData(x), off, &p.offs[t0], &p.tapMask[t0], &p.outMask[0], rows, len(p.outMask), p.ldy, p.ldx, k, nt)
		copy(acc[t0*Lanes:(t0+k)*Lanes], lanes[:])
	}
}
