package ops

import (
	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
)

// Direct kernels for depthwise convolutions (each group one input channel,
// Cout = multiplier × Cin) with stride 1: memory-bound, and far too thin
// for the GEMM (a 1×9 product per group). Each pass reads the planes where
// they lie and writes its output plane in place, 16 columns at a time
// under lane masks (simd.DepthwisePlan): a tap's column left or right of
// the input reads as zero. The 3×3 kernels (the common case) also take the
// rows above and below the input as zero and run a whole plane in one
// call, loading each input row once for the three kernel rows that read
// it; for other kernels the few output rows whose taps reach above or
// below the input read a small copy of the input rows they need, framed by
// zero rows (dwPass). Outputs of several MiB are stored past the caches.
//
// Orders: the forward pass accumulates fma over the taps in (kh, kw) order
// from the bias, padding included (a padded tap adds fma(w, 0, acc)):
// exactly the order of the GEMM path, so the bits are the same as the
// general convolution's. The input gradient accumulates, from zero,
// fma(w[co,kh,kw], gy[co,...], acc) for kh, kw in order and, inside, the
// multiplier's channels co in order, skipping the taps that fall off gy
// (for finite weights the kernels' fma(w, 0, acc) there is the same: acc
// starts at +0 and is never -0). The weight gradient of tap (kh, kw) is,
// per sample, the canonical simd.Dot of gy's plane and of the plane of
// inputs the tap reads (zero where it reads padding), each laid out in
// blocks of 16 columns: columns 0-15 of every row in order (zero past Wo),
// then columns 16-31 of every row, and so on (lane l of the dot takes the
// columns ow ≡ l (mod 16); one block's lanes stay in registers over a
// whole plane). The samples of a chunk of convSamplesPerChunk are added in
// order and the chunks by blas.SumTree, as in the general path. Nothing
// depends on the number of threads.

// convNoDirect sends every convolution down the GEMM path (for tests).
var convNoDirect bool

// direct reports whether the convolution takes the depthwise kernels.
func (g *convGeom) direct() bool {
	return !convNoDirect && g.groups > 1 && g.cinG == 1 && g.sh == 1 && g.sw == 1
}

// dwPass is one plane-to-plane pass of a depthwise convolution: output
// planes of rows rows over input planes of inRows rows, ldx apart (planes
// input planes of inPlane elements per output plane), the taps reading
// input row r+Row for output row r. A 3×3 kernel runs on whole planes
// where simd has kernels for them (ConvPlane and DotPlane). Otherwise the
// output rows lo..hi-1 read only rows inside the input and run on it
// directly; the others (the padded rows at the top and bottom, or all rows
// of an image smaller than the kernel) run on a copy of the input rows
// they read, framed by zeros, in a scratch buffer of scratchLen elements.
type dwPass struct {
	rows, ldy           int
	inRows, ldx         int
	planes, inPlane     int
	minRow, maxRow      int
	lo, hi              int
	direct, edge        *simd.DepthwisePlan
	edgeRows, edgePlane int // scratch: rows per plane, plane size
}

// newDWPass returns the pass writing rows×cols output planes from
// inRows×inCols input planes; taps lists the tap rows and columns, each
// taken planes times (for the plane q at q*inRows*inCols).
func newDWPass(rows, cols, inRows, inCols, planes int, tapRC [][2]int) *dwPass {
	p := &dwPass{rows: rows, ldy: cols, inRows: inRows, ldx: inCols, planes: planes, inPlane: inRows * inCols,
		minRow: tapRC[0][0], maxRow: tapRC[0][0]}
	for _, rc := range tapRC {
		p.minRow, p.maxRow = min(p.minRow, rc[0]), max(p.maxRow, rc[0])
	}
	p.lo = min(rows, max(0, -p.minRow))
	p.hi = max(p.lo, min(rows, inRows-p.maxRow))
	if p.lo == p.hi { // no interior: one scratch range for everything
		p.lo, p.hi = rows, rows
	}
	edge := max(p.lo, rows-p.hi, min(dwStrip, rows))
	p.edgeRows = edge + p.maxRow - p.minRow
	p.edgePlane = p.edgeRows * inCols
	var direct, scratch []simd.DepthwiseTap
	for _, rc := range tapRC {
		for q := 0; q < planes; q++ {
			direct = append(direct, simd.DepthwiseTap{Row: rc[0], Col: rc[1], Off: q * p.inPlane})
			scratch = append(scratch, simd.DepthwiseTap{Row: rc[0], Col: rc[1], Off: q * p.edgePlane})
		}
	}
	p.direct = simd.NewDepthwisePlan(cols, cols, inCols, inCols, direct)
	p.edge = simd.NewDepthwisePlan(cols, cols, inCols, inCols, scratch)
	return p
}

