package ops

import (
	"fmt"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// convCase is one convolution: input [n, cin, h, w], filters [cout,
// cin/groups, kh, kw], parameters, bias or not.
type convCase struct {
	n, cin, h, w, cout, kh, kw int
	p                          Conv2dParams
	bias                       bool
}

func (c convCase) String() string {
	return fmt.Sprintf("x[%d %d %d %d] w[%d %d %d %d] %+v bias=%v", c.n, c.cin, c.h, c.w, c.cout, c.cin/convOr1(c.p.Groups), c.kh, c.kw, c.p, c.bias)
}

var convCases = []convCase{
	{n: 1, cin: 1, h: 5, w: 5, cout: 1, kh: 3, kw: 3},
	{n: 2, cin: 3, h: 7, w: 6, cout: 4, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}, bias: true},
	{n: 2, cin: 2, h: 9, w: 8, cout: 3, kh: 3, kw: 2, p: Conv2dParams{StrideH: 2, StrideW: 3, PadH: 1, PadW: 2}, bias: true},
	{n: 1, cin: 2, h: 10, w: 9, cout: 2, kh: 3, kw: 3, p: Conv2dParams{DilationH: 2, DilationW: 3, PadH: 2, PadW: 1}},
	{n: 2, cin: 4, h: 6, w: 7, cout: 6, kh: 3, kw: 3, p: Conv2dParams{Groups: 2, PadH: 1, PadW: 1}, bias: true},
	{n: 3, cin: 4, h: 8, w: 7, cout: 4, kh: 3, kw: 3, p: Conv2dParams{Groups: 4, PadH: 1, PadW: 1}, bias: true},                  // depthwise
	{n: 2, cin: 3, h: 7, w: 9, cout: 6, kh: 3, kw: 2, p: Conv2dParams{Groups: 3, PadH: 2, PadW: 1, DilationH: 2}, bias: true},    // depthwise ×2
	{n: 2, cin: 3, h: 7, w: 8, cout: 3, kh: 3, kw: 3, p: Conv2dParams{Groups: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1}},      // depthwise, strided: GEMM path
	{n: 2, cin: 2, h: 6, w: 35, cout: 2, kh: 3, kw: 2, p: Conv2dParams{Groups: 2, PadH: 2, PadW: 1, DilationH: 2, DilationW: 2}}, // depthwise, dilated, rows > 32
	{n: 1, cin: 3, h: 5, w: 5, cout: 3, kh: 3, kw: 3, p: Conv2dParams{Groups: 3}, bias: true},                                    // depthwise, no padding
	{n: 2, cin: 2, h: 1, w: 5, cout: 3, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1, StrideH: 2}},                             // one row: taps off the image
	{n: 1, cin: 2, h: 2, w: 40, cout: 2, kh: 3, kw: 3, p: Conv2dParams{PadH: 2, PadW: 1, DilationH: 2}},                          // rows > 32, dilated
	{n: 2, cin: 3, h: 5, w: 5, cout: 5, kh: 1, kw: 1, bias: true},                                                                // 1x1
	{n: 2, cin: 1, h: 11, w: 10, cout: 3, kh: 5, kw: 5, p: Conv2dParams{PadH: 2, PadW: 2}, bias: true},                           // odd, large kernel
	{n: 1, cin: 2, h: 4, w: 3, cout: 2, kh: 4, kw: 3},                                                                            // kernel = image
	{n: 2, cin: 5, h: 3, w: 17, cout: 33, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1, StrideW: 2}, bias: true},               // wide, many filters
	{n: 2, cin: 16, h: 6, w: 5, cout: 4, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}, bias: true},                            // many channels
	{n: 3, cin: 20, h: 5, w: 6, cout: 6, kh: 2, kw: 3, p: Conv2dParams{Groups: 2, PadW: 1, StrideH: 2, DilationW: 2}},            // 10 channels a group
	{n: 1, cin: 3, h: 4, w: 5, cout: 32, kh: 5, kw: 5, p: Conv2dParams{PadH: 2, PadW: 2}, bias: true},                            // few channels, wide kernel rows
	{n: 2, cin: 2, h: 4, w: 5, cout: 3, kh: 1, kw: 2, p: Conv2dParams{PadH: 1, PadW: 1}, bias: true},                             // padding past the kernel: col2im at stride 1
	{n: 2, cin: 4, h: 5, w: 19, cout: 6, kh: 2, kw: 4, p: Conv2dParams{Groups: 2, StrideW: 2, DilationW: 3, PadH: 1, PadW: 5}},   // column phases, dilated, padding past a tap
	{n: 1, cin: 2, h: 6, w: 10, cout: 3, kh: 3, kw: 3, p: Conv2dParams{StrideH: 3, StrideW: 4, PadH: 1, PadW: 1}, bias: true},    // stride past the kernel: skipped columns
}

