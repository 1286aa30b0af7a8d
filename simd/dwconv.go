package simd

import "fmt"

// DepthwiseTap is one tap of a stride-1 depthwise convolution computed
// row by row (see DepthwisePlan): output (r, c) reads the input element
// x[off + Off + (r+Row)*ldx + c+Col], or zero where the column c+Col
// falls outside the input's columns.
type DepthwiseTap struct{ Row, Col, Off int }

// DepthwisePlan is the geometry of the planes of a stride-1 depthwise
// convolution, worked out once for the whole batch: output rows of Cols
// elements (LdY apart), each a sum over the taps of input elements on
// rows LdX apart, InCols of them valid. The columns are handled here (a
// tap's element left or right of the input reads as zero); rows are not:
// the caller gives an input with every row a tap reads (zero rows above
// and below where the convolution is padded).
//
// The kernels take the outputs 16 columns at a time (an AVX-512 vector
// under a lane mask), so that an input plane is read where it lies, with
// no padded copy.
type DepthwisePlan struct {
	cols, ldy, inCols, ldx int
	taps                   []DepthwiseTap
	offs                   []int    // per tap: Off + Row*ldx + Col
	tapMask                []uint16 // [block][tap]: columns c < cols whose tap column is valid
	outMask                []uint16 // [block]: columns c < cols
}

// NewDepthwisePlan returns the plan of outputs Cols wide (rows ldy apart)
// over inputs inCols wide (rows ldx apart) with the given taps. It panics
// if a size is not positive or the rows overlap.
func NewDepthwisePlan(cols, ldy, inCols, ldx int, taps []DepthwiseTap) *DepthwisePlan {
	if cols < 1 || ldy < cols || inCols < 1 || ldx < inCols || len(taps) == 0 {
		panic(fmt.Sprintf("simd: NewDepthwisePlan: %d columns (rows %d apart) from %d (rows %d apart), %d taps", cols, ldy, inCols, ldx, len(taps)))
	}
	nb := (cols + 15) / 16
	p := &DepthwisePlan{cols: cols, ldy: ldy, inCols: inCols, ldx: ldx,
		taps: append([]DepthwiseTap(nil), taps...), offs: make([]int, len(taps)),
		tapMask: make([]uint16, nb*len(taps)), outMask: make([]uint16, nb)}
	for t, tp := range taps {
		p.offs[t] = tp.Off + tp.Row*ldx + tp.Col
	}
	for b := 0; b < nb; b++ {
		for l := 0; l < 16; l++ {
			c := b*16 + l
			if c >= cols {
				break
			}
			p.outMask[b] |= 1 << l
			for t, tp := range taps {
				if ic := c + tp.Col; ic >= 0 && ic < inCols {
					p.tapMask[b*len(taps)+t] |= 1 << l
				}
			}
		}
	}
	return p
}

// Taps returns the number of taps.
func (p *DepthwisePlan) Taps() int { return len(p.taps) }

// check panics unless the rows output rows fit y (if y is not nil) and
// every input element they read lies in x.
func (p *DepthwisePlan) check(op string, y []float32, rows int, x []float32, off int) {
	if rows < 0 || y != nil && rows > 0 && len(y) < (rows-1)*p.ldy+p.cols {
		panic(fmt.Sprintf("simd: %s: %d rows of %d (%d apart) do not fit %d elements", op, rows, p.cols, p.ldy, len(y)))
	}
	if rows == 0 {
		return
	}
	for t, tp := range p.taps {
		lo, hi := max(0, tp.Col), min(p.inCols, p.cols+tp.Col) // input columns read
		if lo >= hi {
			continue
		}
		first := off + tp.Off + tp.Row*p.ldx + lo
		last := off + tp.Off + (rows-1+tp.Row)*p.ldx + hi - 1
		if first < 0 || last >= len(x) {
			panic(fmt.Sprintf("simd: %s: tap %d %+v of %d rows at %d reads [%d, %d], outside the input's %d elements", op, t, tp, rows, off, first, last, len(x)))
		}
	}
}

