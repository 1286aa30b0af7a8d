package ops

import (
	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
)

// The forward convolution with the im2col matrix read in place
// (simd.GemmGatherT), where the AVX-512 kernel runs it: per sample and
// group, the output is computed GatherRows pixels of one output row at a
// time, against 32 output channels at a time, as the transposed GEMM tile
// pixels × channels = im2colᵀ · wᵀ. Along an output row the taps of
// consecutive pixels are consecutive elements of the phased planes
// (conv_phased.go: the padded image, its rows split into column phases
// at strides above 1), so the kernel broadcasts them from there directly:
// nothing is packed but the filters (once per call), and no output is
// written twice. Each output gets bias + the fma over (ci, kh, kw) in
// order, Conv2d's canonical order: the bits are those of the packed
// im2col path, which the other machines run.

// gatherForward reports whether the forward convolution takes this path:
// the AVX-512 kernel and enough output channels and
// pixels per row to fill its tiles (at least 3/4 of a 32-channel panel
// and 85% of the pixel rows; short rows such as 32 = 14+14+4 waste a
// third of the last tile and stay with the packed path).
func (g *convGeom) gatherForward() bool {
	if !g.gatherFits() || g.kk < 8 {
		return false
	}
	if r := g.coutG % 32; r != 0 && r < 24 {
		return false
	}
	tiles := (g.wo + simd.GatherRows - 1) / simd.GatherRows
	return 100*g.wo >= 85*tiles*simd.GatherRows
}

// gatherFits reports whether the gathered kernels run here and can index
// a sample's phased planes (plus their slack) with int32 offsets.
func (g *convGeom) gatherFits() bool {
	return simd.GemmGatherFast() && !convGatherOff && g.phasedSize()+32 <= 1<<31-1
}

// convGatherOff sends the convolutions down the packed im2col paths (tests
// compare them).
var convGatherOff bool

// convGatherForward computes Conv2d by gathered tiles: y [n, cout, ho, wo]
// (every element written) from x, the filters wd and the bias (or nil).
func convGatherForward(g *convGeom, xd, wd, bias, yd []float32) {
	// The filters of each group in B panels of 32 output channels:
	// B[p, j] = w[co0+j, p].
	blocks := (g.coutG + 31) / 32
	wt := convGetBuf(g.groups * blocks * g.kk * 32)
	defer convPutBuf(wt)
	for gr := 0; gr < g.groups; gr++ {
		for q := 0; q < blocks; q++ {
			co0 := gr*g.coutG + 32*q
			cols := min(32, g.coutG-32*q)
			simd.GemmPackT(wt[(gr*blocks+q)*g.kk*32:], 32, wd, co0*g.kk, g.kk, cols, g.kk)
		}
	}
	var baseBuf [512]int
	off := simd.NewGatherOffsets(convPhasedTapBases(baseBuf[:0], g))
	size := g.phasedSize() + simd.GatherRows // slack: a short last tile reads a full one
	convEachSample(g, func(n int) {
		xp := convGetBuf(size)
		defer convPutBuf(xp)
		clear(xp[size-simd.GatherRows:])
		for gr := 0; gr < g.groups; gr++ {
			g.padPlanesPhased(xp, xd[(n*g.cin+gr*g.cinG)*g.hw:][:g.cinG*g.hw])
			for q := 0; q < blocks; q++ {
				co0 := gr*g.coutG + 32*q
				cols := min(32, g.coutG-32*q)
				b := wt[(gr*blocks+q)*g.kk*32:][:g.kk*32]
				var bq []float32
				if bias != nil {
					bq = bias[co0 : co0+cols]
				}
				y := yd[(n*g.cout+co0)*g.howo:]
				for oh := 0; oh < g.ho; oh++ {
					for ow := 0; ow < g.wo; ow += simd.GatherRows {
						rows := min(simd.GatherRows, g.wo-ow)
						xo := oh*g.sh*g.phasedRow() + ow
						simd.GemmGatherT(y[oh*g.wo+ow:], g.howo, rows, cols, xp, xo, xo+simd.GatherSplit, off, b, bq)
					}
				}
			}
		}
	})
}

// gatherWeight reports whether the weight gradient takes gathered tiles:
// the AVX-512 kernel, 7 taps per filter row contiguous in the image (no
// column dilation), chunks of one sample, and output channels that fill
// 3/4 of the 32-wide tiles. The tile is the 14 taps of two filter rows ×
// 32 output channels over a sample's pixels: A[i, p] is the image at pixel
// p's offset plus tap i, read in place (the kernel's two runs of 7), and
// B = gyᵀ packed per sample.
func (g *convGeom) gatherWeight() bool {
	if !g.gatherFits() || g.kw != 7 || g.dw != 1 || convSamplesPerChunk(g.howo) != 1 {
		return false
	}
	r := g.coutG % 32
	return r == 0 || r >= 24
}

