package ops

import (
	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
)

// Winograd F(4x4, 3x3) convolution (Lavin & Gray 2015) for the 3x3,
// stride-1, ungrouped layers: each 4x4 block of outputs (a tile) takes 36
// products per pair of channels instead of 144.
//
// Canonical order (forward; the input gradient is the forward convolution
// of gy with the flipped, channel-transposed filters and padding 2-p):
//
//  1. The filters: U = G g Gᵀ per (cout, cin), in simd.WinogradFilter4's order
//     (products by 1/4, 1/6 and 1/24 rounded to float32 before any sum).
//  2. The input, zero-padded to whole tiles: V = Bᵀ d B per 6x6 window
//     d at (4·ty - pad, 4·tx - pad) and channel, by simd.WinogradInput4.
//  3. Per position p of the 36: M[p][co][t] = Σ_ci U[p][co][ci]·V[p][ci][t]
//     in the canonical GEMM order (fma over ci from zero).
//  4. Y = Aᵀ M A by simd.WinogradOutput4, then + bias[co] (one addition);
//     the outputs of edge tiles past Ho or Wo are dropped.
//
// None of this depends on the number of threads, the block sizes or the
// platform. A NaN or Inf in the input reaches every output of the tiles
// whose 6x6 window holds it (a superset of the direct convolution's 3x3
// neighbourhood), and an Inf may come out as NaN (Inf - Inf inside the
// transforms), where the direct convolution would give ±Inf.

// convWinogradOff disables the Winograd path (tests compare it with the
// im2col one).
var convWinogradOff bool

// winogradMinChannels is the least number of input and output channels
// that take the Winograd path. Measured (N=64, 2 threads, a busy
// machine): at 16 both ways it wins every pass on 32x32 images (by 1.3x
// to 1.5x); on 8x8 images im2col still wins the forward and the weight
// gradient by about 20%; at 8 channels the paths are within noise.
const winogradMinChannels = 16

// winograd reports whether the convolution takes the Winograd path: 3x3
// filters, stride 1, no dilation, one group, padding 0 to 2, enough
// channels both ways, and padded buffers that int32 offsets can index.
func (g *convGeom) winograd() bool {
	if convWinogradOff || g.groups != 1 || g.kh != 3 || g.kw != 3 || g.sh != 1 || g.sw != 1 ||
		g.dh != 1 || g.dw != 1 || g.ph > 2 || g.pw > 2 ||
		g.cin < winogradMinChannels || g.cout < winogradMinChannels {
		return false
	}
	fwd := winogradGeom(g.n, g.cin, g.h, g.w, g.ph, g.pw, g.cout)
	bwd := winogradGeom(g.n, g.cout, g.ho, g.wo, 2-g.ph, 2-g.pw, g.cin)
	return fwd.fits() && bwd.fits()
}

// wgConv is the geometry of one stride-1 3x3 convolution on tiles: input
// [n, cin, h, w] padded by (ph, pw), output [n, cout, ho, wo] in th×tw tiles
// of 4x4, the padded input planes hq×wq (whole 6x6 windows for every tile).
type wgConv struct {
	n, cin, h, w, ph, pw, cout int
	ho, wo, th, tw, hq, wq     int
}

func winogradGeom(n, cin, h, w, ph, pw, cout int) wgConv {
	c := wgConv{n: n, cin: cin, h: h, w: w, ph: ph, pw: pw, cout: cout}
	c.ho, c.wo = h+2*ph-2, w+2*pw-2
	c.th, c.tw = (c.ho+3)/4, (c.wo+3)/4
	c.hq, c.wq = 4*c.th+2, 4*c.tw+2
	return c
}

// fits reports whether every padded buffer is small enough for the int32
// lane offsets of the transforms.
func (c wgConv) fits() bool {
	const lim = 1<<31 - 1
	return c.ho >= 1 && c.wo >= 1 &&
		c.n*c.cin*c.hq*c.wq+8 < lim && c.n*c.cout*4*c.th*4*c.tw < lim && c.n*c.cout*c.ho*c.wo < lim
}

func (c wgConv) tiles() int { return c.n * c.th * c.tw }