// dwStreamBytes is the size of output above which a pass stores it past
// the caches (simd.DepthwisePlan.Stream): several times a core's L2, so
// that the output could not stay in cache for the next op anyway. (A
// variable for tests.)
var dwStreamBytes = 4 << 20

// stream sets the pass to stream its outputs if they are planes output
// planes of at least dwStreamBytes in all.
func (p *dwPass) stream(planes int) *dwPass {
	on := 4*planes*p.rows*p.ldy >= dwStreamBytes
	p.direct.Stream(on)
	p.edge.Stream(on)
	return p
}

// scratchLen is the length of the scratch buffer of one worker: the
// framed rows of the top and of the bottom.
func (p *dwPass) scratchLen() int { return 2 * p.planes * p.edgePlane }

// dwRange is a range of output rows r0..r1-1 and the input its plan reads
// (the planes' first element at off).
type dwRange struct {
	r0, r1 int
	plan   *simd.DepthwisePlan
	in     []float32
	off    int
}

// dwStrip is the number of output rows the simd kernels take at a time
// (of a 3×3 kernel's convolution).
const dwStrip = 4

// ranges returns the row ranges of a plane in order, with x framed in
// scratch for the padded rows at the top and bottom. If overlap, the
// framed ranges extend to dwStrip rows where the plane has them, into rows
// that the interior computes again, so that the kernels run whole strips.
func (p *dwPass) ranges(x, scratch []float32, overlap bool) (rs [3]dwRange, n int) {
	top, bottom := p.lo, p.hi
	if overlap && p.lo > 0 {
		top = max(top, min(dwStrip, p.rows))
	}
	if overlap && p.hi < p.rows {
		bottom = min(bottom, max(0, p.rows-dwStrip))
	}
	if p.lo > 0 {
		rs[n] = dwRange{0, top, p.edge, p.frame(scratch, x, 0, top), -p.minRow * p.ldx}
		n++
	}
	if p.hi > p.lo {
		rs[n] = dwRange{p.lo, p.hi, p.direct, x, p.lo * p.ldx}
		n++
	}
	if p.hi < p.rows {
		rs[n] = dwRange{bottom, p.rows, p.edge, p.frame(scratch[p.planes*p.edgePlane:], x, bottom, p.rows), -p.minRow * p.ldx}
		n++
	}
	return rs, n
}

// frame copies into scratch, for each plane, the input rows that output
// rows r0..r1-1 read, zeros for those outside the input.
func (p *dwPass) frame(scratch, x []float32, r0, r1 int) []float32 {
	n := r1 - r0 + p.maxRow - p.minRow
	for q := 0; q < p.planes; q++ {
		dst := scratch[q*p.edgePlane:][:n*p.ldx]
		src := x[q*p.inPlane:][:p.inPlane]
		first := r0 + p.minRow // input row of dst's row 0
		a, b := min(n, max(0, -first)), max(0, min(n, p.inRows-first))
		clear(dst[:a*p.ldx])
		if b > a {
			copy(dst[a*p.ldx:b*p.ldx], src[(first+a)*p.ldx:])
		}
		clear(dst[max(a, b)*p.ldx:])
	}
	return scratch[:p.planes*p.edgePlane]
}

