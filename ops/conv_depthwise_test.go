package ops

import (
	"fmt"
	"testing"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// dwWeightGradCases are the depthwise cases of convCases plus shapes whose
// output rows are wider than one 16-column block and not a multiple of it,
// and a batch large enough for the fused pass at two threads.
var dwWeightGradCases = append(append([]convCase(nil), convCases...),
	convCase{n: 5, cin: 2, h: 6, w: 21, cout: 2, kh: 3, kw: 3, p: Conv2dParams{Groups: 2, PadH: 1, PadW: 1}},
	convCase{n: 4, cin: 2, h: 3, w: 33, cout: 4, kh: 5, kw: 2, p: Conv2dParams{Groups: 2, PadH: 2, PadW: 0}},
	convCase{n: 9, cin: 1, h: 4, w: 4, cout: 1, kh: 1, kw: 1, p: Conv2dParams{}},
)

// TestConv2dDepthwiseWeightGradOrder checks the depthwise kernel's weight
// gradient bit for bit against its documented order: per sample, the
// canonical simd.Dot of gy's plane and the tap's input plane, each laid out
// in blocks of 16 columns (zero past Wo), block after block, the rows of a
// block in order; the samples of a chunk added in order, the chunks by
// blas.SumTree.
func TestConv2dDepthwiseWeightGradOrder(t *testing.T) {
	for i, c := range dwWeightGradCases {
		x, w, b := c.tensors(uint64(1100 + i))
		g := convGeometry("test", x, w, b, c.p)
		if !g.direct() {
			continue
		}
		gy := laRand(laRNG(uint64(1150+i)), c.n, c.cout, g.ho, g.wo)
		xd, gyd := x.Data(), gy.Data()
		nb := (g.wo + 15) / 16
		// dot returns the documented per-sample value of tap (kh, kw) of
		// output channel co: the planes laid out in blocks of 16 columns,
		// zero past Wo, block after block, the rows of a block in order.
		dot := func(n, co, kh, kw int) float32 {
			a, v := make([]float32, nb*g.ho*16), make([]float32, nb*g.ho*16)
			ci := co / g.coutG
			for oh := 0; oh < g.ho; oh++ {
				for ow := 0; ow < g.wo; ow++ {
					i := (ow/16*g.ho+oh)*16 + ow%16
					a[i] = gyd[((n*g.cout+co)*g.ho+oh)*g.wo+ow]
					ih, iw := oh-g.ph+kh*g.dh, ow-g.pw+kw*g.dw
					if ih >= 0 && ih < g.h && iw >= 0 && iw < g.w {
						v[i] = xd[((n*g.cin+ci)*g.h+ih)*g.w+iw]
					}
				}
			}
			return simd.Dot(a, v)
		}
		per := convSamplesPerChunk(g.howo)
		want := make([]float32, w.Size())
		blas.SumTree((g.n+per-1)/per, want, func(ch int, out []float32) {
			clear(out)
			for n := ch * per; n < min(g.n, (ch+1)*per); n++ {
				for co := 0; co < g.cout; co++ {
					for kh := 0; kh < g.kh; kh++ {
						for kw := 0; kw < g.kw; kw++ {
							j := (co*g.kh+kh)*g.kw + kw
							if n == ch*per {
								out[j] = dot(n, co, kh, kw)
							} else {
								out[j] += dot(n, co, kh, kw)
							}
						}
					}
				}
			}
		})
		laThreads([]int{1, 2}, func(th int) {
			_, gw, _ := Conv2dBackward(x, w, gy, c.p, false)
			laSameBits(t, fmt.Sprintf("%v threads=%d", c, th), gw, tensor.FromSlice(want, w.Shape()...))
			gw2, _ := Conv2dBackwardParams(x, w, gy, c.p, false)
			laSameBits(t, fmt.Sprintf("%v threads=%d, parameters only", c, th), gw2, gw)
		})
	}
}

// TestConv2dDepthwiseShapes runs the direct kernels against the GEMM path
// on images smaller than, equal to and just larger than the kernel, where
// the padded rows at the top and bottom overlap or leave no interior.
func TestConv2dDepthwiseShapes(t *testing.T) {
	for i, c := range []convCase{
		{n: 2, cin: 2, h: 1, w: 1, cout: 2, kh: 3, kw: 3, p: Conv2dParams{Groups: 2, PadH: 1, PadW: 1}, bias: true},
		{n: 2, cin: 2, h: 2, w: 3, cout: 4, kh: 3, kw: 3, p: Conv2dParams{Groups: 2, PadH: 2, PadW: 2}, bias: true},
		{n: 1, cin: 3, h: 3, w: 17, cout: 3, kh: 3, kw: 3, p: Conv2dParams{Groups: 3, PadH: 1, PadW: 1}},
		{n: 1, cin: 2, h: 5, w: 5, cout: 2, kh: 5, kw: 5, p: Conv2dParams{Groups: 2}},
		{n: 2, cin: 2, h: 4, w: 4, cout: 2, kh: 3, kw: 3, p: Conv2dParams{Groups: 2, PadH: 3, PadW: 0, DilationH: 3}},
	} {
		x, w, b := c.tensors(uint64(1200 + i))
		g := convGeometry("test", x, w, b, c.p)
		if !g.direct() {
			t.Fatalf("%v: not direct", c)
		}
		y := Conv2d(x, w, b, c.p)
		gy := laRand(laRNG(uint64(1250+i)), y.Shape()...)
		gx, gw, _ := Conv2dBackward(x, w, gy, c.p, false)
		convNoDirect = true
		y2 := Conv2d(x, w, b, c.p)
		gx2, gw2, _ := Conv2dBackward(x, w, gy, c.p, false)
		convNoDirect = false
		laSameBits(t, c.String()+" forward", y, y2)
		laSameBits(t, c.String()+" input gradient order", gx, dwInputGradRef(&g, w, gy))
		laClose(t, c.String()+" input gradient", gx.Data(), laF64(gx2), 1e-5, 1e-5)
		laClose(t, c.String()+" weight gradient", gw.Data(), laF64(gw2), 1e-5, 1e-5)
	}
}

// dwInputGradRef is the depthwise input gradient in its documented order:
// fma over (kh, kw) and, inside, the multiplier's channels, from zero.
func dwInputGradRef(g *convGeom, w, gy *tensor.Tensor) *tensor.Tensor {
	gx := tensor.New(g.n, g.cin, g.h, g.w)
	wd, gyd, gxd := w.Data(), gy.Data(), gx.Data()
	for n := 0; n < g.n; n++ {
		for ci := 0; ci < g.cin; ci++ {
			for ih := 0; ih < g.h; ih++ {
				for iw := 0; iw < g.w; iw++ {
					var acc float32
					for kh := 0; kh < g.kh; kh++ {
						for kw := 0; kw < g.kw; kw++ {
							oh, ow := ih+g.ph-kh*g.dh, iw+g.pw-kw*g.dw
							if oh < 0 || oh >= g.ho || ow < 0 || ow >= g.wo {
								continue
							}
							for m := 0; m < g.coutG; m++ {
								co := ci*g.coutG + m
								acc = simd.FMA32(wd[(co*g.kh+kh)*g.kw+kw], gyd[((n*g.cout+co)*g.ho+oh)*g.wo+ow], acc)
							}
						}
					}
					gxd[((n*g.cin+ci)*g.h+ih)*g.w+iw] = acc
				}
			}
		}
	}
	return gx
}

// TestConv2dDepthwiseLarge runs a batch whose outputs are streamed past
// the caches and whose planes prefetch the next ones: the same bits as
// with small-output settings, and the forward pass the GEMM path's.
func TestConv2dDepthwiseLarge(t *testing.T) {
	c := convCase{n: 4, cin: 64, h: 64, w: 64, cout: 64, kh: 3, kw: 3, p: Conv2dParams{Groups: 64, PadH: 1, PadW: 1}, bias: true}
	x, w, b := c.tensors(1300)
	g := convGeometry("test", x, w, b, c.p)
	if 4*g.n*g.cout*g.howo < dwStreamBytes {
		t.Fatalf("%v: %d bytes of output, not streamed", c, 4*g.n*g.cout*g.howo)
	}
	gy := laRand(laRNG(1301), g.n, g.cout, g.ho, g.wo)
	y := Conv2d(x, w, b, c.p)
	gx, gw, _ := Conv2dBackward(x, w, gy, c.p, false)
	old := dwStreamBytes
	dwStreamBytes = 1 << 62
	y2 := Conv2d(x, w, b, c.p)
	gx2, gw2, _ := Conv2dBackward(x, w, gy, c.p, false)
	dwStreamBytes = old
	laSameBits(t, "forward", y, y2)
	laSameBits(t, "input gradient", gx, gx2)
	laSameBits(t, "weight gradient", gw, gw2)
	convNoDirect = true
	y3 := Conv2d(x, w, b, c.p)
	convNoDirect = false
	laSameBits(t, "forward, GEMM path", y, y3)
}