// tileOrigin returns the offset of tile t (tiles numbered sample by sample,
// row by row) in planes of rowLen-wide rows, planeLen apart per channel
// and chans channels per sample, with the tile's 4x4 (or 6x6) block at
// row 4·ty, column 4·tx.
func (c wgConv) tileOrigin(t, chans, planeLen, rowLen int) int32 {
	per := c.th * c.tw
	n, r := t/per, t%per
	return int32(n*chans*planeLen + 4*(r/c.tw)*rowLen + 4*(r%c.tw))
}

// padInput copies x [n, cin, h, w] into the zero-padded planes xq
// [n, cin, hq, wq], the image at (ph, pw).
func (c wgConv) padInput(xq, xd []float32) {
	size := c.cin * c.hq * c.wq
	blas.ParallelFor(c.n, func(n int) { c.padSamples(xq[n*size:(n+1)*size], xd, n, n+1) })
}

// padSamples copies samples n0 to n1-1 of x [n, cin, h, w] into the
// zero-padded planes xq [n1-n0, cin, hq, wq], the image at (ph, pw), each
// padded row written once, whole (simd.WinogradPad).
func (c wgConv) padSamples(xq, xd []float32, n0, n1 int) {
	simd.WinogradPad(xq, c.hq, c.wq, c.ph, c.pw, xd[n0*c.cin*c.h*c.w:], c.h, c.w, (n1-n0)*c.cin)
}

// samples returns the range [n0, n1) of the samples that hold tiles t0 to
// t1-1.
func (c wgConv) samples(t0, t1 int) (n0, n1 int) {
	per := c.th * c.tw
	return t0 / per, (t1-1)/per + 1
}

// cropTiles copies the outputs of tiles t0 to t1-1 from the whole-tile
// planes yq [_, cout, 4·th, 4·tw], whose first sample is n0, into y [n,
// cout, ho, wo], dropping the outputs past ho and wo.
func (c wgConv) cropTiles(yd, yq []float32, n0, t0, t1 int) {
	row, plane := 4*c.tw, 16*c.th*c.tw
	per := c.th * c.tw
	var lines [32]int
	for t := t0; t < t1; {
		n, ty, tx := t/per, t%per/c.tw, t%c.tw
		run := min(t1-t, c.tw-tx) // tiles of one tile row
		if tx == 0 && run == c.tw {
			run = (min(t1, (n+1)*per) - t) / c.tw * c.tw // whole tile rows
		}
		c0, c1 := 4*tx, min(c.wo, 4*(tx+run))
		r0, r1 := 4*ty, min(c.ho, 4*(ty+(tx+run+c.tw-1)/c.tw))
		for co := 0; co < c.cout; co++ {
			src := yq[((n-n0)*c.cout+co)*plane:][:plane]
			dst := yd[(n*c.cout+co)*c.ho*c.wo:][:c.ho*c.wo]
			if c1-c0 > 32 || r1-r0 > 32 {
				for oh := r0; oh < r1; oh++ {
					copy(dst[oh*c.wo+c0:oh*c.wo+c1], src[oh*row+c0:])
				}
				continue
			}
			// Rows of a few elements: vector moves, not memmove calls.
			offs := lines[:r1-r0]
			for i := range offs {
				offs[i] = (r0 + i) * row
			}
			simd.CopyRuns(dst[r0*c.wo+c0:], c.wo, src, offs, c0, c1-c0)
		}
		t += run
	}
}

