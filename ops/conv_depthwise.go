package ops

import (
	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
)

// Direct kernels for depthwise convolutions (each group one input channel,
// Cout = multiplier × Cin) with stride 1: memory-bound, and far too thin
// for the GEMM (a 1×9 product per group). They work on "wide" planes: the
// input is copied into a zero-padded plane of width Wp = W + 2*PadW, and
// an output plane is computed with the same width, so that one tap is a
// single simd.Axpy over the whole plane (output pixel (oh, ow) at
// oh*Wp + ow reads the padded input at (oh + kh*dh)*Wp + ow + kw*dw); the
// columns ow >= Wo are scratch and thrown away.
//
// Orders: the forward pass accumulates fma over the taps in (kh, kw) order
// from the bias, padding included (simd.DepthwiseWide, in registers): exactly the order of the GEMM path, so
// the bits are the same as the general convolution's (for finite weights:
// the scratch columns meet the weights as zeros). The input gradient
// accumulates, from zero, fma(w[co,kh,kw], gy[co,...], acc) for kh, kw in
// order and, inside, the multiplier's channels co in order: its own order,
// one pass per tap instead of the GEMM path's products-then-sums. The
// weight gradient is per sample the canonical simd.Dot of the wide planes
// of gy and of the shifted input (zeros in the scratch columns), the
// samples of a chunk added in order and the chunks by blas.SumTree, as in
// the general path.

// convNoDirect sends every convolution down the GEMM path (for tests).
var convNoDirect bool

// direct reports whether the convolution takes the depthwise kernels.
func (g *convGeom) direct() bool {
	return !convNoDirect && g.groups > 1 && g.cinG == 1 && g.sh == 1 && g.sw == 1
}

// dwWideLen returns the length of a wide output plane, rounded up to a
// multiple of 16 so that the simd kernels never run their scalar tails
// (the padded planes get as much slack).
func (g *convGeom) dwWideLen() int {
	return ((g.ho-1)*g.wp + g.wo + dwSlack - 1) / dwSlack * dwSlack
}

const dwSlack = 16

// dwPlane is the length of a padded plane with its slack.
func (g *convGeom) dwPlane() int { return g.hp*g.wp + dwSlack }

// dwPad copies plane (H×W) into the middle of xp (Hp×Wp), zeroing the rest.
func (g *convGeom) dwPad(xp, plane []float32) {
	wp, hp := g.wp, g.hp
	clear(xp[:g.ph*wp])
	for ih := 0; ih < g.h; ih++ {
		row := xp[(g.ph+ih)*wp : (g.ph+ih+1)*wp]
		clear(row[:g.pw])
		copy(row[g.pw:g.pw+g.w], plane[ih*g.w:(ih+1)*g.w])
		clear(row[g.pw+g.w:])
	}
	clear(xp[(g.ph+g.h)*wp : hp*wp+dwSlack])
}

// dwWide copies an output-shaped plane (Ho×Wo) into a wide plane, zeroing
// the scratch columns.
func (g *convGeom) dwWide(dst, plane []float32) {
	wp, wide := g.wp, g.dwWideLen()
	dst = dst[:wide]
	for oh := 0; oh < g.ho; oh++ {
		copy(dst[oh*wp:oh*wp+g.wo], plane[oh*g.wo:(oh+1)*g.wo])
		clear(dst[oh*wp+g.wo : min(wide, (oh+1)*wp)])
	}
	clear(dst[min(wide, g.ho*wp):])
}

// dwTap returns the offset in the padded plane of tap (kh, kw).
func (g *convGeom) dwTap(kh, kw int) int {
	return kh*g.dh*g.wp + kw*g.dw
}

func convDepthwiseForward(g *convGeom, xd, wd, bias, yd []float32) {
	wp, wide := g.wp, g.dwWideLen()
	mult := g.coutG
	k2 := g.kh * g.kw
	// rows: where each output row starts in a wide plane, for copying the
	// rows out in one call when they are short enough.
	var rows []int
	if g.wo <= 32 && simd.CopyRunsFast() {
		rows = make([]int, g.ho)
		for oh := range rows {
			rows[oh] = oh * wp
		}
	}
	blas.ParallelFor(g.n*g.cin, func(item int) {
		n, c := item/g.cin, item%g.cin
		np := g.dwPlane()
		buf := convGetBuf(np + wide)
		defer convPutBuf(buf)
		xp, yw := buf[:np], buf[np:]
		g.dwPad(xp, xd[(n*g.cin+c)*g.hw:][:g.hw])
		for m := 0; m < mult; m++ {
			co := c*mult + m
			var b0 float32
			if bias != nil {
				b0 = bias[co]
			}
			simd.DepthwiseWide(yw[:wide], xp, 0, wd[co*k2:(co+1)*k2], g.kh, g.kw, g.dh*wp, g.dw, b0)
			y := yd[(n*g.cout+co)*g.howo:][:g.howo]
			if rows != nil {
				simd.CopyRuns(y, g.wo, yw, rows, 0, g.wo)
				continue
			}
			for oh := 0; oh < g.ho; oh++ {
				copy(y[oh*g.wo:(oh+1)*g.wo], yw[oh*wp:oh*wp+g.wo])
			}
		}
	})
}

