package ops

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

type poolCase struct {
	n, c, h, w int
	p          Pool2dParams
}

var poolCases = []poolCase{
	{1, 1, 4, 4, Pool2dParams{KH: 2, KW: 2}},
	{2, 3, 7, 6, Pool2dParams{KH: 2, KW: 2}}, // odd size: the last row is dropped
	{2, 2, 7, 8, Pool2dParams{KH: 3, KW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1}},
	{1, 2, 6, 9, Pool2dParams{KH: 3, KW: 2, StrideH: 1, StrideW: 3, PadH: 1}},
	{2, 1, 5, 5, Pool2dParams{KH: 5, KW: 5}},
	{1, 3, 9, 4, Pool2dParams{KH: 4, KW: 2, StrideH: 3, PadH: 2, PadW: 1}},
}

func (c poolCase) String() string { return fmt.Sprintf("x[%d %d %d %d] %+v", c.n, c.c, c.h, c.w, c.p) }

// poolRef is the float64 pooling; max reports max instead of the mean
// over the in-image elements.
func poolRef(c poolCase, x []float64, max bool) []float64 {
	sh, sw := c.p.StrideH, c.p.StrideW
	if sh == 0 {
		sh = c.p.KH
	}
	if sw == 0 {
		sw = c.p.KW
	}
	ho, wo := (c.h+2*c.p.PadH-c.p.KH)/sh+1, (c.w+2*c.p.PadW-c.p.KW)/sw+1
	var y []float64
	for pl := 0; pl < c.n*c.c; pl++ {
		for oh := 0; oh < ho; oh++ {
			for ow := 0; ow < wo; ow++ {
				s, cnt, best := 0.0, 0, math.Inf(-1)
				for kh := 0; kh < c.p.KH; kh++ {
					for kw := 0; kw < c.p.KW; kw++ {
						ih, iw := oh*sh-c.p.PadH+kh, ow*sw-c.p.PadW+kw
						if ih < 0 || ih >= c.h || iw < 0 || iw >= c.w {
							continue
						}
						v := x[(pl*c.h+ih)*c.w+iw]
						s, cnt, best = s+v, cnt+1, math.Max(best, v)
					}
				}
				if max {
					y = append(y, best)
				} else {
					y = append(y, s/float64(cnt))
				}
			}
		}
	}
	return y
}

// poolDistinct returns a tensor of distinct values spaced by at least
// 0.01, so that central differences never cross a max-pool tie.
func poolDistinct(stream uint64, shape ...int) *tensor.Tensor {
	x := tensor.New(shape...)
	perm := laRNG(stream).Perm(x.Size())
	for i, p := range perm {
		x.Data()[i] = float32(p)*0.01 - 1
	}
	return x
}

func TestMaxPool2d(t *testing.T) {
	for i, c := range poolCases {
		x := poolDistinct(uint64(i), c.n, c.c, c.h, c.w)
		y, idx := MaxPool2dIndices(x, c.p)
		laClose(t, c.String(), y.Data(), poolRef(c, laF64(x), true), 0, 0)
		for o, at := range idx {
			plane := o / (y.Dim(2) * y.Dim(3))
			if x.Data()[plane*c.h*c.w+int(at)] != y.Data()[o] {
				t.Fatalf("%v: index %d of output %d does not hold the max", c, at, o)
			}
		}
		laSameBits(t, c.String(), MaxPool2d(x, c.p), y)
		gy := laRand(laRNG(uint64(10+i)), y.Shape()...)
		gx := MaxPool2dBackward(x, gy, c.p)
		laSameBits(t, c.String()+" from indices", gx, MaxPool2dBackwardIndices(gy, idx, x.Shape()))
		ref := func(in [][]float64) []float64 { return poolRef(c, in[0], true) }
		laGradCheck(t, c.String(), ref, []*tensor.Tensor{x}, gy, []*tensor.Tensor{gx}, 1e-3, 1e-4)
	}
}

// TestMaxPool2dTiesAndNaN checks that ties go to the first element in
// row-major window order and that NaN wins (the first NaN).
func TestMaxPool2dTiesAndNaN(t *testing.T) {
	nan := float32(math.NaN())
	for _, tc := range []struct {
		x    []float32
		want int32
	}{
		{[]float32{1, 3, 3, 2}, 1},
		{[]float32{5, 5, 5, 5}, 0},
		{[]float32{1, nan, 7, nan}, 1},
		{[]float32{nan, 9, 1, 2}, 0},
	} {
		for _, p := range []Pool2dParams{{KH: 2, KW: 2}, {KH: 2, KW: 2, StrideH: 1, StrideW: 1}, {KH: 2, KW: 2, StrideH: 3}} {
			y, idx := MaxPool2dIndices(tensor.FromSlice(tc.x, 1, 1, 2, 2), p)
			if idx[0] != tc.want || math.Float32bits(y.Data()[0]) != math.Float32bits(tc.x[tc.want]) {
				t.Errorf("%v %+v: max %v at %d, want index %d", tc.x, p, y.Data()[0], idx[0], tc.want)
			}
		}
	}
}

