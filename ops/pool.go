package ops

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// Pool2dParams are the window of a 2-D pooling: kernel KH×KW, stride
// (zero means the kernel size: non-overlapping windows) and zero padding,
// at most half the kernel (as PyTorch requires). The output size is
// (H + 2*PadH - KH)/StrideH + 1 (floor), and alike for the width.
type Pool2dParams struct {
	KH, KW           int
	StrideH, StrideW int
	PadH, PadW       int
}

// poolGeom is the validated geometry of one pooling.
type poolGeom struct {
	n, c, h, w     int
	kh, kw         int
	sh, sw, ph, pw int
	ho, wo         int
}

func poolGeometry(op string, x *tensor.Tensor, p Pool2dParams) poolGeom {
	if x.Dims() != 4 {
		panic(fmt.Sprintf("ops: %s: x %v must be 4-D (NCHW)", op, x.Shape()))
	}
	g := poolGeom{n: x.Dim(0), c: x.Dim(1), h: x.Dim(2), w: x.Dim(3),
		kh: p.KH, kw: p.KW, sh: p.StrideH, sw: p.StrideW, ph: p.PadH, pw: p.PadW}
	if g.sh == 0 {
		g.sh = g.kh
	}
	if g.sw == 0 {
		g.sw = g.kw
	}
	if g.kh < 1 || g.kw < 1 || g.sh < 1 || g.sw < 1 || g.ph < 0 || g.pw < 0 || 2*g.ph > g.kh || 2*g.pw > g.kw {
		panic(fmt.Sprintf("ops: %s: bad window %+v for x %v (kernel >= 1, stride >= 0, 0 <= pad <= kernel/2)", op, p, x.Shape()))
	}
	if g.h < 1 || g.w < 1 || g.h+2*g.ph < g.kh || g.w+2*g.pw < g.kw {
		panic(fmt.Sprintf("ops: %s: window %dx%d larger than the padded input of x %v (padding %dx%d), or empty planes",
			op, g.kh, g.kw, x.Shape(), g.ph, g.pw))
	}
	g.ho = (g.h+2*g.ph-g.kh)/g.sh + 1
	g.wo = (g.w+2*g.pw-g.kw)/g.sw + 1
	return g
}

// window returns the rows [h0, h1) and columns [w0, w1) of the input that
// output (oh, ow) covers, the padding cut away.
func (g *poolGeom) window(oh, ow int) (h0, h1, w0, w1 int) {
	h0, w0 = oh*g.sh-g.ph, ow*g.sw-g.pw
	h1, w1 = min(h0+g.kh, g.h), min(w0+g.kw, g.w)
	return max(h0, 0), h1, max(w0, 0), w1
}

func (g *poolGeom) checkGrad(op string, gy *tensor.Tensor, x []int) {
	if !tensor.SameShape(gy.Shape(), []int{g.n, g.c, g.ho, g.wo}) {
		panic(fmt.Sprintf("ops: %s: gradient shape %v, want [%d %d %d %d] for x %v",
			op, gy.Shape(), g.n, g.c, g.ho, g.wo, x))
	}
}

// poolPlanes runs f over the n*c planes of size elements each (input and
// output together), in parallel: in runs of planes of about ewChunk
// elements, since handing out one small plane at a time (7×7) costs more
// in contention on the shared counter than the plane's work. Planes are
// independent, so the result does not depend on the thread count.
func poolPlanes(planes, size int, f func(i int)) {
	per := max(1, ewChunk/max(size, 1))
	if per >= planes {
		for i := 0; i < planes; i++ {
			f(i)
		}
		return
	}
	blas.ParallelFor((planes+per-1)/per, func(c int) {
		for i := c * per; i < min((c+1)*per, planes); i++ {
			f(i)
		}
	})
}

// MaxPool2d returns the maximum of every window of x [N, C, H, W]; padding
// never wins. A NaN in a window is the maximum (the first one, as the
// index goes).
func MaxPool2d(x *tensor.Tensor, p Pool2dParams) *tensor.Tensor {
	y, idx := MaxPool2dIndices(x, p)
	ReleaseIndices(idx)
	return y
}