func (c convCase) tensors(stream uint64) (x, w, b *tensor.Tensor) {
	rng := laRNG(stream)
	x = laRand(rng, c.n, c.cin, c.h, c.w)
	w = laRand(rng, c.cout, c.cin/convOr1(c.p.Groups), c.kh, c.kw)
	if c.bias {
		b = laRand(rng, c.cout)
	}
	return x, w, b
}

// convRef is the float64 direct convolution; b may be nil.
func convRef(c convCase, x, w, b []float64) []float64 {
	g := convOr1(c.p.Groups)
	sh, sw := convOr1(c.p.StrideH), convOr1(c.p.StrideW)
	dh, dw := convOr1(c.p.DilationH), convOr1(c.p.DilationW)
	ho := (c.h+2*c.p.PadH-dh*(c.kh-1)-1)/sh + 1
	wo := (c.w+2*c.p.PadW-dw*(c.kw-1)-1)/sw + 1
	cinG, coutG := c.cin/g, c.cout/g
	y := make([]float64, c.n*c.cout*ho*wo)
	for n := 0; n < c.n; n++ {
		for co := 0; co < c.cout; co++ {
			gr := co / coutG
			for oh := 0; oh < ho; oh++ {
				for ow := 0; ow < wo; ow++ {
					s := 0.0
					if b != nil {
						s = b[co]
					}
					for ci := 0; ci < cinG; ci++ {
						for kh := 0; kh < c.kh; kh++ {
							for kw := 0; kw < c.kw; kw++ {
								ih := oh*sh - c.p.PadH + kh*dh
								iw := ow*sw - c.p.PadW + kw*dw
								if ih < 0 || ih >= c.h || iw < 0 || iw >= c.w {
									continue
								}
								s += w[((co*cinG+ci)*c.kh+kh)*c.kw+kw] * x[((n*c.cin+gr*cinG+ci)*c.h+ih)*c.w+iw]
							}
						}
					}
					y[((n*c.cout+co)*ho+oh)*wo+ow] = s
				}
			}
		}
	}
	return y
}

func TestConv2dForward(t *testing.T) {
	for i, c := range convCases {
		x, w, b := c.tensors(uint64(i))
		y := Conv2d(x, w, b, c.p)
		var bd []float64
		if b != nil {
			bd = laF64(b)
		}
		laClose(t, c.String(), y.Data(), convRef(c, laF64(x), laF64(w), bd), 1e-5, 1e-5)
	}
}

func TestConv2dBackward(t *testing.T) {
	for i, c := range convCases {
		x, w, b := c.tensors(uint64(100 + i))
		y := Conv2d(x, w, b, c.p)
		gy := laRand(laRNG(uint64(200+i)), y.Shape()...)
		gx, gw, gb := Conv2dBackward(x, w, gy, c.p, c.bias)
		if (gb != nil) != c.bias {
			t.Fatalf("%v: bias gradient %v", c, gb)
		}
		xs := []*tensor.Tensor{x, w}
		gs := []*tensor.Tensor{gx, gw}
		if c.bias {
			xs, gs = append(xs, b), append(gs, gb)
		}
		ref := func(in [][]float64) []float64 {
			var bd []float64
			if c.bias {
				bd = in[2]
			}
			return convRef(c, in[0], in[1], bd)
		}
		laGradCheck(t, c.String(), ref, xs, gy, gs, 1e-3, 1e-4)
	}
}

