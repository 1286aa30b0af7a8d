package ops

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// DivNormParams configures DivisiveNorm. Zero values mean defaults, as in
// Conv2dParams.
type DivNormParams struct {
	// Size is the side K of the square spatial pooling window centred on
	// each position ("same" padding); it must be odd. 0 means 1 (no spatial
	// pooling).
	Size int
	// Sigma is the semi-saturation constant added to the pooled activity.
	Sigma float32
	// Exponent is the power n applied to |x| before pooling. 0 means 1.
	Exponent float32
	// PerChannel pools each channel on its own instead of across all
	// channels.
	PerChannel bool
}

// DivisiveNorm applies local divisive normalisation, the canonical
// normalisation of V1 (Heeger 1992; Carandini & Heeger 2012), to x
// [N, C, H, W]:
//
//	y[n,c,h,w] = x[n,c,h,w] / D,
//	D = Sigma + (1/|P|) * sum over (c', h', w') in P of |x[n,c',h',w']|^Exponent
//
// where P is the set of in-image positions of the K x K window centred on
// (h, w), over all channels c' (or only c' = c when PerChannel), and |P| its
// size: positions outside the image are not counted, so the pool is a true
// mean at the borders too.
//
// It returns y and the denominators D, of shape [N, 1, H, W] (or
// [N, C, H, W] when PerChannel), which DivisiveNormBackward needs.
//
// Order: a = |x|^n (|x| for n = 1, x*x for n = 2, else ewPow; |x| is x
// with its sign bit cleared); across channels, T[h,w] = simd.Sum of a over
// c (per channel, T = a); the window values of T are gathered row by row
// (dy, then dx) and summed by simd.Sum to S; D = Sigma + S/|P|; y = x/D.
func DivisiveNorm(x *tensor.Tensor, p DivNormParams) (y, denom *tensor.Tensor) {
	n, c, h, w, k, e := normDivCheck("DivisiveNorm", x, p)
	hw := h * w
	planes, per := n, c // planes of T, channels pooled into each
	if p.PerChannel {
		planes, per = n*c, 1
	}
	dshape := []int{n, 1, h, w}
	if p.PerChannel {
		dshape[1] = c
	}
	denom = tensor.Empty(dshape...) // every element written
	y = tensor.Empty(x.Shape()...)
	xd, yd, dd := x.Data(), y.Data(), denom.Data()
	pps := planes / n // denominator planes per sample
	// Samples are independent: each is one job.
	poolPlanes(n, 3*c*hw, func(i int) {
		a := convGetBuf(c * hw) // the sample's |x|^n
		defer convPutBuf(a)
		normDivPow(a, xd[i*c*hw:(i+1)*c*hw], e)
		t := a
		if !p.PerChannel {
			lanes := convGetBuf(simd.Lanes * hw)
			defer convPutBuf(lanes)
			t = normSumChannels(lanes, a, c, hw)
		}
		for pl := i * pps; pl < (i+1)*pps; pl++ {
			d := dd[pl*hw : (pl+1)*hw]
			normBoxSum(d, t[(pl-i*pps)*hw:(pl-i*pps+1)*hw], h, w, k)
			for q := range d {
				cnt := normBoxCount(q/w, q%w, h, w, k) * per
				d[q] = p.Sigma + d[q]/float32(cnt)
			}
		}
		for ch := 0; ch < c; ch++ {
			dp := dd[normDivPlane(p, i, ch, c)*hw:]
			off := (i*c + ch) * hw
			simd.DivTo(yd[off:off+hw], xd[off:off+hw], dp[:hw])
		}
	})
	return y, denom
}

