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
// tap's element left or right of the input reads as zero). Conv and
// DotLanes leave the rows to the caller, who gives an input with every row
// a tap reads (zero rows above and below where the convolution is
// padded); ConvPlane and DotPlane, for 3×3 kernels, take the rows outside
// a plane as zero themselves.
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
	// first and last element a row-0 output reads (relative to off), over
	// the taps that read any: the bounds of every call in two compares.
	first, last int
	reads       bool
	// first and last element of input row 0 that a tap reads, for the
	// whole-plane calls.
	colFirst, colLast int
	// grid is set when the taps form a 3×3 grid (see dwGrid3).
	grid *dwGrid3
	// stream: see Stream.
	stream bool
}

// Stream tells the kernels whether the outputs of Conv and ConvPlane go
// straight to memory (non-temporal stores, in the 3×3 kernel when the rows
// are whole aligned 16-column blocks and the CPU has AVX-512): for outputs
// much larger than the caches, which would otherwise read each line in
// only to overwrite it. It changes no result. Off by default.
func (p *DepthwisePlan) Stream(on bool) { p.stream = on }

// dwGrid3 describes taps that form a 3×3 grid in (a, b) order on one
// plane: tap (a, b) reads input row r + minRow + d[a] (d a permutation of
// 0, 1, 2 with d[a] = a or 2-a: kernel rows one input row apart, forwards
// or backwards) and column c + col[b]. The kernels for it load each input
// row once for the three kernel rows that read it.
type dwGrid3 struct {
	minRow, off int
	d           [3]int
	col         [3]int
}

// newGrid3 returns the grid of taps, or nil if they do not form one.
func newGrid3(taps []DepthwiseTap) *dwGrid3 {
	if len(taps) != 9 {
		return nil
	}
	g := &dwGrid3{off: taps[0].Off}
	rs := taps[3].Row - taps[0].Row
	if rs != 1 && rs != -1 {
		return nil
	}
	g.minRow = min(taps[0].Row, taps[6].Row)
	for a := 0; a < 3; a++ {
		g.d[a] = taps[3*a].Row - g.minRow
		for b := 0; b < 3; b++ {
			tp := taps[3*a+b]
			if tp.Off != g.off || tp.Row != taps[0].Row+a*rs || tp.Col != taps[b].Col {
				return nil
			}
			g.col[b] = tp.Col
		}
	}
	return g
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
		lo, hi := max(0, tp.Col), min(inCols, cols+tp.Col) // input columns read
		if lo >= hi {
			continue
		}
		first, last := tp.Off+tp.Row*ldx+lo, tp.Off+tp.Row*ldx+hi-1
		if !p.reads {
			p.first, p.last, p.colFirst, p.colLast = first, last, tp.Off+lo, tp.Off+hi-1
		}
		p.first, p.last = min(p.first, first), max(p.last, last)
		p.colFirst, p.colLast = min(p.colFirst, tp.Off+lo), max(p.colLast, tp.Off+hi-1)
		p.reads = true
	}
	p.grid = newGrid3(taps)
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

// Grid3 reports whether the taps form a 3×3 grid on one plane, kernel rows
// one input row apart (forwards or backwards) in (row, column) order: the
// plans that ConvPlane and DotPlane take.
func (p *DepthwisePlan) Grid3() bool { return p.grid != nil }

// FastPlanes reports whether ConvPlane and DotPlane run vector kernels for
// p: a 3×3 grid on a CPU with AVX-512. Elsewhere they run the generic
// twins, and Conv and DotLanes over the plane's rows, framed by zero rows
// where the kernel overhangs it, are much faster and give the same bits.
func (p *DepthwisePlan) FastPlanes() bool { return p.grid != nil && planeKernels() }