// TestConv2dBackwardParts checks that the partial backward functions give
// the bits of the full one.
func TestConv2dBackwardParts(t *testing.T) {
	for i, c := range convCases {
		x, w, b := c.tensors(uint64(1100 + i))
		gy := laRand(laRNG(uint64(1200+i)), Conv2d(x, w, b, c.p).Shape()...)
		laThreads([]int{1, 3}, func(th int) {
			gx, gw, gb := Conv2dBackward(x, w, gy, c.p, true)
			laSameBits(t, c.String()+" input", Conv2dBackwardInput(x, w, gy, c.p), gx)
			gw2, gb2 := Conv2dBackwardParams(x, w, gy, c.p, true)
			laSameBits(t, c.String()+" weight", gw2, gw)
			laSameBits(t, c.String()+" bias", gb2, gb)
		})
	}
}

// TestConv2dThreads checks the same bits for 1, 2, 3 and 5 threads.
func TestConv2dThreads(t *testing.T) {
	for i, c := range convCases {
		x, w, b := c.tensors(uint64(300 + i))
		gy := laRand(laRNG(uint64(400+i)), Conv2d(x, w, b, c.p).Shape()...)
		var ref []*tensor.Tensor
		laThreads([]int{1, 2, 3, 5}, func(th int) {
			y := Conv2d(x, w, b, c.p)
			gx, gw, gb := Conv2dBackward(x, w, gy, c.p, true)
			got := []*tensor.Tensor{y, gx, gw, gb}
			if ref == nil {
				ref = got
				return
			}
			for k, name := range []string{"y", "gx", "gw", "gb"} {
				laSameBits(t, fmt.Sprintf("%v threads=%d %s", c, th, name), got[k], ref[k])
			}
		})
	}
}

// convIm2col returns the im2col matrix [cinG*kh*kw, ho*wo] of sample n,
// group gr, built element by element.
func convIm2col(g *convGeom, x []float32, n, gr int) []float32 {
	col := make([]float32, g.kk*g.howo)
	for p := 0; p < g.kk; p++ {
		ci, kh, kw := g.tap(p)
		for oh := 0; oh < g.ho; oh++ {
			for ow := 0; ow < g.wo; ow++ {
				ih, iw := oh*g.sh-g.ph+kh*g.dh, ow*g.sw-g.pw+kw*g.dw
				if ih >= 0 && ih < g.h && iw >= 0 && iw < g.w {
					col[p*g.howo+oh*g.wo+ow] = x[((n*g.cin+gr*g.cinG+ci)*g.h+ih)*g.w+iw]
				}
			}
		}
	}
	return col
}

