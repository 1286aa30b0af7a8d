package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// FuzzConv2d draws convolution geometries (batch, channels, groups, image
// and kernel sizes, strides, padding, dilation, bias) from the input and
// checks every path the dispatcher picks: the forward pass and the three
// gradients against float64 references, and the same bits again on
// recycled storage poisoned with NaN (so an output a path fails to write,
// or a value it reads before writing, shows).
func FuzzConv2d(f *testing.F) {
	// Byte i is value - low of field i (fuzzConvCase).
	f.Add([]byte{19, 15, 31, 11, 11, 2, 0, 0, 1, 0, 0, 1}) // Winograd, 12x12 whole tiles, several blocks
	f.Add([]byte{0, 5, 31, 27, 27, 6, 0, 0, 3, 0, 0, 1})   // gathered tiles (the refnet's V1)
	f.Add([]byte{1, 0, 5, 27, 27, 4, 0, 0, 2, 0, 0, 0})    // few output channels
	f.Add([]byte{1, 0, 0, 8, 8, 2, 1, 1, 1, 1, 3, 3})      // depthwise, strided, dilated, 3x2
	f.Fuzz(func(t *testing.T, data []byte) {
		c, ok := fuzzConvCase(data)
		if !ok {
			t.Skip()
		}
		fuzzConvCheck(t, c)
	})
}

// fuzzConvCase decodes a geometry, or reports false when the bytes give
// none (or one too large to check quickly).
func fuzzConvCase(d []byte) (convCase, bool) {
	if len(d) < 12 {
		return convCase{}, false
	}
	at := func(i, lo, hi int) int { return lo + int(d[i])%(hi-lo+1) }
	groups := at(10, 1, 4)
	c := convCase{
		n: at(0, 1, 70), cin: groups * at(1, 1, 40/groups), cout: groups * at(2, 1, 48/groups),
		h: at(3, 1, 40), w: at(4, 1, 40), kh: at(5, 1, 7), kw: at(5, 1, 7),
		bias: d[11]&1 != 0,
	}
	if d[11]&2 != 0 {
		c.kw = at(9, 1, 7)
	}
	c.p = Conv2dParams{StrideH: at(6, 1, 3), StrideW: at(7, 1, 3), PadH: at(8, 0, c.kh), PadW: at(8, 0, c.kw),
		DilationH: at(9, 1, 2), DilationW: at(9, 1, 2), Groups: groups}
	effH, effW := c.p.DilationH*(c.kh-1)+1, c.p.DilationW*(c.kw-1)+1
	if c.h+2*c.p.PadH < effH || c.w+2*c.p.PadW < effW {
		return c, false
	}
	ho := (c.h+2*c.p.PadH-effH)/c.p.StrideH + 1
	wo := (c.w+2*c.p.PadW-effW)/c.p.StrideW + 1
	return c, c.n*c.cout*ho*wo*(c.cin/groups)*c.kh*c.kw <= 16<<20
}

func fuzzConvCheck(t *testing.T, c convCase) {
	x, w, b := c.tensors(7)
	g := convGeometry("fuzz", x, w, b, c.p)
	gy := laRand(laRNG(8), c.n, c.cout, g.ho, g.wo)
	run := func(poison bool) []*tensor.Tensor {
		defer tensor.SetDebugPoison(tensor.SetDebugPoison(poison))
		var out []*tensor.Tensor
		for rep := 0; rep < 2; rep++ { // the second on recycled storage
			y := Conv2d(x, w, b, c.p)
			gx, gw, gb := Conv2dBackward(x, w, gy, c.p, c.bias)
			out = []*tensor.Tensor{y.Clone(), gx.Clone(), gw.Clone()}
			if gb != nil {
				out = append(out, gb.Clone())
			}
			y.Release()
			gx.Release()
			gw.Release()
		}
		return out
	}
	got := run(false)
	for j, v := range run(true) {
		if !tensor.Equal(v, got[j]) {
			t.Fatalf("%v: output %d (y, gx, gw, gb) differs on poisoned recycled storage", c, j)
		}
	}
	var bd []float64
	if b != nil {
		bd = laF64(b)
	}
	xd, wd, gyd := laF64(x), laF64(w), laF64(gy)
	gx, gw, gb := convRefGrads(c, g, xd, wd, gyd)
	for j, want := range [][]float64{convRef(c, xd, wd, bd), gx, gw, gb} {
		if j == 3 && !c.bias {
			break
		}
		fuzzClose(t, fmt.Sprintf("%v output %d", c, j), got[j].Data(), want)
	}
}

// convRefGrads returns the float64 gradients of convRef with respect to x,
// w and b, for the output gradient gy.
func convRefGrads(c convCase, g convGeom, x, w, gy []float64) (gx, gw, gb []float64) {
	gx, gw, gb = make([]float64, len(x)), make([]float64, len(w)), make([]float64, c.cout)
	for n := 0; n < g.n; n++ {
		for co := 0; co < g.cout; co++ {
			gr := co / g.coutG
			for oh := 0; oh < g.ho; oh++ {
				for ow := 0; ow < g.wo; ow++ {
					v := gy[((n*g.cout+co)*g.ho+oh)*g.wo+ow]
					gb[co] += v
					for ci := 0; ci < g.cinG; ci++ {
						for kh := 0; kh < g.kh; kh++ {
							for kw := 0; kw < g.kw; kw++ {
								ih, iw := oh*g.sh-g.ph+kh*g.dh, ow*g.sw-g.pw+kw*g.dw
								if ih < 0 || ih >= g.h || iw < 0 || iw >= g.w {
									continue
								}
								xi := ((n*g.cin+gr*g.cinG+ci)*g.h+ih)*g.w + iw
								wi := ((co*g.cinG+ci)*g.kh+kh)*g.kw + kw
								gx[xi] += w[wi] * v
								gw[wi] += x[xi] * v
							}
						}
					}
				}
			}
		}
	}
	return gx, gw, gb
}

// fuzzClose requires got within 1e-4 of the largest |want| (the Winograd
// transforms err by a few 1e-6 of it, sums of thousands of float32
// products by a few 1e-7 of their terms).
func fuzzClose(t *testing.T, what string, got []float32, want []float64) {
	t.Helper()
	scale := 0.0
	for _, v := range want {
		scale = max(scale, math.Abs(v))
	}
	for i, v := range want {
		if d := math.Abs(float64(got[i]) - v); !(d <= 1e-4*scale+1e-6) {
			t.Fatalf("%s: element %d = %v, float64 %v (scale %g)", what, i, got[i], v, scale)
		}
	}
}