// checkPlane panics unless p is a 3×3 grid, the rows output rows fit y
// and every element of the inRows input rows that the taps read lies in x.
func (p *DepthwisePlan) checkPlane(op string, y []float32, rows int, x []float32, off, inRows int) {
	if p.grid == nil {
		panic(fmt.Sprintf("simd: %s: %d taps are not a 3×3 grid", op, len(p.taps)))
	}
	if rows < 0 || inRows < 0 || rows > 0 && len(y) < (rows-1)*p.ldy+p.cols {
		panic(fmt.Sprintf("simd: %s: %d rows of %d (%d apart) do not fit %d elements (%d input rows)", op, rows, p.cols, p.ldy, len(y), inRows))
	}
	if first, last := off+p.colFirst, off+(inRows-1)*p.ldx+p.colLast; p.reads && inRows > 0 && (first < 0 || last >= len(x)) {
		panic(fmt.Sprintf("simd: %s: %d input rows at %d read [%d, %d], outside the input's %d elements", op, inRows, off, first, last, len(x)))
	}
}

// ConvPlane is Conv over the rows of a whole plane that lies at x[off:]
// with inRows rows: a tap's row outside [0, inRows) reads as zero too, as
// if the plane were framed by zero rows (the fma still runs), so that a
// padded convolution needs no copy of its input. ahead is a hint, nil for
// none: memory that the next call will read, which the kernel asks the
// CPU to load into the caches as it goes (each plane is a page or so, and
// the hardware's prefetchers start over at every page). It takes only 3×3
// grids (Grid3) and panics on others, or if a row falls outside y or x.
func (p *DepthwisePlan) ConvPlane(y []float32, rows int, x []float32, off, inRows int, w []float32, bias float32, ahead []float32) {
	if len(w) < len(p.taps) {
		panic(fmt.Sprintf("simd: DepthwisePlan.ConvPlane: %d weights for %d taps", len(w), len(p.taps)))
	}
	p.checkPlane("DepthwisePlan.ConvPlane", y, rows, x, off, inRows)
	if rows == 0 {
		return
	}
	depthwiseConvPlane(p, y, rows, x, off, inRows, w, bias, ahead)
}

// DotPlane sets acc (16 lanes per tap) to the DotLanes of the rows output
// rows of g with the whole plane at x[off:] of inRows rows, over every
// block, rows outside the plane reading as zero as in ConvPlane: the
// chain of DotLanes calls, block by block, over a framed copy of the
// plane; ahead is a prefetch hint as in ConvPlane. It takes only 3×3
// grids (Grid3) and panics on others, if acc is short, or if a row falls
// outside g or x.
func (p *DepthwisePlan) DotPlane(acc []float32, g []float32, rows int, x []float32, off, inRows int, ahead []float32) {
	if len(acc) < Lanes*len(p.taps) {
		panic(fmt.Sprintf("simd: DepthwisePlan.DotPlane: %d lanes for %d taps", len(acc), len(p.taps)))
	}
	p.checkPlane("DepthwisePlan.DotPlane", g, rows, x, off, inRows)
	clear(acc[:Lanes*len(p.taps)])
	if rows == 0 {
		return
	}
	depthwiseDotPlane(p, acc, g, rows, x, off, inRows, ahead)
}