// MaxPool2dIndices is MaxPool2d that also returns, for every output, the
// flat index ih*W + iw within its input plane of the element that won: the
// first maximum in row-major window order (ties go to the first). The
// caller may hand idx back with ReleaseIndices when done with it.
func MaxPool2dIndices(x *tensor.Tensor, p Pool2dParams) (*tensor.Tensor, []int32) {
	g := poolGeometry("MaxPool2d", x, p)
	y := tensor.Empty(g.n, g.c, g.ho, g.wo)
	idx := poolIndices(y.Size()) // every element is written
	xd, yd := x.Data(), y.Data()
	hw, howo := g.h*g.w, g.ho*g.wo
	poolPlanes(g.n*g.c, hw+howo, func(i int) {
		g.maxPlane(xd[i*hw:(i+1)*hw], yd[i*howo:(i+1)*howo], idx[i*howo:(i+1)*howo])
	})
	return y, idx
}

func (g *poolGeom) maxPlane(x, y []float32, idx []int32) {
	if g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.ph == 0 && g.pw == 0 {
		g.maxPlane2x2(x, y, idx)
		return
	}
	for oh := 0; oh < g.ho; oh++ {
		for ow := 0; ow < g.wo; ow++ {
			h0, h1, w0, w1 := g.window(oh, ow)
			best, at := x[h0*g.w+w0], h0*g.w+w0
			for ih := h0; ih < h1; ih++ {
				row := x[ih*g.w : (ih+1)*g.w]
				for iw := w0; iw < w1; iw++ {
					if v := row[iw]; v > best || (v != v && best == best) {
						best, at = v, ih*g.w+iw
					}
				}
			}
			y[oh*g.wo+ow], idx[oh*g.wo+ow] = best, int32(at)
		}
	}
}

// maxPlane2x2 is maxPlane for the common 2×2 window of stride 2, the
// whole plane in one call (simd.MaxPool2x2Rows keeps maxPlane's order: the
// first maximum in row-major window order, a NaN beating any number).
func (g *poolGeom) maxPlane2x2(x, y []float32, idx []int32) {
	simd.MaxPool2x2Rows(x, g.w, g.ho, y, idx, 0)
}

// MaxPool2dBackward returns the gradient of MaxPool2d(x, p) with respect
// to x: each output's gradient goes to the element that won its window
// (recomputed from x), added in output order where windows overlap.
func MaxPool2dBackward(x, gy *tensor.Tensor, p Pool2dParams) *tensor.Tensor {
	g := poolGeometry("MaxPool2dBackward", x, p)
	g.checkGrad("MaxPool2dBackward", gy, x.Shape())
	_, idx := MaxPool2dIndices(x, p)
	return MaxPool2dBackwardIndices(gy, idx, x.Shape())
}

// MaxPool2dBackwardIndices is MaxPool2dBackward from the indices that
// MaxPool2dIndices returned, without x; xShape is the shape of x.
func MaxPool2dBackwardIndices(gy *tensor.Tensor, idx []int32, xShape []int) *tensor.Tensor {
	return maxPoolScatter("MaxPool2dBackwardIndices", gy, nil, idx, xShape)
}

// maxPoolScatter returns gy scattered to the winners idx in zeroed planes
// of shape xShape, skipping the outputs whose y is not > 0 when y is not
// nil (see ReLUMaxPool2dBackward).
func maxPoolScatter(op string, gy, y *tensor.Tensor, idx []int32, xShape []int) *tensor.Tensor {
	if len(xShape) != 4 || gy.Dims() != 4 || gy.Dim(0) != xShape[0] || gy.Dim(1) != xShape[1] || len(idx) != gy.Size() ||
		(y != nil && !tensor.SameShape(y.Shape(), gy.Shape())) {
		ys := "no output"
		if y != nil {
			ys = fmt.Sprint("output ", y.Shape())
		}
		panic(fmt.Sprintf("ops: %s: gradient %v, %s, %d indices, x %v", op, gy.Shape(), ys, len(idx), xShape))
	}
	gx := tensor.Empty(xShape...)
	h, w := xShape[2], xShape[3]
	hw, howo := h*w, gy.Dim(2)*gy.Dim(3)
	gxd, gyd := gx.Data(), gy.Data()
	poolPlanes(xShape[0]*xShape[1], hw+howo, func(i int) {
		dst := gxd[i*hw : (i+1)*hw]
		src, at := gyd[i*howo:(i+1)*howo], idx[i*howo:(i+1)*howo]
		clear(dst) // in the parallel loop: the plane is then in cache for the scatter
		for _, a := range at {
			if a < 0 || int(a) >= hw {
				panic(fmt.Sprintf("ops: %s: index %d outside the %v plane", op, a, xShape[2:]))
			}
		}
		if y == nil {
			for o, a := range at {
				dst[a] += src[o]
			}
			return
		}
		ys := y.Data()[i*howo : (i+1)*howo]
		ys = ys[:len(at)]
		src = src[:len(at)]
		for o, a := range at {
			dst[a] += poolPositive(ys[o], src[o])
		}
	})
	return gx
}