// conv writes the output plane y from the input planes x with the weights
// of the taps w: simd.DepthwisePlan.Conv over every row. ahead is the
// input of the next call, to prefetch (a hint; nil for none).
func (p *dwPass) conv(y, x, w, scratch []float32, bias float32, ahead []float32) {
	if p.direct.FastPlanes() && p.rows >= dwStrip { // the kernel frames the plane itself
		p.direct.ConvPlane(y, p.rows, x, 0, p.inRows, w, bias, ahead)
		return
	}
	rs, n := p.ranges(x, scratch, true)
	for _, r := range rs[:n] {
		r.plan.Conv(y[r.r0*p.ldy:], r.r1-r.r0, r.in, r.off, w, bias)
	}
}

// dot sets lanes (16 per tap) to the weight gradient of one plane:
// simd.DepthwisePlan.DotLanes of g with x, block by block, the rows of a
// block in order.
func (p *dwPass) dot(lanes, g, x, scratch []float32, ahead []float32) {
	if p.direct.FastPlanes() {
		p.direct.DotPlane(lanes, g, p.rows, x, 0, p.inRows, ahead)
		return
	}
	clear(lanes)
	rs, n := p.ranges(x, scratch, false)
	for b := 0; b < p.direct.Blocks(); b++ {
		for _, r := range rs[:n] {
			r.plan.DotLanes(lanes, g[r.r0*p.ldy:], r.r1-r.r0, r.in, r.off, b, b+1)
		}
	}
}

// dwForwardPass returns the forward pass: output row r reads input rows
// r - PadH + kh*DilationH, taps in (kh, kw) order.
func (g *convGeom) dwForwardPass() *dwPass {
	var taps [][2]int
	for a := 0; a < g.kh; a++ {
		for b := 0; b < g.kw; b++ {
			taps = append(taps, [2]int{a*g.dh - g.ph, b*g.dw - g.pw})
		}
	}
	return newDWPass(g.ho, g.wo, g.h, g.w, 1, taps)
}

// dwInputGradPass returns the input gradient's pass: input row ih gathers
// gy rows ih + PadH - kh*DilationH, taps in (kh, kw) order and the
// multiplier's channels inside.
func (g *convGeom) dwInputGradPass() *dwPass {
	var taps [][2]int
	for a := 0; a < g.kh; a++ {
		for b := 0; b < g.kw; b++ {
			taps = append(taps, [2]int{g.ph - a*g.dh, g.pw - b*g.dw})
		}
	}
	return newDWPass(g.h, g.w, g.ho, g.wo, g.coutG, taps)
}

// dwBlock is the number of planes a worker takes at a time.
const dwBlock = 8

func convDepthwiseForward(g *convGeom, xd, wd, bias, yd []float32) {
	pass := g.dwForwardPass().stream(g.n * g.cout)
	mult, k2 := g.coutG, g.kh*g.kw
	planes := g.n * g.cin
	blas.ParallelFor((planes+dwBlock-1)/dwBlock, func(blk int) {
		scratch := convGetBuf(pass.scratchLen())
		defer convPutBuf(scratch)
		for item := blk * dwBlock; item < min(planes, (blk+1)*dwBlock); item++ {
			n, c := item/g.cin, item%g.cin
			x := xd[(n*g.cin+c)*g.hw:][:g.hw]
			for m := 0; m < mult; m++ {
				co := c*mult + m
				var b0 float32
				if bias != nil {
					b0 = bias[co]
				}
				var ahead []float32
				if m == mult-1 && item+1 < planes {
					ahead = xd[(item+1)*g.hw:][:g.hw]
				}
				pass.conv(yd[(n*g.cout+co)*g.howo:][:g.howo], x, wd[co*k2:(co+1)*k2], scratch, b0, ahead)
			}
		}
	})
}