func convDepthwiseBackward(g *convGeom, xd, wd, gyd, gxd, gwd []float32) {
	wide, np := g.dwWideLen(), g.dwPlane()
	mult, k2 := g.coutG, g.kh*g.kw
	// With one channel per group the input gradient is gathered by
	// simd.DepthwiseWide walking the taps backwards over gy, its wide
	// planes framed by front and back zeros for the taps that fall off
	// them; it computes rows ph.. of the padded plane from i0 on, gl
	// elements. Adding fma(w, 0, acc) changes no sum the scatter makes
	// (for finite weights, and acc starts at +0 so it is never -0).
	gather := mult == 1
	i0 := g.ph * g.wp
	gl := ((g.h-1)*g.wp + g.pw + g.w + dwSlack - 1) / dwSlack * dwSlack
	maxTap := g.dwTap(g.kh-1, g.kw-1)
	front := max(0, maxTap-i0)
	back := max(0, i0+gl-wide)
	var inRows []int
	if gather && g.w <= 32 && simd.CopyRunsFast() {
		inRows = make([]int, g.h)
		for ih := range inRows {
			inRows[ih] = ih * g.wp
		}
	}
	bufLen := 2*np + front + mult*wide + back
	// plane does the work of sample n, channel c with the scratch buf: the
	// input gradient if gx, and the weight-gradient dots into out (stored
	// if first, else added) if out is not nil.
	plane := func(n, c int, buf []float32, gx bool, out []float32, first bool) {
		gxp, xp, frame := buf[:np], buf[np:2*np], buf[2*np:]
		gyw := frame[front : front+mult*wide]
		for m := 0; m < mult; m++ {
			g.dwWide(gyw[m*wide:], gyd[(n*g.cout+c*mult+m)*g.howo:][:g.howo])
		}
		if gx && gather {
			clear(frame[:front])
			clear(frame[front+wide:])
			simd.DepthwiseWide(gxp[:gl], frame, front+i0, wd[c*k2:(c+1)*k2], g.kh, g.kw, -g.dh*g.wp, -g.dw, 0)
			dst := gxd[(n*g.cin+c)*g.hw:][:g.hw]
			if inRows != nil {
				simd.CopyRuns(dst, g.w, gxp, inRows, g.pw, g.w)
			} else {
				for ih := 0; ih < g.h; ih++ {
					copy(dst[ih*g.w:(ih+1)*g.w], gxp[ih*g.wp+g.pw:])
				}
			}
		} else if gx {
			clear(gxp)
			for kh := 0; kh < g.kh; kh++ {
				for kw := 0; kw < g.kw; kw++ {
					d := gxp[g.dwTap(kh, kw):][:wide]
					for m := 0; m < mult; m++ {
						simd.Axpy(wd[(c*mult+m)*k2+kh*g.kw+kw], gyw[m*wide:(m+1)*wide], d)
					}
				}
			}
			dst := gxd[(n*g.cin+c)*g.hw:][:g.hw]
			for ih := 0; ih < g.h; ih++ {
				copy(dst[ih*g.w:(ih+1)*g.w], gxp[(g.ph+ih)*g.wp+g.pw:])
			}
		}
		if out != nil {
			g.dwPad(xp, xd[(n*g.cin+c)*g.hw:][:g.hw])
			for m := 0; m < mult; m++ {
				co := c*mult + m
				for kh := 0; kh < g.kh; kh++ {
					for kw := 0; kw < g.kw; kw++ {
						v := simd.Dot(gyw[m*wide:(m+1)*wide], xp[g.dwTap(kh, kw):])
						if o := &out[co*k2+kh*g.kw+kw]; first {
							*o = v
						} else {
							*o += v
						}
					}
				}
			}
		}
	}
	// With enough samples the leaves of the weight gradient's sum tree
	// compute the input gradient of their samples too, while the planes
	// are in cache; otherwise the input gradient runs over all planes in
	// parallel first.
	// gxd or gwd nil: that gradient is not wanted.
	fused := g.n >= 2*blas.Threads() && gxd != nil
	if gwd == nil {
		fused = false
	}
	if !fused && gxd != nil {
		blas.ParallelFor(g.n*g.cin, func(item int) {
			buf := convGetBuf(bufLen)
			defer convPutBuf(buf)
			plane(item/g.cin, item%g.cin, buf, true, nil, false)
		})
	}
	if gwd == nil {
		return
	}
	per := convSamplesPerChunk(g.howo)
	chunks := (g.n + per - 1) / per
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