func TestAvgPool2d(t *testing.T) {
	for i, c := range poolCases {
		x := laRand(laRNG(uint64(20+i)), c.n, c.c, c.h, c.w)
		y := AvgPool2d(x, c.p)
		laClose(t, c.String(), y.Data(), poolRef(c, laF64(x), false), 1e-6, 1e-6)
		gy := laRand(laRNG(uint64(30+i)), y.Shape()...)
		gx := AvgPool2dBackward(x, gy, c.p)
		ref := func(in [][]float64) []float64 { return poolRef(c, in[0], false) }
		laGradCheck(t, c.String(), ref, []*tensor.Tensor{x}, gy, []*tensor.Tensor{gx}, 1e-3, 1e-4)
	}
}

// adaptiveRef is PyTorch's adaptive average pooling in float64.
func adaptiveRef(x []float64, n, c, h, w, oh, ow int) []float64 {
	var y []float64
	for pl := 0; pl < n*c; pl++ {
		for i := 0; i < oh; i++ {
			h0, h1 := int(math.Floor(float64(i*h)/float64(oh))), int(math.Ceil(float64((i+1)*h)/float64(oh)))
			for j := 0; j < ow; j++ {
				w0, w1 := int(math.Floor(float64(j*w)/float64(ow))), int(math.Ceil(float64((j+1)*w)/float64(ow)))
				s := 0.0
				for ih := h0; ih < h1; ih++ {
					for iw := w0; iw < w1; iw++ {
						s += x[(pl*h+ih)*w+iw]
					}
				}
				y = append(y, s/float64((h1-h0)*(w1-w0)))
			}
		}
	}
	return y
}

func TestAdaptiveAvgPool2d(t *testing.T) {
	for i, s := range [][6]int{{1, 1, 4, 4, 2, 2}, {2, 3, 7, 5, 3, 2}, {1, 2, 5, 7, 5, 7}, {2, 1, 3, 4, 5, 6}, {1, 2, 10, 9, 1, 1}} {
		n, c, h, w, oh, ow := s[0], s[1], s[2], s[3], s[4], s[5]
		name := fmt.Sprint(s)
		x := laRand(laRNG(uint64(40+i)), n, c, h, w)
		y := AdaptiveAvgPool2d(x, oh, ow)
		if !tensor.SameShape(y.Shape(), []int{n, c, oh, ow}) {
			t.Fatalf("%s: shape %v", name, y.Shape())
		}
		laClose(t, name, y.Data(), adaptiveRef(laF64(x), n, c, h, w, oh, ow), 1e-6, 1e-6)
		gy := laRand(laRNG(uint64(50+i)), y.Shape()...)
		gx := AdaptiveAvgPool2dBackward(x, gy)
		ref := func(in [][]float64) []float64 { return adaptiveRef(in[0], n, c, h, w, oh, ow) }
		laGradCheck(t, name, ref, []*tensor.Tensor{x}, gy, []*tensor.Tensor{gx}, 1e-3, 1e-4)
	}
}

func TestGlobalAvgPool2d(t *testing.T) {
	x := laRand(laRNG(60), 3, 4, 5, 7)
	y := GlobalAvgPool2d(x)
	if !tensor.SameShape(y.Shape(), []int{3, 4}) {
		t.Fatalf("shape %v", y.Shape())
	}
	ref := func(in [][]float64) []float64 { return adaptiveRef(in[0], 3, 4, 5, 7, 1, 1) }
	laClose(t, "GlobalAvgPool2d", y.Data(), ref([][]float64{laF64(x)}), 1e-6, 1e-6)
	gy := laRand(laRNG(61), 3, 4)
	gx := GlobalAvgPool2dBackward(x, gy)
	laGradCheck(t, "GlobalAvgPool2d", ref, []*tensor.Tensor{x}, gy, []*tensor.Tensor{gx}, 1e-3, 1e-4)
	// Bits agree with the adaptive pooling to 1x1 up to the order of the
	// sum; the global one is the canonical simd.Sum.
	laClose(t, "vs adaptive", y.Data(), laF64(AdaptiveAvgPool2d(x, 1, 1)), 1e-6, 1e-6)
}

// TestPoolThreads checks the same bits at 1, 2 and 3 threads, on a small
// case and on one of many planes (several runs of planes per thread).
func TestPoolThreads(t *testing.T) {
	for _, c := range []poolCase{poolCases[2], {n: 12, c: 40, h: 14, w: 13, p: Pool2dParams{KH: 2, KW: 2}}} {
		poolThreads(t, c)
	}
}