// check panics unless the rows output rows fit y (if y is not nil) and
// every input element they read lies in x.
func (p *DepthwisePlan) check(op string, y []float32, rows int, x []float32, off int) {
	if rows < 0 || y != nil && rows > 0 && len(y) < (rows-1)*p.ldy+p.cols {
		panic(fmt.Sprintf("simd: %s: %d rows of %d (%d apart) do not fit %d elements", op, rows, p.cols, p.ldy, len(y)))
	}
	if rows == 0 {
		return
	}
	if first, last := off+p.first, off+(rows-1)*p.ldx+p.last; p.reads && (first < 0 || last >= len(x)) {
		panic(fmt.Sprintf("simd: %s: taps of %d rows at %d read [%d, %d], outside the input's %d elements", op, rows, off, first, last, len(x)))
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

// Blocks returns the number of 16-column blocks of an output row.
func (p *DepthwisePlan) Blocks() int { return len(p.outMask) }

// DotLanes accumulates, for each tap t, the products of the rows output
// rows of g (Cols wide, ldy apart) with the inputs the tap reads into the
// 16 lanes acc[t*16:(t+1)*16], over the 16-column blocks b0..b1-1 of the
// rows: block after block, the rows of a block in order,
//
//	for b := b0; b < b1; b++ {
//		for r := 0; r < rows; r++ {
//			for l := 0; l < 16; l++ {
//				c := 16*b + l
//				acc[t*16+l] = fma(g[r*ldy+c], in(r, c, t), acc[t*16+l])
//			}
//		}
//	}
//
// with in as in Conv and g read as zero from column Cols on. Calls over
// consecutive rows of a block chain, and then over the blocks in order:
// FoldLanes of the lanes is then the canonical Dot of the two planes laid
// out block by block (the columns 16b..16b+15 of every row, zero past
// Cols, then those of block b+1). It panics if acc is shorter than 16
// lanes per tap, the blocks are not a range of the row's, or a row or tap
// falls outside g or x.
func (p *DepthwisePlan) DotLanes(acc []float32, g []float32, rows int, x []float32, off, b0, b1 int) {
	if len(acc) < Lanes*len(p.taps) || b0 < 0 || b1 > len(p.outMask) || b0 > b1 {
		panic(fmt.Sprintf("simd: DepthwisePlan.DotLanes: %d lanes for %d taps, blocks [%d, %d) of %d", len(acc), len(p.taps), b0, b1, len(p.outMask)))
	}
	if g == nil {
		g = []float32{}
	}
	p.check("DepthwisePlan.DotLanes", g, rows, x, off)
	if rows == 0 || b0 == b1 {
		return
	}
	depthwiseDot(p, acc, g, rows, x, off, b0, b1)
}

// FoldLanes sets out[t] to the canonical fold (the fixed pairwise tree of
// Sum and Dot) of the 16 lanes acc[t*16:(t+1)*16], for t < len(out).
func FoldLanes(out, acc []float32) {
	if len(acc) < Lanes*len(out) {
		panic(fmt.Sprintf("simd: FoldLanes: %d lanes for %d sums", len(acc), len(out)))
	}
	foldLanesN(out, acc)
}

// foldLanesGeneric is the reference of FoldLanes.
func foldLanesGeneric(out, acc []float32) {
	for t := range out {
		a := [Lanes]float32(acc[t*Lanes:])
		out[t] = foldLanes(&a)
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

// inPlane is in for the whole-plane calls: zero for rows outside the plane.
func (p *DepthwisePlan) inPlane(x []float32, off, inRows, r, c, t int) float32 {
	if row := r + p.taps[t].Row; row < 0 || row >= inRows {
		return 0
	}
	return p.in(x, off, r, c, t)
}

// depthwiseConvPlaneGeneric is the reference of ConvPlane.
func depthwiseConvPlaneGeneric(p *DepthwisePlan, y []float32, rows int, x []float32, off, inRows int, w []float32, bias float32) {
	for r := 0; r < rows; r++ {
		for c := 0; c < p.cols; c++ {
			acc := bias
			for t := range p.taps {
				acc = FMA32(w[t], p.inPlane(x, off, inRows, r, c, t), acc)
			}
			y[r*p.ldy+c] = acc
		}
	}
}

// depthwiseDotPlaneGeneric is the reference of DotPlane.
func depthwiseDotPlaneGeneric(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off, inRows int) {
	for t := range p.taps {
		a := acc[t*Lanes : (t+1)*Lanes]
		for b := range p.outMask {
			for r := 0; r < rows; r++ {
				for l := 0; l < Lanes; l++ {
					var v float32
					if c := b*Lanes + l; c < p.cols {
						v = g[r*p.ldy+c]
					}
					a[l] = FMA32(v, p.inPlane(x, off, inRows, r, b*Lanes+l, t), a[l])
				}
			}
		}
	}
}

// depthwiseConvGeneric is Conv in Go: the fma loop of its doc, run tap
// by tap over an output row (the row is the accumulator, so every output
// sees its taps in order), the columns whose tap falls inside the input
// as one contiguous run.
func depthwiseConvGeneric(p *DepthwisePlan, y []float32, rows int, x []float32, off int, w []float32, bias float32) {
	p.convColumns(y, rows, x, off, w, bias, 0, p.cols)
}

// convColumns is depthwiseConvGeneric for the output columns [c0, c1).
func (p *DepthwisePlan) convColumns(y []float32, rows int, x []float32, off int, w []float32, bias float32, c0, c1 int) {
	if c0 >= c1 {
		return
	}
	for r := 0; r < rows; r++ {
		yr := y[r*p.ldy : r*p.ldy+c1]
		for c := c0; c < c1; c++ {
			yr[c] = bias
		}
		for t := range p.taps {
			lo, hi := p.inColumns(t)
			lo, hi = min(c1, max(c0, lo)), min(c1, max(c0, hi))
			hi = max(lo, hi)
			base := off + p.offs[t] + r*p.ldx
			for c := c0; c < lo; c++ {
				yr[c] = FMA32(w[t], 0, yr[c])
			}
			if hi > lo { // a tap outside every column reads nothing
				fmaRow(w[t], x[base+lo:base+hi], yr[lo:hi])
			}
			for c := hi; c < c1; c++ {
				yr[c] = FMA32(w[t], 0, yr[c])
			}
		}
	}
}

// depthwiseDotGeneric is DotLanes in Go: the columns up to a multiple of
// 16 as the vector kernels run them, with zeros past Cols, and the lanes
// whose input and gradient are both inside as one contiguous run.
func depthwiseDotGeneric(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off, b0, b1 int) {
	for t := range p.taps {
		for b := b0; b < b1; b++ {
			p.dotLanes(acc[t*Lanes:(t+1)*Lanes], g, rows, x, off, t, b, 0, Lanes)
		}
	}
}

// dotLanes is DotLanes for tap t (its 16 lanes in a), block b, lanes
// [l0, l1): each lane is its own chain over the rows, so the lanes may be
// split between kernels.
func (p *DepthwisePlan) dotLanes(a, g []float32, rows int, x []float32, off, t, b, l0, l1 int) {
	lo, hi := p.inColumns(t)
	c0 := b * Lanes
	r0, r1 := min(l1, max(l0, lo-c0)), min(l1, max(l0, hi-c0)) // the run
	r1 = max(r0, r1)
	for r := 0; r < rows; r++ {
		gr := g[r*p.ldy:]
		base := off + p.offs[t] + r*p.ldx + c0
		for l := l0; l < r0; l++ {
			a[l] = FMA32(p.gradAt(gr, c0+l), 0, a[l])
		}
		if r1 > r0 {
			fmaPairs(gr[c0+r0:c0+r1], x[base+r0:base+r1], a[r0:r1])
		}
		for l := r1; l < l1; l++ {
			a[l] = FMA32(p.gradAt(gr, c0+l), 0, a[l])
		}
	}
}

// inColumns returns the output columns [lo, hi) whose tap t reads inside
// the input (0 <= c+Col < InCols, c < Cols): the set bits of its masks.
func (p *DepthwisePlan) inColumns(t int) (lo, hi int) {
	col := p.taps[t].Col
	lo, hi = max(0, -col), min(p.cols, p.inCols-col)
	if lo >= hi {
		return 0, 0
	}
	return lo, hi
}

// gradAt returns the gradient row gr's column c, zero from Cols on.
func (p *DepthwisePlan) gradAt(gr []float32, c int) float32 {
	if c >= p.cols {
		return 0
	}
	return gr[c]
}