// AvgPool2d returns the average of every window of x [N, C, H, W] over the
// elements inside the image: padding is not counted (PyTorch's
// count_include_pad=false), so border windows are not darkened. Each
// average is the row-major float32 sum of the window divided by its count.
func AvgPool2d(x *tensor.Tensor, p Pool2dParams) *tensor.Tensor {
	g := poolGeometry("AvgPool2d", x, p)
	y := tensor.Empty(g.n, g.c, g.ho, g.wo) // every element written
	xd, yd := x.Data(), y.Data()
	hw, howo := g.h*g.w, g.ho*g.wo
	poolPlanes(g.n*g.c, hw+howo, func(i int) {
		xp, yp := xd[i*hw:(i+1)*hw], yd[i*howo:(i+1)*howo]
		switch {
		case g.tiles() && g.kh == 2 && g.kw == 2:
			avgPoolTiles2x2(&g, xp, yp)
			return
		case g.tiles():
			avgPoolTiles(&g, xp, yp)
			return
		}
		for oh := 0; oh < g.ho; oh++ {
			for ow := 0; ow < g.wo; ow++ {
				h0, h1, w0, w1 := g.window(oh, ow)
				yp[oh*g.wo+ow] = poolWindowMean(xp, g.w, h0, h1, w0, w1)
			}
		}
	})
	return y
}

// tiles reports whether the windows tile the image: stride = kernel, no
// padding, so every window lies inside it and no two overlap.
func (g *poolGeom) tiles() bool {
	return g.sh == g.kh && g.sw == g.kw && g.ph == 0 && g.pw == 0
}

// avgPoolTiles is AvgPool2d's plane loop for tiling windows: the same sums
// (row-major from zero) and divisions as poolWindowMean, without slicing
// each window.
func avgPoolTiles(g *poolGeom, xp, yp []float32) {
	cnt := float32(g.kh * g.kw)
	for oh := 0; oh < g.ho; oh++ {
		y := yp[oh*g.wo : (oh+1)*g.wo]
		for ow := range y {
			var s float32
			for r := 0; r < g.kh; r++ {
				for _, v := range xp[(oh*g.kh+r)*g.w+ow*g.kw:][:g.kw] {
					s += v
				}
			}
			y[ow] = s / cnt
		}
	}
}

// avgPoolTiles2x2 is avgPoolTiles for 2×2 windows, unrolled: the same
// four additions from zero and the division.
func avgPoolTiles2x2(g *poolGeom, xp, yp []float32) {
	for oh := 0; oh < g.ho; oh++ {
		r0, r1 := xp[2*oh*g.w:][:2*g.wo], xp[(2*oh+1)*g.w:][:2*g.wo]
		for ow := range yp[oh*g.wo : (oh+1)*g.wo] {
			var s float32
			s += r0[2*ow]
			s += r0[2*ow+1]
			s += r1[2*ow]
			s += r1[2*ow+1]
			yp[oh*g.wo+ow] = s / 4
		}
	}
}

// avgPoolTilesBackward is AvgPool2dBackward's plane loop for tiling
// windows: each input element in a window gets +0 + gy/count, as
// poolWindowSpread adds into zeros, the quotient taken once per output row.
func avgPoolTilesBackward(g *poolGeom, gp, gyp, v []float32) {
	cnt := float32(g.kh * g.kw)
	for oh := 0; oh < g.ho; oh++ {
		for ow, gv := range gyp[oh*g.wo : (oh+1)*g.wo] {
			v[ow] = gv / cnt
		}
		for r := 0; r < g.kh; r++ {
			row := gp[(oh*g.kh+r)*g.w:][:g.wo*g.kw]
			for ow, vv := range v[:g.wo] {
				for j := range row[ow*g.kw : (ow+1)*g.kw] {
					row[ow*g.kw+j] += vv
				}
			}
		}
	}
}