// TestConv2dCanonicalOrder checks the documented orders bit for bit:
// forward = bias-initialised Sgemm on the explicit im2col matrix; weight
// gradient = SgemmKSplit on the batch's matrices with the documented chunk.
func TestConv2dCanonicalOrder(t *testing.T) {
	for i, c := range convCases {
		x, w, b := c.tensors(uint64(500 + i))
		g := convGeometry("test", x, w, b, c.p)
		if g.direct() {
			continue // compared with the GEMM path in TestConv2dDepthwiseMatchesGEMM
		}
		if g.winograd() {
			continue // the Winograd order: TestConv2dWinogradOrder
		}
		y := Conv2d(x, w, b, c.p)
		want := make([]float32, y.Size())
		for n := 0; n < g.n; n++ {
			for gr := 0; gr < g.groups; gr++ {
				yg := want[(n*g.cout+gr*g.coutG)*g.howo:][:g.coutG*g.howo]
				if b != nil {
					for co := 0; co < g.coutG; co++ {
						convFill(yg[co*g.howo:(co+1)*g.howo], b.Data()[gr*g.coutG+co])
					}
				}
				blas.Sgemm(false, false, g.coutG, g.howo, g.kk, w.Data()[gr*g.coutG*g.kk:], g.kk,
					convIm2col(&g, x.Data(), n, gr), g.howo, yg, g.howo, b != nil)
			}
		}
		laSameBits(t, c.String()+" forward", y, tensor.FromSlice(want, y.Shape()...))

		gy := laRand(laRNG(uint64(600+i)), y.Shape()...)
		var gw *tensor.Tensor
		for flip := 0; flip <= 2; flip++ { // each orientation of the GEMM, same bits
			convGWFlip = flip
			_, gwf, _ := Conv2dBackward(x, w, gy, c.p, false)
			if gw != nil {
				laSameBits(t, fmt.Sprintf("%v weight gradient, orientation %d", c, flip), gwf, gw)
			}
			gw = gwf
		}
		convGWFlip = 0
		K := g.n * g.howo
		wantW := make([]float32, gw.Size())
		for gr := 0; gr < g.groups; gr++ {
			gyMat := make([]float32, g.coutG*K) // [coutG, N*Ho*Wo]
			colMat := make([]float32, g.kk*K)   // [kk, N*Ho*Wo]
			for n := 0; n < g.n; n++ {
				col := convIm2col(&g, x.Data(), n, gr)
				for p := 0; p < g.kk; p++ {
					copy(colMat[p*K+n*g.howo:], col[p*g.howo:(p+1)*g.howo])
				}
				for co := 0; co < g.coutG; co++ {
					copy(gyMat[co*K+n*g.howo:], gy.Data()[(n*g.cout+gr*g.coutG+co)*g.howo:][:g.howo])
				}
			}
			blas.SgemmKSplit(false, true, g.coutG, g.kk, K, convSamplesPerChunk(g.howo)*g.howo,
				gyMat, K, colMat, K, wantW[gr*g.coutG*g.kk:], g.kk, false)
		}
		laSameBits(t, c.String()+" weight gradient", gw, tensor.FromSlice(wantW, gw.Shape()...))
	}
}

