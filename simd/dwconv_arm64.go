//go:build gc && !purego

package simd

import "unsafe"

// depthwiseConvNEON computes Conv's outputs at columns [c0, c0+cols) of
// rows rows, cols a multiple of 4, where every tap reads inside the input:
// y points at column c0 of output row 0, and off is c0 plus Conv's offset,
//
//	for r := 0; r < rows; r++ {
//		for c := 0; c < cols; c++ {
//			acc := bias
//			for t := 0; t < ntaps; t++ {
//				acc = fma(w[t], x[off+offs[t]+r*ldx+c], acc)
//			}
//			y[r*ldy+c] = acc
//		}
//	}
//
//go:noescape
func depthwiseConvNEON(y, x *float32, off int, offs *int, w *float32, ntaps, cols, rows, ldy, ldx int, bias float32)

// depthwiseDotNEON runs acc[j] = fma(gy[r*ldg+j], x[r*ldx+j], acc[j]) for
// r < rows in order and j < n, n one of 4, 8, 12 and 16.
//
//go:noescape
func depthwiseDotNEON(acc *float32, n int, gy *float32, ldg int, x *float32, ldx int, rows int)

func planeKernels() bool { return false }

// depthwiseConv runs the columns where every tap reads inside the input,
// in groups of four, through the NEON kernel and the others through the
// generic twin: each output is its own chain of taps, so the columns may
// be split between them.
func depthwiseConv(p *DepthwisePlan, y []float32, rows int, x []float32, off int, w []float32, bias float32) {
	lo, hi := p.interior()
	hi = lo + (hi-lo)/4*4
	if !hasNEON || hi == lo {
		depthwiseConvGeneric(p, y, rows, x, off, w, bias)
		return
	}
	depthwiseConvNEON(&y[lo], unsafe.SliceData(x), off+lo, &p.offs[0], &w[0], len(p.taps), hi-lo, rows, p.ldy, p.ldx, bias)
	p.convColumns(y, rows, x, off, w, bias, 0, lo)
	p.convColumns(y, rows, x, off, w, bias, hi, p.cols)
}

// depthwiseDot runs, per tap and block, the lanes of whole groups of four
// whose columns the tap reads inside the input through the NEON kernel and
// the others through the generic twin: each lane is its own chain.
func depthwiseDot(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off, b0, b1 int) {
	if !hasNEON {
		depthwiseDotGeneric(p, acc, g, rows, x, off, b0, b1)
		return
	}
	for t := range p.taps {
		a := acc[t*Lanes : (t+1)*Lanes]
		lo, hi := p.inColumns(t)
		for b := b0; b < b1; b++ {
			c0 := b * Lanes
			v0 := min(Lanes, (max(0, lo-c0)+3)/4*4)
			v1 := max(v0, min(Lanes, hi-c0)/4*4)
			if v1 > v0 { // row 0's first input element of these lanes is read
				depthwiseDotNEON(&a[v0], v1-v0, &g[c0+v0], p.ldy, &x[off+p.offs[t]+c0+v0], p.ldx, rows)
			}
			p.dotLanes(a, g, rows, x, off, t, b, 0, v0)
			p.dotLanes(a, g, rows, x, off, t, b, v1, Lanes)
		}
	}
}

func depthwiseConvPlane(p *DepthwisePlan, y []float32, rows int, x []float32, off, inRows int, w []float32, bias float32, _ []float32) {
	depthwiseConvPlaneGeneric(p, y, rows, x, off, inRows, w, bias)
}

func depthwiseDotPlane(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off, inRows int, _ []float32) {
	depthwiseDotPlaneGeneric(p, acc, g, rows, x, off, inRows)
}

func foldLanesN(out, acc []float32) { foldLanesGeneric(out, acc) }

// interior returns the output columns [lo, hi) where every tap reads
// inside the input (empty if there are none).
func (p *DepthwisePlan) interior() (lo, hi int) {
	lo, hi = 0, p.cols
	for t := range p.taps {
		l, h := p.inColumns(t)
		lo, hi = max(lo, l), min(hi, h)
	}
	return lo, max(lo, hi)
}