// avgPoolTilesBackward2x2 is avgPoolTilesBackward for 2×2 windows,
// unrolled: each of the four inputs gets +0 + gy/4, stored rather than
// added, so gp needs no clearing where the windows cover it.
func avgPoolTilesBackward2x2(g *poolGeom, gp, gyp []float32) {
	for oh := 0; oh < g.ho; oh++ {
		r0, r1 := gp[2*oh*g.w:][:2*g.wo], gp[(2*oh+1)*g.w:][:2*g.wo]
		for ow, gv := range gyp[oh*g.wo : (oh+1)*g.wo] {
			v := 0 + gv/4 // -0 becomes +0, as added to a zeroed gradient
			r0[2*ow] = v
			r0[2*ow+1] = v
			r1[2*ow] = v
			r1[2*ow+1] = v
		}
	}
}

// AvgPool2dBackward returns the gradient of AvgPool2d(x, p) with respect
// to x: gy/count spread over each window, added in output order where
// windows overlap.
func AvgPool2dBackward(x, gy *tensor.Tensor, p Pool2dParams) *tensor.Tensor {
	g := poolGeometry("AvgPool2dBackward", x, p)
	g.checkGrad("AvgPool2dBackward", gy, x.Shape())
	gx := tensor.Empty(x.Shape()...)
	gxd, gyd := gx.Data(), gy.Data()
	hw, howo := g.h*g.w, g.ho*g.wo
	poolPlanes(g.n*g.c, hw+howo, func(i int) {
		gp, gyp := gxd[i*hw:(i+1)*hw], gyd[i*howo:(i+1)*howo]
		if g.tiles() && g.kh == 2 && g.kw == 2 {
			if 2*g.ho != g.h || 2*g.wo != g.w {
				clear(gp) // a last row or column that no window covers
			}
			avgPoolTilesBackward2x2(&g, gp, gyp)
			return
		}
		clear(gp)
		if g.tiles() {
			var buf [64]float32
			v := buf[:]
			if g.wo > len(buf) {
				v = make([]float32, g.wo)
			}
			avgPoolTilesBackward(&g, gp, gyp, v)
			return
		}
		for oh := 0; oh < g.ho; oh++ {
			for ow := 0; ow < g.wo; ow++ {
				h0, h1, w0, w1 := g.window(oh, ow)
				poolWindowSpread(gp, g.w, h0, h1, w0, w1, gyd[i*howo+oh*g.wo+ow])
			}
		}
	})
	return gx
}

// poolWindowMean returns the row-major float32 sum of the window of plane
// (width w) divided by the number of its elements.
func poolWindowMean(plane []float32, w, h0, h1, w0, w1 int) float32 {
	var s float32
	for ih := h0; ih < h1; ih++ {
		for _, v := range plane[ih*w+w0 : ih*w+w1] {
			s += v
		}
	}
	return s / float32((h1-h0)*(w1-w0))
}

// poolWindowSpread adds g / (number of elements) to every element of the
// window of plane.
func poolWindowSpread(plane []float32, w, h0, h1, w0, w1 int, g float32) {
	v := g / float32((h1-h0)*(w1-w0))
	for ih := h0; ih < h1; ih++ {
		row := plane[ih*w+w0 : ih*w+w1]
		for j := range row {
			row[j] += v
		}
	}
}

// poolAdaptiveRange returns PyTorch's window of adaptive pooling output i
// of n over an input of size size: [floor(i*size/n), ceil((i+1)*size/n)).
func poolAdaptiveRange(i, n, size int) (int, int) {
	return i * size / n, ((i+1)*size + n - 1) / n
}

// AdaptiveAvgPool2d returns x [N, C, H, W] averaged down to [N, C, outH,
// outW] with PyTorch's windows: output row i covers input rows
// floor(i*H/outH) to ceil((i+1)*H/outH), exclusive (windows overlap when H
// is not a multiple of outH). Sums are row-major, divided by the count.
func AdaptiveAvgPool2d(x *tensor.Tensor, outH, outW int) *tensor.Tensor {
	n, c, h, w := poolAdaptiveCheck("AdaptiveAvgPool2d", x, outH, outW)
	y := tensor.New(n, c, outH, outW)
	xd, yd := x.Data(), y.Data()
	poolPlanes(n*c, h*w+outH*outW, func(i int) {
		xp, yp := xd[i*h*w:(i+1)*h*w], yd[i*outH*outW:(i+1)*outH*outW]
		for oh := 0; oh < outH; oh++ {
			h0, h1 := poolAdaptiveRange(oh, outH, h)
			for ow := 0; ow < outW; ow++ {
				w0, w1 := poolAdaptiveRange(ow, outW, w)
				yp[oh*outW+ow] = poolWindowMean(xp, w, h0, h1, w0, w1)
			}
		}
	})
	return y
}

