package ops

import (
	"fmt"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// Conv2dParams are the hyper-parameters of a 2-D convolution. Zero values
// mean stride 1, padding 0, dilation 1 and one group.
type Conv2dParams struct {
	StrideH, StrideW     int
	PadH, PadW           int
	DilationH, DilationW int
	Groups               int
}

// Conv2d returns the 2-D cross-correlation (PyTorch's conv2d) of x
// [N, Cin, H, W] with the filters w [Cout, Cin/Groups, KH, KW], plus the
// bias b [Cout] if b is not nil: a [N, Cout, Ho, Wo] tensor with
// Ho = (H + 2*PadH - DilationH*(KH-1) - 1)/StrideH + 1, and Wo alike.
//
// The order of operations is that of a GEMM over the im2col matrix, per
// sample and group: each output starts from its bias (or zero) and
// accumulates fma(w[co,ci,kh,kw], x[n,ci,ih,iw], acc) for ci, kh, kw in
// order, taps in the padding contributing fma(w, 0, acc). Depthwise
// convolutions (Groups == Cin) with stride 1 take a direct kernel, and
// stride-1 convolutions on AVX-512 or AVX2 take kernels that read the
// image in place instead of packing its im2col matrix (conv_gather.go):
// both follow the same order and give the same bits.
//
// Exception: 3x3 filters with stride 1, no dilation, one group, padding 0
// to 2 and at least 16 input and output channels take the Winograd
// F(4x4, 3x3) algorithm (4x fewer products), whose documented order
// (conv_winograd.go: transformed filters, inputs and outputs, one GEMM per
// transform position) gives different bits from the im2col order, the same
// on every platform and for any number of threads. Its input and weight
// gradients follow that file's orders too.
func Conv2d(x, w, b *tensor.Tensor, p Conv2dParams) *tensor.Tensor {
	g := convGeometry("Conv2d", x, w, b, p)
	y := tensor.Empty(g.n, g.cout, g.ho, g.wo) // every path writes every output
	var bias []float32
	if b != nil {
		bias = b.Data()
	}
	convForward(&g, x.Data(), w.Data(), bias, y.Data())
	return y
}

// convForward sets yd to the convolution of xd with the filters wd plus
// bias (or nil), in Conv2d's order, writing every element.
func convForward(g *convGeom, xd, wd, bias, yd []float32) {
	switch {
	case g.direct():
		convDepthwiseForward(g, xd, wd, bias, yd)
		return
	case g.winograd(): // Winograd F(4x4,3x3) path and its order: conv_winograd.go
		convWinogradForward(g, xd, wd, bias, yd)
		return
	case g.gatherForward(): // the same order, im2col read in place: conv_gather.go
		convGatherForward(g, xd, wd, bias, yd)
		return
	case g.gatherBForward(): // likewise, pixels in place: conv_gather.go
		convGatherBForward(g, xd, wd, bias, yd)
		return
	}
	pre := convPrepack(g, wd, false)
	defer convRelease(pre)
	convEachSample(g, func(n int) {
		xp := convGetBuf(g.cinG * g.hp * g.wp)
		defer convPutBuf(xp)
		for gr := 0; gr < g.groups; gr++ {
			yg := yd[(n*g.cout+gr*g.coutG)*g.howo:][:g.coutG*g.howo]
			if bias != nil {
				for co := 0; co < g.coutG; co++ {
					convFill(yg[co*g.howo:(co+1)*g.howo], bias[gr*g.coutG+co])
				}
			}
			g.padPlanes(xp, xd[(n*g.cin+gr*g.cinG)*g.hw:][:g.cinG*g.hw])
			blas.SgemmPack(g.coutG, g.howo, g.kk, pre[gr].Pack,
				func(dst []float32, p0, kc, j0, cols, nr int) { g.packCol(dst, xp, p0, kc, j0, cols, nr) },
				yg, g.howo, bias != nil)
		}
	})
}

// Conv2dBackward returns the gradients of Conv2d(x, w, b, p) with respect
// to x, w and, if needBias, b (else gb is nil), given the gradient gy of
// its output.
//
// Orders (general path): at stride 1, with padding at most
// dilation·(k−1), the input gradient is exactly Conv2d(gy, w', nil, p'):
// the forward convolution, in its order, of gy with the filters rotated by
// 180 degrees and their two channel axes swapped within each group
// (w'[g·Cin/groups+ci, co, kh, kw] = w[g·Cout/groups+co, ci, KH−1−kh,
// KW−1−kw]) and padding p' = dilation·(k−1) − padding. Otherwise it is,
// per sample and group, the GEMM wᵀ·gy in canonical order (over the
// output channels of the group), scattered back to the image by plain
// float32 additions in increasing (kh, kw) order for each input element
// (col2im). The weight gradient sums
// per-chunk GEMMs gy·colᵀ over chunks of convSamplesPerChunk samples with
// blas.SumTree: it equals blas.SgemmKSplit on the batch's im2col matrix with
// kChunk = samples per chunk × Ho×Wo, whatever the number of threads. The
// bias gradient adds, for each channel, the canonical simd.Sum of each
// sample's plane in sample order. Depthwise stride-1 convolutions use the
// direct kernels of conv_depthwise.go, whose gradients have their own
// documented orders.
func Conv2dBackward(x, w, gy *tensor.Tensor, p Conv2dParams, needBias bool) (gx, gw, gb *tensor.Tensor) {
	return convBackward("Conv2dBackward", x, w, gy, p, true, true, needBias)
}

// Conv2dBackwardInput returns only the input gradient of Conv2dBackward
// (the same bits), for an input that needs no weight gradient.
func Conv2dBackwardInput(x, w, gy *tensor.Tensor, p Conv2dParams) *tensor.Tensor {
	gx, _, _ := convBackward("Conv2dBackwardInput", x, w, gy, p, true, false, false)
	return gx
}

// Conv2dBackwardParams returns only the weight gradient and, if needBias,
// the bias gradient of Conv2dBackward (the same bits), for a first layer
// whose input needs no gradient.
func Conv2dBackwardParams(x, w, gy *tensor.Tensor, p Conv2dParams, needBias bool) (gw, gb *tensor.Tensor) {
	_, gw, gb = convBackward("Conv2dBackwardParams", x, w, gy, p, false, true, needBias)
	return gw, gb
}

func convBackward(op string, x, w, gy *tensor.Tensor, p Conv2dParams, needInput, needWeight, needBias bool) (gx, gw, gb *tensor.Tensor) {
	g := convGeometry(op, x, w, nil, p)
	if !tensor.SameShape(gy.Shape(), []int{g.n, g.cout, g.ho, g.wo}) {
		panic(fmt.Sprintf("ops: %s: gradient shape %v, want [%d %d %d %d] (x %v, w %v)",
			op, gy.Shape(), g.n, g.cout, g.ho, g.wo, x.Shape(), w.Shape()))
	}
	var gxd, gwd []float32
	if needInput {
		// The direct, Winograd and stride-1 paths write every input
		// gradient, and so does col2im at column strides above 1 (it
		// sums into its own phased buffer); otherwise col2im adds its
		// columns into zeros.
		if g.direct() || g.winograd() || g.flipInputGrad() || g.sw > 1 {
			gx = tensor.Empty(x.Shape()...)
		} else {
			gx = tensor.New(x.Shape()...)
		}
		gxd = gx.Data()
	}
	if needWeight {
		gw = tensor.Empty(w.Shape()...)
		gwd = gw.Data()
	}
	var sums []float32 // per-sample plane sums of gy, taken by the weight gradient
	switch {
	case g.direct():
		convDepthwiseBackward(&g, x.Data(), w.Data(), gy.Data(), gxd, gwd)
	case g.winograd(): // Winograd F(4x4,3x3) path and its orders: conv_winograd*.go
		convWinogradBackward(&g, x.Data(), w.Data(), gy.Data(), gxd, gwd)
	default:
		if needInput {
			convBackwardData(&g, w.Data(), gy.Data(), gxd)
		}
		if needWeight {
			if needBias {
				sums = convGetBuf(g.n * g.cout)
				defer convPutBuf(sums)
			}
			convBackwardWeight(&g, x.Data(), gy.Data(), gwd, sums)
		}
	}
	if needBias {
		gb = tensor.New(g.cout)
		if sums != nil {
			convBiasFromSums(&g, sums, gb.Data())
		} else {
			convBackwardBias(&g, gy.Data(), gb.Data())
		}
	}
	return gx, gw, gb
}

// convBackwardData computes the input gradient. At stride 1 (padding at
// most the dilated kernel's extent less one) it is the forward convolution
// of gy with the rotated, channel-swapped filters (convGeom.inputGrad), in
// Conv2d's order. Otherwise, per sample and group, colgrad = wᵀ·gy on
// blocks of output rows, each block scattered into gx as soon as it is
// computed (so it stays in cache). The blocks go from the last output row
// to the first: together with the tap order inside a block this adds the
// contributions to every input element in increasing (kh, kw) order,
// whatever the block size (a larger kh reaches an input row from an
// earlier output row).
func convBackwardData(g *convGeom, wd, gyd, gxd []float32) {
	if g.flipInputGrad() {
		f, _ := g.inputGrad()
		wf := convGetBuf(len(wd))
		defer convPutBuf(wf)
		convFlipFilters(g, wd, wf)
		convForward(&f, gyd, wf, nil, gxd)
		return
	}
	rows := convRowsPerBlock
	if rows <= 0 {
		rows = g.rowsPerBlock()
	}
	rows = min(rows, g.ho)
	pre := convPrepack(g, wd, true)
	defer convRelease(pre)
	convEachSample(g, func(n int) {
		buf := convGetBuf(g.kk * rows * g.wo)
		defer convPutBuf(buf)
		var phased []float32 // the group's input gradient in column phases
		if g.sw > 1 {
			phased = convGetBuf(g.cinG * g.h * g.gradPhasedRow())
			defer convPutBuf(phased)
		}
		for gr := 0; gr < g.groups; gr++ {
			gyg := gyd[(n*g.cout+gr*g.coutG)*g.howo:][:g.coutG*g.howo]
			gxg := gxd[(n*g.cin+gr*g.cinG)*g.hw:][:g.cinG*g.hw]
			dst := gxg
			if phased != nil {
				clear(phased)
				dst = phased
			}
			for oh1 := g.ho; oh1 > 0; oh1 -= rows {
				oh0 := max(0, oh1-rows)
				nb := (oh1 - oh0) * g.wo
				cg := buf[:g.kk*nb]
				blas.SgemmPackA(g.kk, nb, g.coutG, pre[gr].Pack, false, gyg[oh0*g.wo:], g.howo, cg, nb, false)
				g.col2im(dst, cg, oh0, oh1)
			}
			if phased != nil {
				g.unphaseGrad(gxg, phased)
			}
		}
	})
}

// rowsPerBlock chooses the output rows per block of the input gradient:
// the colgrad block (kk × rows*Wo) should stay in L2 (at most 160K floats,
// 640 KiB), and its columns should fill the micro-kernel's panels (the
// GEMM's n is rows*Wo, computed in whole panels of nr). Among the sizes
// that fit, the one with the least padded work wins, ties going to the
// larger blocks. The bits do not depend on the choice.
func (g *convGeom) rowsPerBlock() int {
	const limit = 160 << 10
	_, nr := simd.GemmTile()
	padded := func(cols int) int { return (cols + nr - 1) / nr * nr }
	best, bestWork := 1, -1
	for r := 1; r <= g.ho; r++ {
		if r > 1 && g.kk*r*g.wo > limit {
			break
		}
		blocks := (g.ho + r - 1) / r
		work := (blocks-1)*padded(r*g.wo) + padded((g.ho-(blocks-1)*r)*g.wo)
		if bestWork < 0 || work <= bestWork {
			best, bestWork = r, work
		}
	}
	return best
}

// flipInputGrad reports whether the input gradient is the forward
// convolution of convGeom.inputGrad rather than col2im.
func (g *convGeom) flipInputGrad() bool {
	_, ok := g.inputGrad()
	return ok && !convNoFlip
}

// convNoFlip sends stride-1 input gradients down the col2im path (tests of
// that path on stride-1 shapes).
var convNoFlip bool

// convPrepack packs the filters of every group once for all samples: as
// the A operand of the forward GEMM (w, coutG×kk) or, if trans, of the
// input gradient's (wᵀ, kk×coutG).
func convPrepack(g *convGeom, wd []float32, trans bool) []*blas.PrepackedA {
	pre := make([]*blas.PrepackedA, g.groups)
	for gr := range pre {
		wg := wd[gr*g.coutG*g.kk:][:g.coutG*g.kk]
		if trans {
			pre[gr] = blas.PrepackA(true, g.kk, g.coutG, wg, max(1, g.kk))
		} else {
			pre[gr] = blas.PrepackA(false, g.coutG, g.kk, wg, max(1, g.kk))
		}
	}
	return pre
}

func convRelease(pre []*blas.PrepackedA) {
	for _, p := range pre {
		p.Release()
	}
}

// convRowsPerBlock, if positive, overrides the output rows per block of
// convBackwardData (for tests: the bits must not depend on it).
var convRowsPerBlock int

// convSamplesPerChunk returns the samples of one leaf of the weight
// gradient's sum tree: enough for at least 512 output pixels, so that the
// tree additions stay cheap next to the GEMMs of small images. It depends
// only on the shape, never on the threads.
func convSamplesPerChunk(howo int) int {
	return max(1, (512+howo-1)/max(1, howo))
}

// convGWFlip forces the orientation of the weight-gradient GEMM (for
// tests: 1 gy·colᵀ, 2 col·gyᵀ; 0 chooses).
var convGWFlip int

// convBackwardWeight computes the weight gradient as a sum over chunks of
// samples: each chunk is one GEMM gy·colᵀ in canonical order over its
// pixels (sample by sample), and the chunks are added by blas.SumTree.
//
// The GEMM packs colᵀ straight from a copy of the image in the layout of
// gwNHWC, taking the taps in that layout's order, and runs either as
// gy·colᵀ or transposed as col·gyᵀ, whichever fills the micro-kernel's
// tiles better; the result is permuted back to [Cout, Cin/groups, KH, KW].
// None of this changes any element's sum.
//
// If sums is not nil, it also sets sums[n*Cout+co] to simd.Sum of the
// plane gy[n, co], read while the GEMM has it in cache, for the bias
// gradient (convBiasFromSums).
func convBackwardWeight(g *convGeom, xd, gyd, gwd, sums []float32) {
	if g.gatherWeight() { // the same order, the image read in place: conv_gather.go
		convGatherWeight(g, xd, gyd, gwd, sums)
		return
	}
	nhwc := g.gwNHWC()
	mr, nr := simd.GemmTile()
	fill := func(m, n int) float64 {
		return float64(m) / float64((m+mr-1)/mr*mr) * float64(n) / float64((n+nr-1)/nr*nr)
	}
	flip := fill(g.kk, g.coutG) > 1.15*fill(g.coutG, g.kk)
	if convGWFlip != 0 {
		flip = convGWFlip == 2
	}
	per := convSamplesPerChunk(g.howo)
	chunks := (g.n + per - 1) / per
	sum := convGetBuf(g.cout * g.kk) // per group [coutG, kk] or, flipped, [kk, coutG]
	defer convPutBuf(sum)
	blas.SumTree(chunks, sum, func(c int, out []float32) {
		img := convGetBuf(g.cinG*g.hp*g.wp + 1)
		defer convPutBuf(img)
		for n := c * per; n < min(g.n, (c+1)*per); n++ {
			for gr := 0; gr < g.groups; gr++ {
				gyg := gyd[(n*g.cout+gr*g.coutG)*g.howo:][:g.coutG*g.howo]
				xg := xd[(n*g.cin+gr*g.cinG)*g.hw:][:g.cinG*g.hw]
				if nhwc {
					g.padPixels(img, xg)
				} else {
					g.padPlanes(img, xg)
				}
				og := out[gr*g.coutG*g.kk:][:g.coutG*g.kk]
				if sums != nil {
					for co := 0; co < g.coutG; co++ {
						sums[n*g.cout+gr*g.coutG+co] = simd.Sum(gyg[co*g.howo:][:g.howo])
					}
				}
				acc := n > c*per
				if flip {
					blas.SgemmPackA(g.kk, g.coutG, g.howo,
						func(dst []float32, i0, rows, p0, kc, mr int) { g.packColT(dst, img, nhwc, p0, kc, i0, rows, mr) },
						true, gyg, max(1, g.howo), og, max(1, g.coutG), acc)
				} else {
					blas.SgemmPackB(false, g.coutG, g.kk, g.howo, gyg, max(1, g.howo),
						func(dst []float32, p0, kc, j0, cols, nr int) { g.packColT(dst, img, nhwc, p0, kc, j0, cols, nr) },
						og, max(1, g.kk), acc)
				}
			}
		}
	})
	for gr := 0; gr < g.groups; gr++ {
		sg := sum[gr*g.coutG*g.kk:][:g.coutG*g.kk]
		for co := 0; co < g.coutG; co++ {
			dst := gwd[(gr*g.coutG+co)*g.kk:][:g.kk]
			for ci := 0; ci < g.cinG; ci++ {
				for kh := 0; kh < g.kh; kh++ {
					for kw := 0; kw < g.kw; kw++ {
						j := g.gwTapIndex(ci, kh, kw, nhwc)
						v := sg[co*g.kk+j]
						if flip {
							v = sg[j*g.coutG+co]
						}
						dst[(ci*g.kh+kh)*g.kw+kw] = v
					}
				}
			}
		}
	}
}

// convBackwardBias sets gb[co] to the sum over samples, in order, of the
// canonical simd.Sum of gy[n, co].
func convBackwardBias(g *convGeom, gyd, gbd []float32) {
	blas.ParallelFor(g.cout, func(co int) {
		var acc float32
		for n := 0; n < g.n; n++ {
			acc += simd.Sum(gyd[(n*g.cout+co)*g.howo:][:g.howo])
		}
		gbd[co] = acc
	})
}

// convBiasFromSums sets gb[co] as convBackwardBias does, from the plane
// sums sums[n*Cout+co] of convBackwardWeight: the same additions in the
// same order, without a second pass over gy.
func convBiasFromSums(g *convGeom, sums, gbd []float32) {
	for co := 0; co < g.cout; co++ {
		var acc float32
		for n := 0; n < g.n; n++ {
			acc += sums[n*g.cout+co]
		}
		gbd[co] = acc
	}
}

// convEachSample runs f over the samples of the batch: in parallel when
// there are enough samples to keep the threads busy (each f then runs its
// GEMMs single-threaded), else one after another with the threads inside
// the GEMMs. Each sample is the same computation either way.
func convEachSample(g *convGeom, f func(n int)) {
	if g.n >= 2*blas.Threads() || (g.n > 1 && g.howo*g.kk*g.coutG < 1<<20) {
		blas.ParallelFor(g.n, f)
		return
	}
	for n := 0; n < g.n; n++ {
		f(n)
	}
}

// convFill sets every element of x to v: a few stores, then doubling
// copies (memmove runs at vector width; a Go loop stores one at a time).
func convFill(x []float32, v float32) {
	n := min(len(x), 16)
	for i := 0; i < n; i++ {
		x[i] = v
	}
	for n < len(x) {
		n += copy(x[n:], x[:n])
	}
}