// winogradFilters transforms the filters wd [cout, cin, 3, 3] into 36
// matrices [m, k], U[p][co][ci] (m = cout, k = cin) or, if flip, the
// filters of the input gradient, U[p][ci][co] of the kernel rotated by 180
// degrees (m = cin, k = cout), each packed as the A operand of wgGemm
// (wgPanels(m, k, mr) long, the rows past m ±0). Release it with
// convPutBuf.
func winogradFilters(wd []float32, cout, cin int, flip bool) []float32 {
	m, k := cout, cin
	if flip {
		m, k = cin, cout
	}
	mr, _ := simd.GemmTile()
	size := wgPanels(m, k, mr)
	u := convGetBuf(36 * size)
	// One run of 16 steps of one panel of mr rows per call, written by
	// one worker only: rows of one panel share cache lines, and a few
	// panels alone would balance badly over the threads. The run's filters
	// are first transposed (simd.GemmPackT) into [step][tap][row], rows
	// past m zero, so that simd.WinogradFilter4 reads each tap of the
	// panel's rows as one vector and writes each position's rows in place.
	const steps = 16
	runs := (k + steps - 1) / steps
	blas.ParallelFor((m+mr-1)/mr*runs, func(job int) {
		j, c0 := job/runs, job%runs*steps
		c1 := min(k, c0+steps)
		rows := min(mr, m-j*mr)
		taps := convGetBuf(steps * 9 * mr)
		defer convPutBuf(taps)
		if flip {
			// Step co, row ci: filter (co, ci), 9 taps from wd[(co·cin+ci)·9].
			for c := c0; c < c1; c++ {
				simd.GemmPackT(taps[(c-c0)*9*mr:], mr, wd, (c*cin+j*mr)*9, 9, rows, 9)
			}
		} else {
			// Row co: the taps of steps c0..c1 are one run of wd's row co.
			simd.GemmPackT(taps, mr, wd, (j*mr*cin+c0)*9, cin*9, rows, (c1-c0)*9)
		}
		simd.WinogradFilter4(u[wgPanelAt(j*mr, c0, k, mr):], size, mr, taps, mr, 9*mr, flip, mr, c1-c0)
	})
	return u
}

// lcm returns the least common multiple of a and b > 0.
func lcm(a, b int) int {
	x, y := a, b
	for y != 0 {
		x, y = y, x%y
	}
	return a / x * b
}

// winogradLocalOff makes the Winograd paths pad and crop whole tensors
// even for small images (tests: the bits must not depend on it).
var winogradLocalOff bool

// winogradTiles, if positive, overrides the tiles per block (tests: the
// bits must not depend on it; it must be a multiple of 16).
var winogradTiles int

// winogradBlock returns the tiles per block: a multiple of 16 (the lanes
// of the transforms) and of the micro-kernel's nr, such that the
// transformed input and the GEMM results (36 values per tile and channel)
// stay within about the L2 cache. The bits do not depend on it.
func winogradBlock(cin, cout int) int {
	if winogradTiles > 0 {
		return winogradTiles
	}
	_, nr := simd.GemmTile()
	unit := 16
	for unit%nr != 0 {
		unit += 16
	}
	const budget = 1 << 20
	t := (budget/(36*4*(cin+cout)) + unit/2) / unit * unit
	return min(max(t, unit), 8*unit)
}

