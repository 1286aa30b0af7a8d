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
	g.ho = (g.h+2*g.ph-effH)/g.sh + 1
	g.wo = (g.w+2*g.pw-effW)/g.sw + 1
	g.cinG, g.coutG = g.cin/g.groups, g.cout/g.groups
	g.kk = g.cinG * g.kh * g.kw
	g.hw, g.howo = g.h*g.w, g.ho*g.wo
	return g
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

// packCol packs a block of the im2col matrix of one sample and group (xg:
// its cinG planes) for blas.SgemmPackB: rows are taps (ci, kh, kw), columns
// output pixels (oh, ow). Each line of a panel is a run of output pixels,
// copied from the input rows they read.
func (g *convGeom) packCol(dst, xg []float32, p0, kc, j0, cols, nr int) {
	for jr, panel := 0, 0; jr < cols; jr, panel = jr+nr, panel+1 {
		cnt := min(nr, cols-jr)
		d := dst[panel*kc*nr : (panel+1)*kc*nr]
		ci, kh, kw := g.tap(p0)
		for p := 0; p < kc; p++ {
			line := d[p*nr : p*nr+nr]
			g.fillLine(line[:cnt], xg[ci*g.hw:(ci+1)*g.hw], kh, kw, j0+jr)
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

// packColT packs a block of the transposed im2col matrix (rows output
// pixels, columns taps) of one sample and group, for the weight gradient.
// Each column is filled as a run of pixels, then spread into the panel.
func (g *convGeom) packColT(dst, xg []float32, p0, kc, j0, cols, nr int) {
	var stack [1024]float32
	run := stack[:]
	if kc > len(run) {
		run = make([]float32, kc)
	}
	run = run[:kc]
	for jr, panel := 0, 0; jr < cols; jr, panel = jr+nr, panel+1 {
		cnt := min(nr, cols-jr)
		d := dst[panel*kc*nr : (panel+1)*kc*nr]
		for j := 0; j < cnt; j++ {
			ci, kh, kw := g.tap(j0 + jr + j)
			g.fillLine(run, xg[ci*g.hw:(ci+1)*g.hw], kh, kw, p0)
			k := j
			for _, v := range run {
				d[k] = v
				k += nr
			}
		}
		if cnt < nr {
			for p := 0; p < kc; p++ {
				clear(d[p*nr+cnt : p*nr+nr])
			}
		}
	}
}

// fillLine sets line[i] to the input value that tap (kh, kw) reads for
// output pixel j+i (pixels numbered row-major over Ho×Wo) in one input
// plane, or zero where the tap falls in the padding.
func (g *convGeom) fillLine(line, plane []float32, kh, kw, j int) {
	oh, ow := j/g.wo, j%g.wo
	for i := 0; i < len(line); oh, ow = oh+1, 0 {
		seg := min(len(line)-i, g.wo-ow)
		out := line[i : i+seg]
		i += seg
		ih := oh*g.sh - g.ph + kh*g.dh
		if ih < 0 || ih >= g.h {
			clear(out)
			continue
		}
		row := plane[ih*g.w : (ih+1)*g.w]
		iw0 := ow*g.sw - g.pw + kw*g.dw
		lo, hi := g.validRun(iw0, len(out))
		clear(out[:lo])
		if g.sw == 1 {
			copy(out[lo:hi], row[iw0+lo:iw0+hi])
		} else {
			for t := lo; t < hi; t++ {
				out[t] = row[iw0+t*g.sw]
			}
		}
		clear(out[hi:])
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
// tap by tap in increasing (ci, kh, kw) order.
func (g *convGeom) col2im(gxg, cg []float32, oh0, oh1 int) {
	nb := (oh1 - oh0) * g.wo
	for p := 0; p < g.kk; p++ {
		ci, kh, kw := g.tap(p)
		plane := gxg[ci*g.hw : (ci+1)*g.hw]
		src := cg[p*nb : (p+1)*nb]
		for oh := oh0; oh < oh1; oh++ {
			ih := oh*g.sh - g.ph + kh*g.dh
			if ih < 0 || ih >= g.h {
				continue
			}
			row := plane[ih*g.w : (ih+1)*g.w]
			s := src[(oh-oh0)*g.wo : (oh-oh0+1)*g.wo]
			iw0 := -g.pw + kw*g.dw
			lo, hi := g.validRun(iw0, g.wo)
			if g.sw == 1 {
				if hi > lo {
					d := row[iw0+lo : iw0+hi]
					simd.AddTo(d, d, s[lo:hi])
				}
				continue
			}
			for t := lo; t < hi; t++ {
				row[iw0+t*g.sw] += s[t]
			}
		}
	}
}

// Scratch buffers of the convolutions (colgrad blocks, padded planes),
// reused across calls.
var convBufPool sync.Pool

func convGetBuf(n int) []float32 {
	if p, ok := convBufPool.Get().(*[]float32); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]float32, n)
}

func convPutBuf(b []float32) {
	convBufPool.Put(&b)
}