func convDepthwiseBackward(g *convGeom, xd, wd, gyd, gxd, gwd []float32) {
	fwd, bwd := g.dwForwardPass(), g.dwInputGradPass().stream(g.n*g.cin)
	mult, k2 := g.coutG, g.kh*g.kw
	// The input gradient's weights of channel c in the order of its taps:
	// (kh, kw), the multiplier's channels inside.
	wg := wd
	if mult > 1 {
		wg = make([]float32, len(wd))
		for c := 0; c < g.cin; c++ {
			for t := 0; t < k2; t++ {
				for m := 0; m < mult; m++ {
					wg[(c*k2+t)*mult+m] = wd[(c*mult+m)*k2+t]
				}
			}
		}
	}
	bufLen := max(fwd.scratchLen(), bwd.scratchLen()) + k2*simd.Lanes + k2
	// plane does the work of sample n, channel c with the scratch buf: the
	// input gradient if gx, and the weight-gradient dots into out (stored
	// if first, else added) if out is not nil.
	plane := func(n, c int, buf []float32, gx bool, out []float32, first bool) {
		scratch, lanes, sums := buf[:len(buf)-k2*simd.Lanes-k2], buf[len(buf)-k2*simd.Lanes-k2:len(buf)-k2], buf[len(buf)-k2:]
		gy := gyd[(n*g.cout+c*mult)*g.howo:][:mult*g.howo]
		x := xd[(n*g.cin+c)*g.hw:][:g.hw]
		// The next plane's gy is prefetched while the input gradient
		// runs, its x while the weight gradient does.
		var aheadGy, aheadX []float32
		if next := n*g.cin + c + 1; next < g.n*g.cin {
			aheadGy, aheadX = gyd[next*mult*g.howo:][:mult*g.howo], xd[next*g.hw:][:g.hw]
		}
		if gx {
			bwd.conv(gxd[(n*g.cin+c)*g.hw:][:g.hw], gy, wg[c*k2*mult:(c+1)*k2*mult], scratch, 0, aheadGy)
		}
		if out == nil {
			return
		}
		for m := 0; m < mult; m++ {
			co := c*mult + m
			fwd.dot(lanes, gy[m*g.howo:(m+1)*g.howo], x, scratch, aheadX)
			aheadX = nil
			simd.FoldLanes(sums, lanes)
			o := out[co*k2 : (co+1)*k2]
			if first {
				copy(o, sums)
				continue
			}
			for t, v := range sums {
				o[t] += v
			}
		}
	}
	// With enough samples the leaves of the weight gradient's sum tree
	// compute the input gradient of their samples too, while the planes
	// are in cache; otherwise the input gradient runs over all planes in
	// parallel first. gxd or gwd nil: that gradient is not wanted.
	fused := g.n >= 2*blas.Threads() && gxd != nil && gwd != nil
	if !fused && gxd != nil {
		planes := g.n * g.cin
		blas.ParallelFor((planes+dwBlock-1)/dwBlock, func(blk int) {
			buf := convGetBuf(bufLen)
			defer convPutBuf(buf)
			for item := blk * dwBlock; item < min(planes, (blk+1)*dwBlock); item++ {
				plane(item/g.cin, item%g.cin, buf, true, nil, false)
			}
		})
	}
	if gwd == nil {
		return
	}
	per := convSamplesPerChunk(g.howo)
	chunks := (g.n + per - 1) / per
	if chunks == 1 {
		// One leaf (the retina's per-image filters: one sample whose
		// planes each have their own filters): its channels write
		// disjoint filters, each summed over the samples in order, so
		// they run in parallel with the same bits.
		blas.ParallelFor((g.cin+dwBlock-1)/dwBlock, func(blk int) {
			buf := convGetBuf(bufLen)
			defer convPutBuf(buf)
			for c := blk * dwBlock; c < min(g.cin, (blk+1)*dwBlock); c++ {
				for n := 0; n < g.n; n++ {
					plane(n, c, buf, fused, gwd, n == 0)
				}
			}
		})
		return
	}
	blas.SumTree(chunks, gwd, func(ch int, out []float32) {
		buf := convGetBuf(bufLen)
		defer convPutBuf(buf)
		for n := ch * per; n < min(g.n, (ch+1)*per); n++ {
			for c := 0; c < g.cin; c++ {
				plane(n, c, buf, fused, out, n == ch*per)
			}
		}
	})
}