// winogradForward sets yd [n, cout, ho, wo] to the convolution of xd
// [n, cin, h, w] with the transformed filters u (from winogradFilters, m =
// cout, k = cin), plus bias if not nil, in the canonical order of this
// file.
func winogradForward(c wgConv, xd, u, bias, yd []float32) {
	mr, nr := simd.GemmTile()
	uSize := wgPanels(c.cout, c.cin, mr)
	tb := winogradBlock(c.cin, c.cout)
	tb = (tb + nr - 1) / nr * nr
	tiles := c.tiles()
	plane := c.hq * c.wq
	// Small images (a block holds whole samples): each block pads the
	// samples of its tiles and, if the tiles overhang the output, writes
	// them to whole-tile planes that it crops, all within its own cache.
	// Else the whole input is padded first and the whole output cropped
	// last.
	local := c.th*c.tw <= tb && !winogradLocalOff
	if l := lcm(c.th*c.tw, nr); local && l <= tb {
		tb = tb / l * l // blocks of whole samples: none padded twice
	}
	direct := c.ho%4 == 0 && c.wo%4 == 0 // whole tiles go straight to y
	var xq, yq []float32
	if !local {
		xq = convGetBuf(c.n*c.cin*plane + 8) // +8: the fast input transform reads 2 floats past a tile
		defer convPutBuf(xq)
		c.padInput(xq, xd)
		if !direct {
			yq = convGetBuf(c.n * c.cout * 16 * c.th * c.tw)
			defer convPutBuf(yq)
		}
	}
	yRow, yPlane := c.wo, c.ho*c.wo
	if !direct {
		yRow, yPlane = 4*c.tw, 16*c.th*c.tw
	}
	vSize := wgPad(wgPanels(tb, c.cin, nr)) // V[p]: B panels of nr tiles
	mSize := wgPad(c.cout * tb)             // M[p]: cout×tb
	blas.ParallelFor((tiles+tb-1)/tb, func(b int) {
		v := convGetBuf(36 * vSize)
		m := convGetBuf(36 * mSize)
		defer convPutBuf(v)
		defer convPutBuf(m)
		t0 := b * tb
		nt := min(tb, tiles-t0)
		n0, n1 := 0, c.n
		x, y := xq, yd
		if !direct {
			y = yq
		}
		if local {
			n0, n1 = c.samples(t0, t0+nt)
			x = convGetBuf((n1-n0)*c.cin*plane + 8)
			defer convPutBuf(x)
			c.padSamples(x, xd, n0, n1)
			if !direct {
				y = convGetBuf((n1 - n0) * c.cout * yPlane)
				defer convPutBuf(y)
			}
		}
		tl := t0 - n0*c.th*c.tw // t0 in the tiles of x (and of a block's y)
		var xo, yo [16]int32
		for g := 0; g < nt; {
			lanes := min(16, nt-g, nr-g%nr) // within one panel
			for l := 0; l < lanes; l++ {
				xo[l] = c.tileOrigin(tl+g+l, c.cin, plane, c.wq)
			}
			simd.WinogradInput4(v[wgPanelAt(g, 0, c.cin, nr):], vSize, nr, x, xo[:lanes], c.wq, plane, c.cin)
			g += lanes
		}
		for p := 0; p < 36; p++ {
			wgGemm(c.cout, nt, c.cin, c.cin, u[p*uSize:], v[p*vSize:], m[p*mSize:], tb, false)
		}
		ty := tl // t0 in the tiles of y: a block's own planes, or y itself
		if direct {
			ty = t0
		}
		for g := 0; g < nt; g += 16 {
			lanes := min(16, nt-g)
			for l := 0; l < lanes; l++ {
				yo[l] = c.tileOrigin(ty+g+l, c.cout, yPlane, yRow)
			}
			simd.WinogradOutput4(y, yo[:lanes], yRow, yPlane, m[g:], mSize, tb, bias, c.cout)
		}
		if local && !direct {
			// Only this block's tiles: the first and last samples may
			// be shared with the neighbouring blocks.
			c.cropTiles(yd, y, n0, t0, t0+nt)
		}
	})
	if !local && !direct {
		blas.ParallelFor(c.n, func(n int) {
			per := c.th * c.tw
			c.cropTiles(yd, yq[n*c.cout*yPlane:], n, n*per, (n+1)*per)
		})
	}
}

// convWinogradForward is Conv2d on the Winograd path.
func convWinogradForward(g *convGeom, xd, wd, bias, yd []float32) {
	u := winogradFilters(wd, g.cout, g.cin, false)
	defer convPutBuf(u)
	winogradForward(winogradGeom(g.n, g.cin, g.h, g.w, g.ph, g.pw, g.cout), xd, u, bias, yd)
}

// convWinogradBackwardData is the input gradient on the Winograd path: the
// forward convolution of gy with the rotated, transposed filters and
// padding 2-p, which gives exactly [n, cin, h, w].
func convWinogradBackwardData(g *convGeom, wd, gyd, gxd []float32) {
	u := winogradFilters(wd, g.cout, g.cin, true)
	defer convPutBuf(u)
	winogradForward(winogradGeom(g.n, g.cout, g.ho, g.wo, 2-g.ph, 2-g.pw, g.cin), gyd, u, nil, gxd)
}

// convWinogradBackward computes on the Winograd path the input gradient
// (if gxd is not nil) and the weight gradient (if gwd is not nil).
func convWinogradBackward(g *convGeom, xd, wd, gyd, gxd, gwd []float32) {
	if gxd != nil {
		convWinogradBackwardData(g, wd, gyd, gxd)
	}
	if gwd != nil {
		convWinogradBackwardWeight(g, xd, gyd, gwd)
	}
}