// DivisiveNormBackward returns the gradient of DivisiveNorm(x, p) with
// respect to x, given the denominators it returned and the output gradient
// gy. With D fixed per position, a = |x|^n and a' its derivative (sign(x)
// for n = 1, 2x for n = 2, n*|x|^(n-1)*sign(x) otherwise; 0 at x = 0):
//
//	G[q] = simd.Dot over channels of gy and x at q (per channel: gy*x)
//	H[q] = -(G[q] / (D[q]*D[q])) / |P(q)|
//	B[q] = simd.Sum of H over the window of q (same gathering as forward)
//	gx   = gy/D + B*a'
//
// each step rounded in that order. The window is symmetric, so the
// positions whose pool contains q are exactly q's own window.
func DivisiveNormBackward(x, denom, gy *tensor.Tensor, p DivNormParams) *tensor.Tensor {
	n, c, h, w, k, e := normDivCheck("DivisiveNormBackward", x, p)
	dshape := []int{n, 1, h, w}
	planes, per := n, c
	if p.PerChannel {
		dshape[1] = c
		planes, per = n*c, 1
	}
	if !tensor.SameShape(gy.Shape(), x.Shape()) || !tensor.SameShape(denom.Shape(), dshape) {
		panic(fmt.Sprintf("ops: DivisiveNormBackward: input %v, gradient %v, denominators %v (want %v)", x.Shape(), gy.Shape(), denom.Shape(), dshape))
	}
	hw := h * w
	xd, gd, dd := x.Data(), gy.Data(), denom.Data()
	gx := tensor.Empty(x.Shape()...) // every element written
	gxd := gx.Data()
	pps := planes / n // denominator planes per sample
	// Samples are independent: each is one job.
	poolPlanes(n, 3*c*hw, func(i int) {
		hq, b := convGetBuf(pps*hw), convGetBuf(pps*hw)
		lanes := convGetBuf(simd.Lanes * hw)
		defer convPutBuf(lanes)
		defer convPutBuf(b)
		defer convPutBuf(hq)
		for pl := i * pps; pl < (i+1)*pps; pl++ {
			h0 := hq[(pl-i*pps)*hw:]
			// plane pl covers channels pl%c (per channel) or all of sample pl.
			g0 := normDotChannels(lanes, gd[pl*per*hw:][:per*hw], xd[pl*per*hw:][:per*hw], per, hw)
			for q := 0; q < hw; q++ {
				g := g0[q]
				d := dd[pl*hw+q]
				cnt := normBoxCount(q/w, q%w, h, w, k) * per
				h0[q] = -(g / (d * d)) / float32(cnt)
			}
		}
		for j := 0; j < pps; j++ {
			normBoxSum(b[j*hw:(j+1)*hw], hq[j*hw:(j+1)*hw], h, w, k)
		}
		for ch := 0; ch < c; ch++ {
			pl := normDivPlane(p, i, ch, c)
			bp := b[(pl-i*pps)*hw:]
			off := (i*c + ch) * hw
			gq := gxd[off : off+hw]
			simd.DivTo(gq, gd[off:off+hw], dd[pl*hw:(pl+1)*hw])
			if e == 1 { // a' = sign(x), 0 at 0: normDivPowGrad's values
				simd.MulSignAddTo(gq, bp[:hw], xd[off:off+hw])
				continue
			}
			for q, v := range xd[off : off+hw] {
				gq[q] += float32(bp[q] * normDivPowGrad(v, e))
			}
		}
	})
	return gx
}

// normSumChannels returns, for every position q < hw, simd.Sum of a's c
// channels at q (channel planes of hw each), with the same additions in
// the same order, computed for all positions at once in Sum's lanes (see
// normDotChannels).
func normSumChannels(lanes, a []float32, c, hw int) []float32 {
	clear(lanes[:simd.Lanes*hw])
	for j := 0; j < c; j++ {
		l := lanes[j%simd.Lanes*hw:][:hw]
		simd.AddTo(l, l, a[j*hw:][:hw])
	}
	return normFoldLanes(lanes, hw)
}

// normFoldLanes folds Lanes planes of hw partial sums by the canonical
// tree (lane l += lane l+w for w = Lanes/2 ... 1) into the first plane.
func normFoldLanes(lanes []float32, hw int) []float32 {
	for w := simd.Lanes / 2; w >= 1; w /= 2 {
		for l := 0; l < w; l++ {
			d := lanes[l*hw:][:hw]
			simd.AddTo(d, d, lanes[(l+w)*hw:][:hw])
		}
	}
	return lanes[:hw]
}

// normDotChannels returns, for every position q < hw, simd.Dot of a's and
// b's c channels at q (channel planes of hw each), with the same operations
// in the same order, computed for all positions at once: lanes (Lanes
// planes of hw, scratch) are Dot's partial sums, channel j fused into lane
// j%Lanes, then folded by Dot's tree. The result is lanes' first plane.
func normDotChannels(lanes, a, b []float32, c, hw int) []float32 {
	clear(lanes[:simd.Lanes*hw])
	for j := 0; j < c; j++ {
		simd.MulAddTo(lanes[j%simd.Lanes*hw:][:hw], a[j*hw:][:hw], b[j*hw:][:hw])
	}
	return normFoldLanes(lanes, hw)
}

// normDivPlane returns the index of the denominator plane of (sample i,
// channel ch).
func normDivPlane(p DivNormParams, i, ch, c int) int {
	if p.PerChannel {
		return i*c + ch
	}
	return i
}