// TestConv2dInputGradOrder checks the input gradient bit for bit against
// its definitions: at stride 1, the forward order (a bias-free Sgemm on the
// explicit im2col matrix of gy, with the rotated, channel-swapped filters
// and padding dilation·(k−1)−pad); otherwise colgrad = wᵀ·gy for the whole
// image, then col2im tap by tap, at several output-row block sizes — the
// col2im path also on the stride-1 shapes, which it would serve with a
// padding past the kernel's extent.
func TestConv2dInputGradOrder(t *testing.T) {
	defer func() { convRowsPerBlock, convNoFlip = 0, false }()
	for i, c := range convCases {
		x, w, b := c.tensors(uint64(900 + i))
		g := convGeometry("test", x, w, b, c.p)
		if g.direct() {
			continue // TestConv2dDepthwiseInputGradOrder
		}
		if g.winograd() {
			continue // the Winograd order: TestConv2dWinogradOrder
		}
		gy := laRand(laRNG(uint64(950+i)), c.n, c.cout, g.ho, g.wo)
		if f, ok := g.inputGrad(); ok {
			wf := make([]float32, w.Size())
			convFlipFilters(&g, w.Data(), wf)
			want := make([]float32, x.Size())
			for n := 0; n < f.n; n++ {
				for gr := 0; gr < f.groups; gr++ {
					blas.Sgemm(false, false, f.coutG, f.howo, f.kk, wf[gr*f.coutG*f.kk:], f.kk,
						convIm2col(&f, gy.Data(), n, gr), f.howo, want[(n*f.cout+gr*f.coutG)*f.howo:], f.howo, false)
				}
			}
			gx, _, _ := Conv2dBackward(x, w, gy, c.p, false)
			laSameBits(t, fmt.Sprintf("%v stride 1: forward order", c), gx, tensor.FromSlice(want, x.Shape()...))
			convNoFlip = true
		}
		want := make([]float32, x.Size())
		for n := 0; n < g.n; n++ {
			for gr := 0; gr < g.groups; gr++ {
				cg := make([]float32, g.kk*g.howo)
				blas.Sgemm(true, false, g.kk, g.howo, g.coutG, w.Data()[gr*g.coutG*g.kk:], g.kk,
					gy.Data()[(n*g.cout+gr*g.coutG)*g.howo:], g.howo, cg, g.howo, false)
				gxg := want[(n*g.cin+gr*g.cinG)*g.hw:][:g.cinG*g.hw]
				for p := 0; p < g.kk; p++ {
					ci, kh, kw := g.tap(p)
					for oh := 0; oh < g.ho; oh++ {
						for ow := 0; ow < g.wo; ow++ {
							ih, iw := oh*g.sh-g.ph+kh*g.dh, ow*g.sw-g.pw+kw*g.dw
							if ih >= 0 && ih < g.h && iw >= 0 && iw < g.w {
								gxg[(ci*g.h+ih)*g.w+iw] += cg[p*g.howo+oh*g.wo+ow]
							}
						}
					}
				}
			}
		}
		for _, rows := range []int{1, 2, 3, 0} {
			convRowsPerBlock = rows
			gx, _, _ := Conv2dBackward(x, w, gy, c.p, false)
			laSameBits(t, fmt.Sprintf("%v col2im, rows/block=%d", c, rows), gx, tensor.FromSlice(want, x.Shape()...))
		}
		convNoFlip = false
	}
}

// TestConv2dDepthwiseInputGradOrder checks the depthwise kernel's input
// gradient bit for bit against its documented order: fma over (kh, kw)
// and, inside, the multiplier's channels.
func TestConv2dDepthwiseInputGradOrder(t *testing.T) {
	for i, c := range convCases {
		x, w, b := c.tensors(uint64(980 + i))
		g := convGeometry("test", x, w, b, c.p)
		if !g.direct() {
			continue
		}
		gy := laRand(laRNG(uint64(990+i)), c.n, c.cout, g.ho, g.wo)
		want := make([]float32, x.Size())
		wd, gyd := w.Data(), gy.Data()
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
						want[((n*g.cin+ci)*g.h+ih)*g.w+iw] = acc
					}
				}
			}
		}
		laThreads([]int{1, 2}, func(th int) {
			gx, _, _ := Conv2dBackward(x, w, gy, c.p, false)
			laSameBits(t, fmt.Sprintf("%v threads=%d", c, th), gx, tensor.FromSlice(want, x.Shape()...))
		})
	}
}

// TestConv2dDepthwiseMatchesGEMM checks that the direct depthwise kernels
// give the GEMM path's bits for the forward pass, and that the two paths'
// gradients (in their own orders) agree closely.
func TestConv2dDepthwiseMatchesGEMM(t *testing.T) {
	for i, c := range convCases {
		x, w, b := c.tensors(uint64(700 + i))
		g := convGeometry("test", x, w, b, c.p)
		if !g.direct() {
			continue
		}
		y := Conv2d(x, w, b, c.p)
		gy := laRand(laRNG(uint64(800+i)), y.Shape()...)
		gx, gw, _ := Conv2dBackward(x, w, gy, c.p, false)
		convNoDirect = true
		y2 := Conv2d(x, w, b, c.p)
		gx2, gw2, _ := Conv2dBackward(x, w, gy, c.p, false)
		convNoDirect = false
		laSameBits(t, c.String()+" forward", y, y2)
		laClose(t, c.String()+" input gradient", gx.Data(), laF64(gx2), 1e-5, 1e-5)
		laClose(t, c.String()+" weight gradient", gw.Data(), laF64(gw2), 1e-5, 1e-5)
	}
}

