package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// TestDivisiveNormOrder checks DivisiveNorm and DivisiveNormBackward, whose
// sums and dots over the channels run for all positions at once
// (normSumChannels, normDotChannels), bit for bit against their documented
// orders written plainly (divNormForwardRef, divNormBackwardRef: one
// simd.Sum or simd.Dot per position), at 1 and 3 threads:
// exponents 1, 2 and 1.5, pooled and per-channel denominators, fewer and
// more channels than simd.Lanes, windows from 1 to 5, inputs with exact
// zeros of both signs, and an infinity.
func TestDivisiveNormOrder(t *testing.T) {
	defer blas.SetThreads(blas.SetThreads(1))
	for i, c := range []struct {
		shape []int
		p     DivNormParams
	}{
		{[]int{3, 16, 9, 11}, DivNormParams{Size: 5, Sigma: 0.5, Exponent: 1}},
		{[]int{2, 5, 6, 4}, DivNormParams{Size: 3, Sigma: 0.25, Exponent: 2}},
		{[]int{2, 37, 5, 7}, DivNormParams{Size: 1, Sigma: 1, Exponent: 1.5}},
		{[]int{2, 4, 7, 3}, DivNormParams{Size: 5, Sigma: 0.5, Exponent: 1, PerChannel: true}},
	} {
		x := tensor.RandNormal(tensor.NewRNG(uint64(i), 20), 0, 1, c.shape...)
		gy := tensor.RandNormal(tensor.NewRNG(uint64(i), 21), 0, 1, c.shape...)
		for j := range x.Data() {
			switch j % 7 {
			case 0:
				x.Data()[j] = 0
			case 1:
				x.Data()[j] = float32(math.Copysign(0, -1))
			case 2:
				gy.Data()[j] = float32(math.Copysign(0, -1))
			}
		}
		gy.Data()[5] = float32(math.Inf(1))
		wantY, d := divNormForwardRef(x, c.p)
		want := divNormBackwardRef(x, d, gy, c.p)
		for _, th := range []int{1, 3} {
			blas.SetThreads(th)
			if y, d2 := DivisiveNorm(x, c.p); !tensor.Equal(y, wantY) || !tensor.Equal(d2, d) {
				t.Errorf("%v %+v, %d threads: forward differs from the plain order", c.shape, c.p, th)
			}
			if got := DivisiveNormBackward(x, d, gy, c.p); !tensor.Equal(got, want) {
				t.Errorf("%v %+v, %d threads: backward differs from the plain order", c.shape, c.p, th)
			}
		}
	}
}

// divNormForwardRef and divNormBackwardRef are DivisiveNorm's and
// DivisiveNormBackward's documented orders written plainly, one simd.Sum or
// simd.Dot over the gathered channels per position.
func divNormForwardRef(x *tensor.Tensor, p DivNormParams) (y, denom *tensor.Tensor) {
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
	denom = tensor.New(dshape...)
	y = tensor.New(x.Shape()...)
	xd, yd, dd := x.Data(), y.Data(), denom.Data()
	pps := planes / n // denominator planes per sample
	// Samples are independent: each is one job.
	poolPlanes(n, 3*c*hw, func(i int) {
		a := make([]float32, c*hw) // the sample's |x|^n
		for j, v := range xd[i*c*hw : (i+1)*c*hw] {
			if v < 0 {
				v = -v
			}
			switch e {
			case 1:
				a[j] = v
			case 2:
				a[j] = v * v
			default:
				a[j] = ewPow(v, e)
			}
		}
		t := a
		if !p.PerChannel {
			t = make([]float32, hw)
			buf := make([]float32, c)
			for q := 0; q < hw; q++ {
				for ch := range buf {
					buf[ch] = a[ch*hw+q]
				}
				t[q] = simd.Sum(buf)
			}
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
			for q := 0; q < hw; q++ {
				yd[off+q] = xd[off+q] / dp[q]
			}
		}
	})
	return y, denom
}

func divNormBackwardRef(x, denom, gy *tensor.Tensor, p DivNormParams) *tensor.Tensor {
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
	gx := tensor.New(x.Shape()...)
	gxd := gx.Data()
	pps := planes / n // denominator planes per sample
	// Samples are independent: each is one job.
	poolPlanes(n, 3*c*hw, func(i int) {
		hq := make([]float32, pps*hw)
		gb, xb := make([]float32, per), make([]float32, per)
		for pl := i * pps; pl < (i+1)*pps; pl++ {
			h0 := hq[(pl-i*pps)*hw:]
			for q := 0; q < hw; q++ {
				for j := 0; j < per; j++ {
					// plane pl covers channels pl%c (per channel) or all of sample pl.
					off := (pl*per+j)*hw + q
					gb[j], xb[j] = gd[off], xd[off]
				}
				g := simd.Dot(gb, xb)
				d := dd[pl*hw+q]
				cnt := normBoxCount(q/w, q%w, h, w, k) * per
				h0[q] = -(g / (d * d)) / float32(cnt)
			}
		}
		b := make([]float32, pps*hw)
		for j := 0; j < pps; j++ {
			normBoxSum(b[j*hw:(j+1)*hw], hq[j*hw:(j+1)*hw], h, w, k)
		}
		for ch := 0; ch < c; ch++ {
			pl := normDivPlane(p, i, ch, c)
			bp := b[(pl-i*pps)*hw:]
			off := (i*c + ch) * hw
			for q := 0; q < hw; q++ {
				v := xd[off+q]
				gxd[off+q] = gd[off+q]/dd[pl*hw+q] + float32(bp[q]*normDivPowGrad(v, e))
			}
		}
	})
	return gx
}

// TestNormBoxSumOrder checks the window sums, whose inner positions run
// all at once, bit for bit against the plain per-position gather and
// simd.Sum (normBoxSumRef), on values of mixed signs and magnitudes (so
// that any change of order shows in the roundings), for windows from 1 to
// 9 and images smaller than the window.
func TestNormBoxSumOrder(t *testing.T) {
	rng := tensor.NewRNG(3, 30)
	for _, c := range [][3]int{{9, 11, 5}, {6, 4, 3}, {5, 7, 1}, {7, 3, 5}, {12, 12, 7}, {3, 3, 5}, {20, 17, 9}, {28, 28, 5}} {
		h, w, k := c[0], c[1], c[2]
		src := tensor.RandNormal(rng, 0, 1, h*w).Data()
		for i := range src {
			src[i] *= float32(math.Pow(10, float64(i%7-3)))
		}
		got, want := make([]float32, h*w), make([]float32, h*w)
		normBoxSum(got, src, h, w, k)
		normBoxSumRef(want, src, h, w, k)
		for i := range got {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("%dx%d, window %d: position %d: %g, plain order %g", h, w, k, i, got[i], want[i])
			}
		}
	}
}

// normBoxSumRef is normBoxSum written plainly: each position gathers its
// window row by row and sums it with simd.Sum.
func normBoxSumRef(dst, src []float32, h, w, k int) {
	r := k / 2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var buf []float32
			for yy := max(y-r, 0); yy <= min(y+r, h-1); yy++ {
				buf = append(buf, src[yy*w+max(x-r, 0):yy*w+min(x+r, w-1)+1]...)
			}
			dst[y*w+x] = simd.Sum(buf)
		}
	}
}
