package ops

import "github.com/neurocortex/neurocortex/simd"

// The forward convolution with the im2col matrix read in place
// (simd.GemmGatherT), where the AVX-512 kernel runs it: per sample and
// group, the output is computed GatherRows pixels of one output row at a
// time, against 32 output channels at a time, as the transposed GEMM tile
// pixels × channels = im2colᵀ · wᵀ. Along an output row at stride 1 the
// taps of consecutive pixels are consecutive elements of the padded image,
// so the kernel broadcasts them from it directly: nothing is packed but
// the filters (once per call), and no output is written twice. Each output
// gets bias + the fma over (ci, kh, kw) in order, Conv2d's canonical
// order: the bits are those of the packed im2col path, which the other
// machines run.

// gatherForward reports whether the forward convolution takes this path:
// the AVX-512 kernel, stride 1 along rows, and enough output channels and
// pixels per row to fill its tiles (at least 3/4 of a 32-channel panel
// and 85% of the pixel rows; short rows such as 32 = 14+14+4 waste a
// third of the last tile and stay with the packed path).
func (g *convGeom) gatherForward() bool {
	if !simd.GemmGatherFast() || convGatherOff || g.sw != 1 || g.kk < 8 {
		return false
	}
	if r := g.coutG % 32; r != 0 && r < 24 {
		return false
	}
	tiles := (g.wo + simd.GatherRows - 1) / simd.GatherRows
	return 100*g.wo >= 85*tiles*simd.GatherRows
}

// convGatherOff sends the forward convolution down the packed im2col path
// (tests compare the two).
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
	bases := baseBuf[:0]
	bases = convTapBases(bases, g, 0, g.kk)
	off := simd.NewGatherOffsets(bases)
	size := g.cinG*g.hp*g.wp + simd.GatherRows // slack: a short last tile reads a full one
	convEachSample(g, func(n int) {
		xp := convGetBuf(size)
		defer convPutBuf(xp)
		clear(xp[size-simd.GatherRows:])
		for gr := 0; gr < g.groups; gr++ {
			g.padPlanes(xp, xd[(n*g.cin+gr*g.cinG)*g.hw:][:g.cinG*g.hw])
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
						simd.GemmGatherT(y[oh*g.wo+ow:], g.howo, rows, cols, xp, oh*g.sh*g.wp+ow, off, b, bq)
					}
				}
			}
		}
	})
}