func TestConv2dPanics(t *testing.T) {
	x := tensor.New(2, 4, 5, 5)
	for name, f := range map[string]func(){
		"3-D x":        func() { Conv2d(tensor.New(4, 5, 5), tensor.New(2, 4, 3, 3), nil, Conv2dParams{}) },
		"channels":     func() { Conv2d(x, tensor.New(2, 3, 3, 3), nil, Conv2dParams{}) },
		"groups":       func() { Conv2d(x, tensor.New(3, 2, 3, 3), nil, Conv2dParams{Groups: 2}) },
		"kernel large": func() { Conv2d(x, tensor.New(2, 4, 7, 3), nil, Conv2dParams{}) },
		"dilated":      func() { Conv2d(x, tensor.New(2, 4, 3, 3), nil, Conv2dParams{DilationH: 3}) },
		"bias":         func() { Conv2d(x, tensor.New(2, 4, 3, 3), tensor.New(3), Conv2dParams{}) },
		"negative":     func() { Conv2d(x, tensor.New(2, 4, 3, 3), nil, Conv2dParams{PadH: -1}) },
		"gradient":     func() { Conv2dBackward(x, tensor.New(2, 4, 3, 3), tensor.New(2, 2, 4, 4), Conv2dParams{}, true) },
	} {
		msg, ok := laPanics(f)
		if !ok || !strings.HasPrefix(msg, "ops: Conv2d") || !strings.Contains(msg, "[") {
			t.Errorf("%s: panic %q does not name the op and the shapes", name, msg)
		}
	}
}

// TestConv2dEmptyBatch checks that an empty batch gives empty outputs and
// zero weight and bias gradients.
func TestConv2dEmptyBatch(t *testing.T) {
	for _, p := range []Conv2dParams{{PadH: 1, PadW: 1}, {PadH: 1, PadW: 1, Groups: 2}} {
		x, w, b := tensor.New(0, 2, 5, 5), laRand(laRNG(1), 4, 2/convOr1(p.Groups), 3, 3), laRand(laRNG(2), 4)
		y := Conv2d(x, w, b, p)
		if !tensor.SameShape(y.Shape(), []int{0, 4, 5, 5}) {
			t.Fatalf("%+v: shape %v", p, y.Shape())
		}
		gx, gw, gb := Conv2dBackward(x, w, y, p, true)
		if gx.Size() != 0 || !tensor.Equal(gw, tensor.New(w.Shape()...)) || !tensor.Equal(gb, tensor.New(4)) {
			t.Fatalf("%+v: gradients %v %v %v", p, gx.Shape(), gw, gb)
		}
	}
}

// TestConv2dBiasGradFromSums checks that the bias gradient taken inside
// the weight gradient (convBiasFromSums) has the bits of the documented
// order (convBackwardBias: per-sample simd.Sum, added in sample order),
// for each part of the backward that computes it and any thread count.
func TestConv2dBiasGradFromSums(t *testing.T) {
	defer blas.SetThreads(blas.SetThreads(1))
	for i, c := range convCases {
		x, w, b := c.tensors(uint64(1900 + i))
		y := Conv2d(x, w, b, c.p)
		gy := laRand(laRNG(uint64(2000+i)), y.Shape()...)
		g := convGeometry("test", x, w, nil, c.p)
		want := tensor.New(g.cout)
		convBackwardBias(&g, gy.Data(), want.Data())
		for _, threads := range []int{1, 2, 3} {
			blas.SetThreads(threads)
			_, _, gb := Conv2dBackward(x, w, gy, c.p, true)
			laSameBits(t, fmt.Sprintf("%v bias gradient, %d threads", c, threads), gb, want)
			_, gb = Conv2dBackwardParams(x, w, gy, c.p, true)
			laSameBits(t, fmt.Sprintf("%v bias gradient (params), %d threads", c, threads), gb, want)
		}
	}
}