func normDivCheck(op string, x *tensor.Tensor, p DivNormParams) (n, c, h, w, k int, e float32) {
	if x.Dims() != 4 {
		panic(fmt.Sprintf("ops: %s: input of shape %v (want [N, C, H, W])", op, x.Shape()))
	}
	k = p.Size
	if k == 0 {
		k = 1
	}
	e = p.Exponent
	if e == 0 {
		e = 1
	}
	if k < 0 || k%2 == 0 || !(e > 0) {
		panic(fmt.Sprintf("ops: %s: window %d (want odd) and exponent %g (want > 0) for input %v", op, p.Size, p.Exponent, x.Shape()))
	}
	s := x.Shape()
	return s[0], s[1], s[2], s[3], k, e
}

// normDivPow sets a to |x|^e elementwise, |x| being x with its sign bit
// cleared: one vector pass for e = 1 (simd.AbsTo) and e = 2 (x*x, which
// equals |x|*|x|).
func normDivPow(a, x []float32, e float32) {
	switch e {
	case 1:
		simd.AbsTo(a, x)
	case 2:
		simd.MulTo(a, x, x)
	default:
		a = a[:len(x)]
		for i, v := range x {
			a[i] = ewPow(math.Float32frombits(math.Float32bits(v)&^(1<<31)), e)
		}
	}
}

// normDivPowGrad returns d|x|^e/dx, 0 at x = 0 (1 for NaN x at e = 1,
// the values simd.MulSignAddTo multiplies by). It is small enough to be
// inlined into DivisiveNormBackward's loop over every element, which runs
// it for exponents other than 1; those take normDivPowGradPow.
func normDivPowGrad(x, e float32) float32 {
	if x == 0 || e != 1 {
		return normDivPowGradPow(x, e)
	}
	if x < 0 {
		return -1
	}
	return 1
}

// normDivPowGradPow is normDivPowGrad at x = 0 or for an exponent other
// than 1.
func normDivPowGradPow(x, e float32) float32 {
	switch {
	case x == 0:
		return 0
	case e == 2:
		return x + x
	}
	ax := x
	if ax < 0 {
		ax = -ax
	}
	g := e * ewPow(ax, e-1)
	if x < 0 {
		g = -g
	}
	return g
}

// normBoxSum sets dst[h,w] to the sum of src over the in-image cells of the
// k x k window centred on (h, w), gathered row by row and summed by simd.Sum.
// The positions whose window lies inside the image all gather the same
// window shape, so their sums run for all of them at once: window cell i
// added into lane i%Lanes of every position (simd.AddRows), then the lanes
// folded by Sum's tree; the other positions gather and sum one by one.
func normBoxSum(dst, src []float32, h, w, k int) {
	r := k / 2
	hi, wi := h-2*r, w-2*r // the inner positions: rows r..h-r-1, columns r..w-r-1
	if hi > 0 && wi > 0 {
		n := hi * wi
		lanes := convGetBuf(simd.Lanes * n)
		defer convPutBuf(lanes)
		clear(lanes)
		for i := 0; i < k*k; i++ {
			// cell i of position (r+py, r+px)'s window is (py+i/k, px+i%k)
			simd.AddRows(lanes[i%simd.Lanes*n:], wi, src[i/k*w+i%k:], w, hi, wi)
		}
		sums := normFoldLanes(lanes, n)
		for py := 0; py < hi; py++ {
			copy(dst[(r+py)*w+r:][:wi], sums[py*wi:][:wi])
		}
	}
	buf := make([]float32, 0, k*k)
	for y := 0; y < h; y++ {
		y0, y1 := max(y-r, 0), min(y+r, h-1)
		inner := y >= r && y < h-r
		for x := 0; x < w; x++ {
			if inner && x >= r && x < w-r {
				x = w - r - 1 // the inner positions of this row are done
				continue
			}
			x0, x1 := max(x-r, 0), min(x+r, w-1)
			buf = buf[:0]
			for yy := y0; yy <= y1; yy++ {
				buf = append(buf, src[yy*w+x0:yy*w+x1+1]...)
			}
			dst[y*w+x] = simd.Sum(buf)
		}
	}
}

// normBoxCount returns the number of in-image cells of the k x k window
// centred on (y, x) in an h x w image.
func normBoxCount(y, x, h, w, k int) int {
	r := k / 2
	return (min(y+r, h-1) - max(y-r, 0) + 1) * (min(x+r, w-1) - max(x-r, 0) + 1)
}