// AdaptiveAvgPool2dBackward returns the gradient of AdaptiveAvgPool2d with
// respect to x, given the gradient gy [N, C, outH, outW].
func AdaptiveAvgPool2dBackward(x, gy *tensor.Tensor) *tensor.Tensor {
	if gy.Dims() != 4 {
		panic(fmt.Sprintf("ops: AdaptiveAvgPool2dBackward: gradient %v must be 4-D (x %v)", gy.Shape(), x.Shape()))
	}
	outH, outW := gy.Dim(2), gy.Dim(3)
	n, c, h, w := poolAdaptiveCheck("AdaptiveAvgPool2dBackward", x, outH, outW)
	if gy.Dim(0) != n || gy.Dim(1) != c {
		panic(fmt.Sprintf("ops: AdaptiveAvgPool2dBackward: gradient %v does not fit x %v", gy.Shape(), x.Shape()))
	}
	gx := tensor.New(x.Shape()...)
	gxd, gyd := gx.Data(), gy.Data()
	poolPlanes(n*c, h*w+outH*outW, func(i int) {
		gp := gxd[i*h*w : (i+1)*h*w]
		for oh := 0; oh < outH; oh++ {
			h0, h1 := poolAdaptiveRange(oh, outH, h)
			for ow := 0; ow < outW; ow++ {
				w0, w1 := poolAdaptiveRange(ow, outW, w)
				poolWindowSpread(gp, w, h0, h1, w0, w1, gyd[i*outH*outW+oh*outW+ow])
			}
		}
	})
	return gx
}

func poolAdaptiveCheck(op string, x *tensor.Tensor, outH, outW int) (n, c, h, w int) {
	if x.Dims() != 4 || outH < 1 || outW < 1 || x.Dim(2) < 1 || x.Dim(3) < 1 {
		panic(fmt.Sprintf("ops: %s: x %v (NCHW, non-empty planes) to %dx%d", op, x.Shape(), outH, outW))
	}
	return x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3)
}

// GlobalAvgPool2d returns the mean of every plane of x [N, C, H, W] as an
// [N, C] tensor: the canonical simd.Sum of the plane divided by H*W.
func GlobalAvgPool2d(x *tensor.Tensor) *tensor.Tensor {
	if x.Dims() != 4 {
		panic(fmt.Sprintf("ops: GlobalAvgPool2d: x %v must be 4-D (NCHW)", x.Shape()))
	}
	n, c, hw := x.Dim(0), x.Dim(1), x.Dim(2)*x.Dim(3)
	y := tensor.Empty(n, c)
	xd, yd := x.Data(), y.Data()
	if hw == 0 {
		convFill(yd, float32(math.NaN())) // the mean of nothing
		return y
	}
	poolPlanes(n*c, hw, func(i int) {
		yd[i] = simd.Sum(xd[i*hw:(i+1)*hw]) / float32(hw)
	})
	return y
}

// GlobalAvgPool2dBackward returns the gradient of GlobalAvgPool2d with
// respect to x, given the gradient gy [N, C]: gy/(H*W) in every element.
func GlobalAvgPool2dBackward(x, gy *tensor.Tensor) *tensor.Tensor {
	if x.Dims() != 4 || !tensor.SameShape(gy.Shape(), []int{x.Dim(0), x.Dim(1)}) {
		panic(fmt.Sprintf("ops: GlobalAvgPool2dBackward: gradient %v does not fit x %v", gy.Shape(), x.Shape()))
	}
	hw := x.Dim(2) * x.Dim(3)
	gx := tensor.Empty(x.Shape()...)
	gxd, gyd := gx.Data(), gy.Data()
	poolPlanes(x.Dim(0)*x.Dim(1), hw, func(i int) {
		convFill(gxd[i*hw:(i+1)*hw], gyd[i]/float32(hw))
	})
	return gx
}