// convGatherWeight sets gwd to the weight gradient in the order of
// convBackwardWeight (per sample the GEMM gy·colᵀ over its pixels in
// order, fma from zero; the samples added by blas.SumTree), writing each
// tile transposed straight into the [cout, cin/groups, kh, kw] layout, and
// sums as convBackwardWeight does.
func convGatherWeight(g *convGeom, xd, gyd, gwd, sums []float32) {
	var pixBuf [1024]int
	off := simd.NewGatherOffsets(convPixelOffsets(pixBuf[:0], g, 1, 0, g.howo))
	blocks := (g.coutG + 31) / 32
	size := g.cinG*g.hp*g.wp + simd.GatherRows // slack: the kernel reads whole tiles
	// rowAt is the offset of filter row r = (ci, kh)'s first tap.
	rowAt := func(r int) int { return r/g.kh*g.hp*g.wp + r%g.kh*g.dh*g.wp }
	blas.SumTree(g.n, gwd, func(n int, out []float32) {
		img := convGetBuf(size)
		defer convPutBuf(img)
		clear(img[size-simd.GatherRows:])
		bt := convGetBuf(g.howo * 32)
		defer convPutBuf(bt)
		for gr := 0; gr < g.groups; gr++ {
			gyg := gyd[(n*g.cout+gr*g.coutG)*g.howo:][:g.coutG*g.howo]
			g.padPlanes(img, xd[(n*g.cin+gr*g.cinG)*g.hw:][:g.cinG*g.hw])
			if sums != nil {
				for co := 0; co < g.coutG; co++ {
					sums[n*g.cout+gr*g.coutG+co] = simd.Sum(gyg[co*g.howo:][:g.howo])
				}
			}
			for q := 0; q < blocks; q++ {
				cols := min(32, g.coutG-32*q)
				simd.GemmPackT(bt, 32, gyg, 32*q*g.howo, g.howo, cols, g.howo)
				og := out[(gr*g.coutG+32*q)*g.kk:]
				// Two filter rows (ci, kh) per tile, one run of 7 taps each.
				for r := 0; r < g.cinG*g.kh; r += 2 {
					rows, x2 := 2*g.kw, 0
					if r+1 < g.cinG*g.kh {
						x2 = rowAt(r + 1)
					} else {
						rows = g.kw
					}
					simd.GemmGatherT(og[r*g.kw:], g.kk, rows, cols, img, rowAt(r), x2, off, bt, nil)
				}
			}
		}
	})
}

// gatherBForward reports whether the forward convolution takes tiles with
// the pixels read in place (simd.GemmGatherB): a machine with that kernel
// (AVX-512 or AVX2) and output rows that fill 3/4 of its pixel runs. The
// tile is a few output channels × a run of pixels of one output row; a
// tap's pixels are consecutive elements of the phased planes, read where
// they lie, and only the filters are packed. It
// suits the layers with few output channels that gatherForward's
// 32-channel tiles would leave empty (and all of them on AVX2).
func (g *convGeom) gatherBForward() bool {
	_, cols := simd.GemmGatherBTile()
	if cols == 0 || convGatherOff || g.phasedSize()+32 > 1<<31-1 || g.kk < 4 {
		return false
	}
	tiles := (g.wo + cols - 1) / cols
	return 4*g.wo >= 3*cols*tiles
}

// convGatherBForward computes Conv2d by tiles of output channels × pixels
// with the pixels read in place, every element of yd written, in Conv2d's
// order (bias, then the fma over (ci, kh, kw)).
func convGatherBForward(g *convGeom, xd, wd, bias, yd []float32) {
	mr, nr := simd.GemmGatherBTile()
	mh := min(mr, simd.GemmPanelRows(g.coutG))
	panels := (g.coutG + mh - 1) / mh
	// The filters of each group in A panels of mh output channels (at the
	// kernel's panel stride mr): A[i, p] = w[co0+i, p].
	wp := convGetBuf(g.groups * panels * g.kk * mr)
	defer convPutBuf(wp)
	for gr := 0; gr < g.groups; gr++ {
		for q := 0; q < panels; q++ {
			co0 := gr*g.coutG + q*mh
			simd.GemmPackT(wp[(gr*panels+q)*g.kk*mr:], mr, wd, co0*g.kk, g.kk, min(mh, g.coutG-q*mh), g.kk)
		}
	}
	var baseBuf [512]int
	off := simd.NewGatherOffsets(convPhasedTapBases(baseBuf[:0], g))
	size := g.phasedSize() + 32 // slack: the kernel reads 32 pixels per tap
	convEachSample(g, func(n int) {
		xp := convGetBuf(size)
		defer convPutBuf(xp)
		clear(xp[size-32:])
		for gr := 0; gr < g.groups; gr++ {
			g.padPlanesPhased(xp, xd[(n*g.cin+gr*g.cinG)*g.hw:][:g.cinG*g.hw])
			for q := 0; q < panels; q++ {
				co0 := gr*g.coutG + q*mh
				rows := min(mh, g.coutG-q*mh)
				a := wp[(gr*panels+q)*g.kk*mr:][:g.kk*mr]
				var bq []float32
				if bias != nil {
					bq = bias[co0 : co0+rows]
				}
				y := yd[(n*g.cout+co0)*g.howo:]
				for oh := 0; oh < g.ho; oh++ {
					for ow := 0; ow < g.wo; ow += nr {
						cols := min(nr, g.wo-ow)
						simd.GemmGatherB(y[oh*g.wo+ow:], g.howo, rows, cols, a, mr, xp, oh*g.sh*g.phasedRow()+ow, off, bq, false)
					}
				}
			}
		}
	})
}