// Conv computes rows output rows into y: for r < rows and c < Cols,
//
//	acc := bias
//	for t := range taps {
//		acc = fma(w[t], in(r, c, t), acc)
//	}
//	y[r*ldy+c] = acc
//
// where in(r, c, t) is x[off + Off + (r+Row)*ldx + c+Col] for tap t, or 0
// where c+Col is outside [0, InCols) (the fma still runs: a padded tap
// adds w*0). It panics if w is shorter than the taps or a row or tap
// falls outside y or x.
func (p *DepthwisePlan) Conv(y []float32, rows int, x []float32, off int, w []float32, bias float32) {
	if len(w) < len(p.taps) {
		panic(fmt.Sprintf("simd: DepthwisePlan.Conv: %d weights for %d taps", len(w), len(p.taps)))
	}
	p.check("DepthwisePlan.Conv", y, rows, x, off)
	if rows == 0 {
		return
	}
	depthwiseConv(p, y, rows, x, off, w, bias)
}

// DotLanes accumulates, for each tap t, the products of the rows output
// rows of g (Cols wide, ldy apart) with the inputs the tap reads into the
// 16 lanes acc[t*16:(t+1)*16] in the canonical dot order: lane c%16 of
// each row, rows in order, the columns of a row in order,
//
//	acc[t*16+c%16] = fma(g[r*ldy+c], in(r, c, t), acc[t*16+c%16])
//
// (in as in Conv; the columns from Cols up to the next multiple of 16 add
// fma(0, 0, acc)). Calls over consecutive rows chain: FoldLanes of the
// lanes is then the canonical Dot of the two planes with each row padded
// with zeros to a multiple of 16 columns. It panics if acc is shorter than
// 16 lanes per tap or a row or tap falls outside g or x.
func (p *DepthwisePlan) DotLanes(acc []float32, g []float32, rows int, x []float32, off int) {
	if len(acc) < Lanes*len(p.taps) {
		panic(fmt.Sprintf("simd: DepthwisePlan.DotLanes: %d lanes for %d taps", len(acc), len(p.taps)))
	}
	if g == nil {
		g = []float32{}
	}
	p.check("DepthwisePlan.DotLanes", g, rows, x, off)
	if rows == 0 {
		return
	}
	depthwiseDot(p, acc, g, rows, x, off)
}

// FoldLanes sets out[t] to the canonical fold (the fixed pairwise tree of
// Sum and Dot) of the 16 lanes acc[t*16:(t+1)*16], for t < len(out).
func FoldLanes(out, acc []float32) {
	if len(acc) < Lanes*len(out) {
		panic(fmt.Sprintf("simd: FoldLanes: %d lanes for %d sums", len(acc), len(out)))
	}
	for t := range out {
		out[t] = foldLanes((*[Lanes]float32)(acc[t*Lanes:]))
	}
}

// in returns the input element tap t reads for output (r, c) in the
// generic kernels.
func (p *DepthwisePlan) in(x []float32, off, r, c, t int) float32 {
	tp := p.taps[t]
	if ic := c + tp.Col; c >= p.cols || ic < 0 || ic >= p.inCols {
		return 0
	}
	return x[off+p.offs[t]+r*p.ldx+c]
}

// depthwiseConvGeneric is the reference of Conv.
func depthwiseConvGeneric(p *DepthwisePlan, y []float32, rows int, x []float32, off int, w []float32, bias float32) {
	for r := 0; r < rows; r++ {
		for c := 0; c < p.cols; c++ {
			acc := bias
			for t := range p.taps {
				acc = FMA32(w[t], p.in(x, off, r, c, t), acc)
			}
			y[r*p.ldy+c] = acc
		}
	}
}

// depthwiseDotGeneric is the reference of DotLanes: it runs the columns
// up to a multiple of 16 as the vector kernel does, with zeros past Cols.
func depthwiseDotGeneric(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off int) {
	cols16 := (p.cols + 15) &^ 15
	for t := range p.taps {
		a := acc[t*Lanes : (t+1)*Lanes]
		for r := 0; r < rows; r++ {
			for c := 0; c < cols16; c++ {
				var v float32
				if c < p.cols {
					v = g[r*p.ldy+c]
				}
				a[c%Lanes] = FMA32(v, p.in(x, off, r, c, t), a[c%Lanes])
			}
		}
	}
}
