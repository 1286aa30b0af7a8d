package ops

import (
	"fmt"
	"sync"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// convGeom is the validated geometry of one convolution.
type convGeom struct {
	n, cin, h, w   int // input
	cout, kh, kw   int // filters
	groups         int
	sh, sw, ph, pw int
	dh, dw         int
	ho, wo         int // output
	cinG, coutG    int // channels per group
	kk             int // cinG*kh*kw: the GEMM's inner size (forward)
	hw, howo       int // plane sizes
	hp, wp         int // padded input plane
}

// convGeometry validates the operands of a convolution and panics, naming
// the op and the shapes, if they do not fit together.
func convGeometry(op string, x, w, b *tensor.Tensor, p Conv2dParams) convGeom {
	if x.Dims() != 4 || w.Dims() != 4 {
		panic(fmt.Sprintf("ops: %s: x %v and w %v must be 4-D (NCHW, [Cout Cin/groups KH KW])", op, x.Shape(), w.Shape()))
	}
	g := convGeom{
		n: x.Dim(0), cin: x.Dim(1), h: x.Dim(2), w: x.Dim(3),
		cout: w.Dim(0), kh: w.Dim(2), kw: w.Dim(3),
		groups: convOr1(p.Groups), sh: convOr1(p.StrideH), sw: convOr1(p.StrideW),
		ph: p.PadH, pw: p.PadW, dh: convOr1(p.DilationH), dw: convOr1(p.DilationW),
	}
	if p.Groups < 0 || p.StrideH < 0 || p.StrideW < 0 || p.PadH < 0 || p.PadW < 0 || p.DilationH < 0 || p.DilationW < 0 {
		panic(fmt.Sprintf("ops: %s: negative parameter in %+v (x %v, w %v)", op, p, x.Shape(), w.Shape()))
	}
	if g.cin%g.groups != 0 || g.cout%g.groups != 0 || w.Dim(1)*g.groups != g.cin {
		panic(fmt.Sprintf("ops: %s: x %v and w %v do not fit %d groups (want w [Cout Cin/groups KH KW], Cin and Cout divisible by groups)",
			op, x.Shape(), w.Shape(), g.groups))
	}
	if g.kh < 1 || g.kw < 1 {
		panic(fmt.Sprintf("ops: %s: empty kernel in w %v", op, w.Shape()))
	}
	if b != nil && (b.Dims() != 1 || b.Dim(0) != g.cout) {
		panic(fmt.Sprintf("ops: %s: bias %v, want [%d] for w %v", op, b.Shape(), g.cout, w.Shape()))
	}
	effH, effW := g.dh*(g.kh-1)+1, g.dw*(g.kw-1)+1
	if g.h+2*g.ph < effH || g.w+2*g.pw < effW {
		panic(fmt.Sprintf("ops: %s: kernel %dx%d (dilated %dx%d) larger than the padded input of x %v with padding %dx%d",
			op, g.kh, g.kw, effH, effW, x.Shape(), g.ph, g.pw))
	}
	g.derive()
	return g
}

// derive sets the output size and the derived sizes from the rest.
func (g *convGeom) derive() {
	effH, effW := g.dh*(g.kh-1)+1, g.dw*(g.kw-1)+1
	g.ho = (g.h+2*g.ph-effH)/g.sh + 1
	g.wo = (g.w+2*g.pw-effW)/g.sw + 1
	g.cinG, g.coutG = g.cin/g.groups, g.cout/g.groups
	g.kk = g.cinG * g.kh * g.kw
	g.hw, g.howo = g.h*g.w, g.ho*g.wo
	g.hp, g.wp = g.h+2*g.ph, g.w+2*g.pw
}

// inputGrad returns, for a convolution of stride 1 whose padding is at
// most the dilated kernel's extent less one, the convolution whose
// forward pass is its input gradient: gy [n, cout, ho, wo] with the
// filters rotated by 180 degrees and their channels swapped within each
// group (convFlipFilters), padding dilation·(k−1) − pad, which gives
// exactly [n, cin, h, w]. ok is false for other convolutions.
func (g *convGeom) inputGrad() (f convGeom, ok bool) {
	ph, pw := g.dh*(g.kh-1)-g.ph, g.dw*(g.kw-1)-g.pw
	if g.sh != 1 || g.sw != 1 || ph < 0 || pw < 0 {
		return f, false
	}
	f = convGeom{n: g.n, cin: g.cout, h: g.ho, w: g.wo, cout: g.cin, kh: g.kh, kw: g.kw,
		groups: g.groups, sh: 1, sw: 1, ph: ph, pw: pw, dh: g.dh, dw: g.dw}
	f.derive()
	return f, f.ho == g.h && f.wo == g.w
}

// convFlipFilters sets wf [cin, cout/groups, kh, kw] to the filters of
// the input-gradient convolution: wf[gr·cinG+ci, co, kh', kw'] =
// wd[gr·coutG+co, ci, kh−1−kh', kw−1−kw'].
func convFlipFilters(g *convGeom, wd, wf []float32) {
	k2 := g.kh * g.kw
	for gr := 0; gr < g.groups; gr++ {
		for co := 0; co < g.coutG; co++ {
			for ci := 0; ci < g.cinG; ci++ {
				src := wd[((gr*g.coutG+co)*g.cinG+ci)*k2:][:k2]
				dst := wf[((gr*g.cinG+ci)*g.coutG+co)*k2:][:k2]
				for t, v := range src {
					dst[k2-1-t] = v
				}
			}
		}
	}
}

func convOr1(v int) int {
	if v == 0 {
		return 1
	}
	return v
}

// tap returns channel, kernel row and kernel column of row p of the im2col
// matrix of one group.
func (g *convGeom) tap(p int) (ci, kh, kw int) {
	k2 := g.kh * g.kw
	return p / k2, p % k2 / g.kw, p % g.kw
}

// Packing of the im2col matrix straight from the image, for
// blas.SgemmPackB. The image is first copied into zero-padded planes
// (Hp = H + 2*PadH by Wp = W + 2*PadW), so that every tap of every output
// pixel reads inside the buffer and a line of a panel is a few plain copies
// with no bounds to check.

// padPlanes copies the cinG planes xg (H×W each) into dst (cinG planes of
// Hp×Wp), zeroing the border.
func (g *convGeom) padPlanes(dst, xg []float32) {
	hpwp := g.hp * g.wp
	for ci := 0; ci < g.cinG; ci++ {
		xp := dst[ci*hpwp : (ci+1)*hpwp]
		clear(xp[:g.ph*g.wp])
		for ih := 0; ih < g.h; ih++ {
			row := xp[(g.ph+ih)*g.wp : (g.ph+ih+1)*g.wp]
			clear(row[:g.pw])
			copy(row[g.pw:g.pw+g.w], xg[(ci*g.h+ih)*g.w:][:g.w])
			clear(row[g.pw+g.w:])
		}
		clear(xp[(g.ph+g.h)*g.wp:])
	}
}

// padPixels copies the cinG planes xg into dst as pixels (Hp×Wp pixels of
// cinG channels each: the NHWC layout), zeroing the border.
func (g *convGeom) padPixels(dst, xg []float32) {
	c := g.cinG
	clear(dst[:g.ph*g.wp*c])
	for ih := 0; ih < g.h; ih++ {
		row := dst[(g.ph+ih)*g.wp*c : (g.ph+ih+1)*g.wp*c]
		clear(row[:g.pw*c])
		clear(row[(g.pw+g.w)*c:])
		for ci := 0; ci < c; ci++ {
			src := xg[(ci*g.h+ih)*g.w:][:g.w]
			k := g.pw*c + ci
			for _, v := range src {
				row[k] = v
				k += c
			}
		}
	}
	clear(dst[(g.ph+g.h)*g.wp*c : g.hp*g.wp*c])
}

// convSeg is a run of output pixels within one output row: it starts at
// offset off of the padded plane (for tap (0, 0)), is n pixels long and
// goes to position pos of a panel line.
type convSeg struct{ off, n, pos int }

// segments splits the output pixels [j, j+cnt) into runs along output rows.
func (g *convGeom) segments(segs []convSeg, j, cnt int) []convSeg {
	oh, ow := j/g.wo, j%g.wo
	for pos := 0; pos < cnt; oh, ow = oh+1, 0 {
		n := min(cnt-pos, g.wo-ow)
		segs = append(segs, convSeg{off: oh*g.sh*g.wp + ow*g.sw, n: n, pos: pos})
		pos += n
	}
	return segs
}

// packCol packs a block of the im2col matrix of one sample and group for
// the forward GEMM: rows are taps (ci, kh, kw), columns output pixels; xp
// holds the group's padded planes. A line (one tap, nr pixels) is one copy
// per output row it spans.
func (g *convGeom) packCol(dst, xp []float32, p0, kc, j0, cols, nr int) {
	hpwp := g.hp * g.wp
	var segBuf [64]convSeg
	if g.sw == 1 {
		// Each run of a segment is one masked vector copy per line.
		var baseBuf [512]int
		bases := convTapBases(baseBuf[:0], g, p0, kc)
		for jr, panel := 0, 0; jr < cols; jr, panel = jr+nr, panel+1 {
			cnt := min(nr, cols-jr)
			d := dst[panel*kc*nr : (panel+1)*kc*nr]
			for _, sg := range g.segments(segBuf[:0], j0+jr, cnt) {
				simd.CopyRuns(d[sg.pos:], nr, xp, bases, sg.off, sg.n)
			}
			if cnt < nr {
				for p := 0; p < kc; p++ {
					clear(d[p*nr+cnt : p*nr+nr])
				}
			}
		}
		return
	}
	for jr, panel := 0, 0; jr < cols; jr, panel = jr+nr, panel+1 {
		cnt := min(nr, cols-jr)
		d := dst[panel*kc*nr : (panel+1)*kc*nr]
		segs := g.segments(segBuf[:0], j0+jr, cnt)
		ci, kh, kw := g.tap(p0)
		for p := 0; p < kc; p++ {
			line := d[p*nr : p*nr+nr]
			base := ci*hpwp + kh*g.dh*g.wp + kw*g.dw
			for _, sg := range segs {
				out := line[sg.pos : sg.pos+sg.n]
				if g.sw == 1 {
					copy(out, xp[base+sg.off:])
				} else {
					src := xp[base+sg.off:]
					for t := range out {
						out[t] = src[t*g.sw]
					}
				}
			}
			clear(line[cnt:])
			if kw++; kw == g.kw {
				kw = 0
				if kh++; kh == g.kh {
					kh = 0
					ci++
				}
			}
		}
	}
}

// convTapBases appends to bases the offset in the padded planes of taps
// [p0, p0+kc) (for output pixel (0, 0)).
func convTapBases(bases []int, g *convGeom, p0, kc int) []int {
	hpwp := g.hp * g.wp
	ci, kh, kw := g.tap(p0)
	for p := 0; p < kc; p++ {
		bases = append(bases, ci*hpwp+kh*g.dh*g.wp+kw*g.dw)
		if kw++; kw == g.kw {
			kw = 0
			if kh++; kh == g.kh {
				kh = 0
				ci++
			}
		}
	}
	return bases
}

// The weight gradient reads the transposed im2col matrix (rows output
// pixels, columns taps), which a GEMM panel wants as lines of consecutive
// taps of one pixel. Two layouts of the image give such lines in runs of
// contiguous memory: NHWC (from padPixels), where the taps of one kernel
// position (kh, kw) are cinG consecutive channels, with the taps in
// (kh, kw, ci) order; or the padded NCHW planes (from padPlanes) when the
// kernel rows are longer than that (KW > cinG, no column dilation), where
// the taps kw of one (ci, kh) are consecutive, in the natural (ci, kh, kw)
// order.

// gwNHWC reports whether the weight gradient reads the image as NHWC.
func (g *convGeom) gwNHWC() bool { return !(g.dw == 1 && g.kw > g.cinG) }

// gwTapOffset returns where tap j (in the layout's tap order) of a pixel
// lies, relative to the pixel's own offset.
func (g *convGeom) gwTapOffset(j int, nhwc bool) int {
	if nhwc {
		k, ci := j/g.cinG, j%g.cinG
		return (k/g.kw*g.dh*g.wp+k%g.kw*g.dw)*g.cinG + ci
	}
	ci, kh, kw := g.tap(j)
	return ci*g.hp*g.wp + kh*g.dh*g.wp + kw*g.dw
}

// gwTapIndex returns the column of tap (ci, kh, kw) in the layout's order.
func (g *convGeom) gwTapIndex(ci, kh, kw int, nhwc bool) int {
	if nhwc {
		return (kh*g.kw+kw)*g.cinG + ci
	}
	return (ci*g.kh+kh)*g.kw + kw
}

// convRun is a run of consecutive taps contiguous in the image: at offset
// off from a pixel, n long, at position pos of a panel line.
type convRun struct{ off, n, pos int }

// packColT packs a block of the transposed im2col matrix of one sample and
// group, image src in the layout nhwc says: pixels [p0, p0+kc) by taps
// [j0, j0+cols) into panels of width nr, tap j of pixel p at
// dst[(jr/nr)*kc*nr + (p-p0)*nr + j-j0-jr]. As the A operand of the
// flipped GEMM (taps × pixels, panels of mr taps) the layout is the same.
func (g *convGeom) packColT(dst, src []float32, nhwc bool, p0, kc, j0, cols, nr int) {
	scale := 1
	if nhwc {
		scale = g.cinG
	}
	var offBuf [64]int
	var runBuf [64]convRun
	fast := simd.CopyRunsFast()
	var pixBuf [512]int
	var pix []int
	for jr, panel := 0, 0; jr < cols; jr, panel = jr+nr, panel+1 {
		cnt := min(nr, cols-jr)
		d := dst[panel*kc*nr : (panel+1)*kc*nr]
		offs, runs := offBuf[:0], runBuf[:0]
		for t := 0; t < cnt; t++ {
			off := g.gwTapOffset(j0+jr+t, nhwc)
			offs = append(offs, off)
			if k := len(runs) - 1; k >= 0 && runs[k].off+runs[k].n == off {
				runs[k].n++
			} else {
				runs = append(runs, convRun{off: off, n: 1, pos: t})
			}
		}
		if fast {
			// One masked vector copy per line and run.
			if pix == nil {
				pix = convPixelOffsets(pixBuf[:0], g, scale, p0, kc)
			}
			for _, r := range runs {
				simd.CopyRuns(d[r.pos:], nr, src, pix, r.off, r.n)
			}
			if cnt < nr {
				for p := 0; p < kc; p++ {
					clear(d[p*nr+cnt : p*nr+nr])
				}
			}
			continue
		}
		if cnt < 8*len(runs) {
			// Short runs: fill the panel column by column instead, each
			// column a few runs of pixels along output rows.
			g.packColTColumns(d, src, scale, offs, p0, kc, nr)
			continue
		}
		oh, ow := p0/g.wo, p0%g.wo
		for p := 0; p < kc; p++ {
			line := d[p*nr : p*nr+nr]
			s := src[(oh*g.sh*g.wp+ow*g.sw)*scale:]
			for _, r := range runs {
				copy(line[r.pos:r.pos+r.n], s[r.off:])
			}
			clear(line[cnt:])
			if ow++; ow == g.wo {
				ow = 0
				oh++
			}
		}
	}
}

// convPixelOffsets appends to offs the offset in the image (layout scale:
// 1 for planes, cinG for pixels) of output pixels [p0, p0+kc) for tap 0.
func convPixelOffsets(offs []int, g *convGeom, scale, p0, kc int) []int {
	oh, ow := p0/g.wo, p0%g.wo
	for p := 0; p < kc; p++ {
		offs = append(offs, (oh*g.sh*g.wp+ow*g.sw)*scale)
		if ow++; ow == g.wo {
			ow = 0
			oh++
		}
	}
	return offs
}

// packColTColumns fills one panel d (kc lines of width nr) of the
// transposed im2col matrix column by column: column t reads the image at
// offs[t] from each pixel of [p0, p0+kc), which along an output row are
// evenly spaced (contiguous for stride 1 in the NCHW layout).
func (g *convGeom) packColTColumns(d, src []float32, scale int, offs []int, p0, kc, nr int) {
	var segBuf [64]convSeg
	segs := g.segments(segBuf[:0], p0, kc)
	step := g.sw * scale
	t := 0
	if step == 1 {
		// Two columns at a time: each pair of neighbours of a line is
		// written together, reading two runs of the image contiguously.
		for ; t+2 <= len(offs); t += 2 {
			for _, sg := range segs {
				k := sg.pos*nr + t
				b0, b1 := sg.off*scale+offs[t], sg.off*scale+offs[t+1]
				r0, r1 := src[b0:b0+sg.n], src[b1:b1+sg.n]
				for q, v := range r0 {
					pair := d[k : k+2 : k+2]
					pair[0], pair[1] = v, r1[q]
					k += nr
				}
			}
		}
	}
	for ; t < len(offs); t++ {
		for _, sg := range segs {
			k := sg.pos*nr + t
			b := sg.off*scale + offs[t]
			if step == 1 {
				for _, v := range src[b : b+sg.n] {
					d[k] = v
					k += nr
				}
				continue
			}
			for q := 0; q < sg.n; q++ {
				d[k] = src[b]
				k += nr
				b += step
			}
		}
	}
	if cnt := len(offs); cnt < nr {
		for p := 0; p < kc; p++ {
			clear(d[p*nr+cnt : p*nr+nr])
		}
	}
}

// validRun returns the range [lo, hi) of t in [0, n) for which the input
// column iw0 + t*sw lies inside the image.
func (g *convGeom) validRun(iw0, n int) (lo, hi int) {
	if iw0 < 0 {
		lo = (-iw0 + g.sw - 1) / g.sw
	}
	if g.w > iw0 {
		hi = (g.w - iw0 + g.sw - 1) / g.sw
	}
	lo = min(lo, n)
	hi = max(lo, min(hi, n))
	return lo, hi
}

// col2im adds the rows [oh0, oh1) of the im2col-shaped gradient cg (taps ×
// pixels of those rows) into the input planes gxg of one sample and group,
// tap by tap in increasing (ci, kh, kw) order; at column strides above 1
// the planes are in column phases (gradPhasedRow).
func (g *convGeom) col2im(gxg, cg []float32, oh0, oh1 int) {
	nb := (oh1 - oh0) * g.wo
	wq, stride := g.gradPhaseWidth(), g.gradPhasedRow() // w and w at stride 1
	size := g.h * stride
	for p := 0; p < g.kk; p++ {
		ci, kh, kw := g.tap(p)
		// The rows this tap reaches form one run of output rows (ih =
		// oh*sh - ph + kh*dh inside the image), each adding the same
		// columns iw0 + t*sw, consecutive elements of column phase
		// iw0 mod sw: one simd.AddRows.
		ra := oh0
		if first := g.ph - kh*g.dh; first > 0 {
			ra = max(oh0, (first+g.sh-1)/g.sh)
		}
		last := g.h - 1 + g.ph - kh*g.dh // sh times the last row's oh
		if last < 0 {
			continue
		}
		rb := min(oh1, last/g.sh+1)
		iw0 := -g.pw + kw*g.dw
		lo, hi := g.validRun(iw0, g.wo)
		if rb <= ra || hi <= lo {
			continue
		}
		b := (iw0%g.sw + g.sw) % g.sw
		ih := ra*g.sh - g.ph + kh*g.dh
		at := ci*size + ih*stride + b*wq + (iw0-b)/g.sw + lo
		simd.AddRows(gxg[at:], g.sh*stride, cg[p*nb+(ra-oh0)*g.wo+lo:], g.wo, rb-ra, hi-lo)
	}
}

// Scratch buffers of the convolutions (padded images, colgrad blocks,
// partial sums), reused across calls from a free list: unlike sync.Pool it
// keeps them across garbage collections, since a fresh buffer pays a page
// fault per 4 KiB on first touch.
var convBufs struct {
	mu   sync.Mutex
	bufs [][]float32
}

// convGetBuf returns a buffer of length n (contents undefined): the
// smallest free one that fits, else a new one.
func convGetBuf(n int) []float32 {
	convBufs.mu.Lock()
	best := -1
	for i, b := range convBufs.bufs {
		if cap(b) >= n && (best < 0 || cap(b) < cap(convBufs.bufs[best])) {
			best = i
		}
	}
	var b []float32
	if best >= 0 {
		last := len(convBufs.bufs) - 1
		b = convBufs.bufs[best]
		convBufs.bufs[best] = convBufs.bufs[last]
		convBufs.bufs = convBufs.bufs[:last]
	}
	convBufs.mu.Unlock()
	if b == nil {
		return make([]float32, n)
	}
	return b[:n]
}

// convPutBuf returns a buffer to the free list, which keeps at most 64
// (dropping the smallest), enough for every worker's scratch.
func convPutBuf(b []float32) {
	convBufs.mu.Lock()
	defer convBufs.mu.Unlock()
	convBufs.bufs = append(convBufs.bufs, b)
	if len(convBufs.bufs) > 64 {
		small := 0
		for i, c := range convBufs.bufs {
			if cap(c) < cap(convBufs.bufs[small]) {
				small = i
			}
		}
		last := len(convBufs.bufs) - 1
		convBufs.bufs[small] = convBufs.bufs[last]
		convBufs.bufs = convBufs.bufs[:last]
	}
}