func poolThreads(t *testing.T, c poolCase) {
	x := laRand(laRNG(70), c.n, c.c, c.h, c.w)
	var ref []*tensor.Tensor
	laThreads([]int{1, 2, 3}, func(th int) {
		y := MaxPool2d(x, c.p)
		gy := laRand(laRNG(71), y.Shape()...)
		got := []*tensor.Tensor{y, MaxPool2dBackward(x, gy, c.p), AvgPool2d(x, c.p), AvgPool2dBackward(x, gy, c.p),
			AdaptiveAvgPool2d(x, 3, 5), GlobalAvgPool2d(x)}
		if ref == nil {
			ref = got
			return
		}
		for k := range got {
			laSameBits(t, fmt.Sprintf("threads=%d output %d", th, k), got[k], ref[k])
		}
	})
}

func TestPoolPanics(t *testing.T) {
	x := tensor.New(1, 2, 5, 5)
	for name, f := range map[string]func(){
		"3-D":        func() { MaxPool2d(tensor.New(2, 5, 5), Pool2dParams{KH: 2, KW: 2}) },
		"kernel 0":   func() { AvgPool2d(x, Pool2dParams{KH: 0, KW: 2}) },
		"pad > k/2":  func() { MaxPool2d(x, Pool2dParams{KH: 2, KW: 2, PadH: 2}) },
		"too big":    func() { MaxPool2d(x, Pool2dParams{KH: 6, KW: 2}) },
		"gradient":   func() { MaxPool2dBackward(x, tensor.New(1, 2, 3, 3), Pool2dParams{KH: 2, KW: 2}) },
		"adaptive":   func() { AdaptiveAvgPool2d(x, 0, 2) },
		"global":     func() { GlobalAvgPool2dBackward(x, tensor.New(2, 2)) },
		"avg grad":   func() { AvgPool2dBackward(x, tensor.New(1, 2, 2, 3), Pool2dParams{KH: 2, KW: 2}) },
		"adaptive g": func() { AdaptiveAvgPool2dBackward(x, tensor.New(1, 3, 2, 2)) },
	} {
		msg, ok := laPanics(f)
		if !ok || !strings.HasPrefix(msg, "ops: ") || !strings.Contains(msg, "[") {
			t.Errorf("%s: panic %q does not name the op and the shapes", name, msg)
		}
	}
}

// TestAvgPoolTilesSameBits checks the tiling fast path of AvgPool2d and
// its backward against the general window loops bit for bit: images not a
// multiple of the window (uncovered edges stay zero), signed zeros and a
// NaN in the gradient, windows of 1x1 to 3x2. The gradient's storage is
// poisoned: an element the backward leaves unwritten shows as NaN.
func TestAvgPoolTilesSameBits(t *testing.T) {
	defer tensor.SetDebugPoison(tensor.SetDebugPoison(true))
	for _, c := range []struct{ n, ch, h, w, kh, kw int }{
		{2, 3, 8, 8, 2, 2}, {1, 2, 7, 9, 2, 2}, {2, 1, 9, 8, 3, 2}, {1, 1, 5, 5, 1, 1}, {3, 2, 4, 130, 2, 2},
	} {
		p := Pool2dParams{KH: c.kh, KW: c.kw}
		x := laRand(laRNG(31), c.n, c.ch, c.h, c.w)
		g := poolGeometry("test", x, p)
		if !g.tiles() {
			t.Fatalf("%+v: not tiling", c)
		}
		// A window of -0: its sum from +0 is +0.
		negZero := float32(math.Copysign(0, -1))
		for r := 0; r < c.kh; r++ {
			for j := 0; j < c.kw; j++ {
				x.Data()[r*c.w+j] = negZero
			}
		}
		gy := laRand(laRNG(32), c.n, c.ch, g.ho, g.wo)
		gyd := gy.Data()
		gyd[0], gyd[1] = float32(math.Copysign(0, -1)), float32(math.NaN())
		wantY := tensor.New(c.n, c.ch, g.ho, g.wo)
		wantGx := tensor.New(x.Shape()...)
		hw, howo := g.h*g.w, g.ho*g.wo
		for i := 0; i < c.n*c.ch; i++ {
			for oh := 0; oh < g.ho; oh++ {
				for ow := 0; ow < g.wo; ow++ {
					h0, h1, w0, w1 := g.window(oh, ow)
					wantY.Data()[i*howo+oh*g.wo+ow] = poolWindowMean(x.Data()[i*hw:(i+1)*hw], g.w, h0, h1, w0, w1)
					poolWindowSpread(wantGx.Data()[i*hw:(i+1)*hw], g.w, h0, h1, w0, w1, gyd[i*howo+oh*g.wo+ow])
				}
			}
		}
		laSameBits(t, fmt.Sprintf("%+v forward", c), AvgPool2d(x, p), wantY)
		laSameBits(t, fmt.Sprintf("%+v backward", c), AvgPool2dBackward(x, gy, p), wantGx)
	}
}
