package ops

import (
	"fmt"
	"math"
	"math/bits"
	"testing"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// Shapes that take the Winograd path: odd sizes (H, W not multiples of 4),
// a 1x1 image, N=1, every padding 0..2, and outputs of whole tiles (which
// the output transform writes straight into y).
var wgCases = []convCase{
	{n: 1, cin: 16, h: 1, w: 1, cout: 16, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}, bias: true},
	{n: 2, cin: 16, h: 7, w: 5, cout: 17, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}, bias: true},
	{n: 1, cin: 17, h: 9, w: 10, cout: 16, kh: 3, kw: 3, p: Conv2dParams{PadW: 2}},
	{n: 3, cin: 16, h: 8, w: 8, cout: 20, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}, bias: true},
	{n: 2, cin: 18, h: 5, w: 13, cout: 16, kh: 3, kw: 3, p: Conv2dParams{PadH: 2}},
	{n: 1, cin: 16, h: 3, w: 3, cout: 16, kh: 3, kw: 3},
	{n: 5, cin: 16, h: 6, w: 7, cout: 24, kh: 3, kw: 3, p: Conv2dParams{PadH: 2, PadW: 2}, bias: true},
}

// wgIn1, wgOut1 and wgFilter1 restate the documented 1-D transforms (see
// simd/winograd_generic.go and winogradFilter1) for the references below.
func wgIn1(d [6]float32) (r [6]float32) {
	r[0] = float32(4*d[0]) - float32(5*d[2]) + d[4]
	r[5] = float32(4*d[1]) - float32(5*d[3]) + d[5]
	r[1] = d[3] + d[4] - float32(4*(d[1]+d[2]))
	r[2] = d[4] - d[3] + float32(4*(d[1]-d[2]))
	u := float32(2 * (d[3] - d[1]))
	r[3] = d[4] - d[2] + u
	r[4] = d[4] - d[2] - u
	return r
}

func wgOut1(m [6]float32) (y [4]float32) {
	a, b, c, d := m[1]+m[2], m[1]-m[2], m[3]+m[4], m[3]-m[4]
	return [4]float32{m[0] + a + c, b + float32(2*d), a + float32(4*c), b + float32(8*d) + m[5]}
}

func wgFilter1(g [3]float32) [6]float32 {
	p, q, h := g[0]+g[2], g[0]+float32(4*g[2]), float32(2*g[1])
	const r6, r24 = float32(1.0 / 6), float32(1.0 / 24)
	return [6]float32{float32(g[0] * 0.25), -float32((p + g[1]) * r6), -float32((p - g[1]) * r6),
		float32((q + h) * r24), float32((q - h) * r24), g[2]}
}

// wgRefForward is the documented order of the Winograd forward pass, one
// tile at a time, element by element: U = G g Gᵀ, V = Bᵀ d B (columns,
// then rows), M[p] a chain of simd.FMA32 over the input channels from
// zero, Y = Aᵀ M A, then + bias. filt(co, ci) is the 3x3 filter.
func wgRefForward(n, cin, h, w, ph, pw, cout int, x []float32, filt func(co, ci int) [9]float32, bias []float32) []float32 {
	ho, wo := h+2*ph-2, w+2*pw-2
	u := make([][36]float32, cout*cin)
	for co := 0; co < cout; co++ {
		for ci := 0; ci < cin; ci++ {
			g := filt(co, ci)
			var t [6][3]float32
			for c := 0; c < 3; c++ {
				col := wgFilter1([3]float32{g[c], g[3+c], g[6+c]})
				for r := range col {
					t[r][c] = col[r]
				}
			}
			for i := 0; i < 6; i++ {
				row := wgFilter1(t[i])
				copy(u[co*cin+ci][6*i:], row[:])
			}
		}
	}
	y := make([]float32, n*cout*ho*wo)
	v := make([][36]float32, cin)
	for s := 0; s < n; s++ {
		for ty := 0; ty < (ho+3)/4; ty++ {
			for tx := 0; tx < (wo+3)/4; tx++ {
				for ci := 0; ci < cin; ci++ {
					var d, t [6][6]float32
					for r := 0; r < 6; r++ {
						for c := 0; c < 6; c++ {
							ih, iw := 4*ty+r-ph, 4*tx+c-pw
							if ih >= 0 && ih < h && iw >= 0 && iw < w {
								d[r][c] = x[((s*cin+ci)*h+ih)*w+iw]
							}
						}
					}
					for c := 0; c < 6; c++ {
						col := wgIn1([6]float32{d[0][c], d[1][c], d[2][c], d[3][c], d[4][c], d[5][c]})
						for r := range col {
							t[r][c] = col[r]
						}
					}
					for i := 0; i < 6; i++ {
						row := wgIn1(t[i])
						copy(v[ci][6*i:], row[:])
					}
				}
				for co := 0; co < cout; co++ {
					var m [36]float32
					for p := range m {
						for ci := 0; ci < cin; ci++ {
							m[p] = simd.FMA32(u[co*cin+ci][p], v[ci][p], m[p])
						}
					}
					var t [4][6]float32
					for c := 0; c < 6; c++ {
						col := wgOut1([6]float32{m[c], m[6+c], m[12+c], m[18+c], m[24+c], m[30+c]})
						for r := range col {
							t[r][c] = col[r]
						}
					}
					for i := 0; i < 4; i++ {
						row := wgOut1(t[i])
						for j, val := range row {
							oh, ow := 4*ty+i, 4*tx+j
							if oh >= ho || ow >= wo {
								continue
							}
							if bias != nil {
								val += bias[co]
							}
							y[((s*cout+co)*ho+oh)*wo+ow] = val
						}
					}
				}
			}
		}
	}
	return y
}

func (c convCase) wgEligible(t *testing.T) convGeom {
	t.Helper()
	x, w, b := c.tensors(0)
	g := convGeometry("test", x, w, b, c.p)
	if !g.winograd() {
		t.Fatalf("%v: not on the Winograd path", c)
	}
	return g
}

// TestConv2dWinogradOrder checks the forward pass and the input gradient
// bit for bit against the documented order, for several block sizes and
// thread counts.
func TestConv2dWinogradOrder(t *testing.T) {
	defer func() { winogradTiles = 0 }()
	for i, c := range wgCases {
		g := c.wgEligible(t)
		x, w, b := c.tensors(uint64(700 + i))
		var bd []float32
		if b != nil {
			bd = b.Data()
		}
		wd := w.Data()
		want := wgRefForward(c.n, c.cin, c.h, c.w, c.p.PadH, c.p.PadW, c.cout, x.Data(),
			func(co, ci int) (f [9]float32) { copy(f[:], wd[(co*c.cin+ci)*9:]); return f }, bd)
		gy := laRand(laRNG(uint64(750+i)), c.n, c.cout, g.ho, g.wo)
		wantGx := wgRefForward(c.n, c.cout, g.ho, g.wo, 2-c.p.PadH, 2-c.p.PadW, c.cin, gy.Data(),
			func(ci, co int) (f [9]float32) {
				for k := range f {
					f[k] = wd[(co*c.cin+ci)*9+8-k]
				}
				return f
			}, nil)
		for _, tiles := range []int{0, 16, 48} {
			winogradTiles = tiles
			laThreads([]int{1, 2, 3}, func(th int) {
				name := fmt.Sprintf("%v tiles=%d threads=%d", c, tiles, th)
				laSameBits(t, name+" forward", Conv2d(x, w, b, c.p), tensor.FromSlice(want, c.n, c.cout, g.ho, g.wo))
				laSameBits(t, name+" input gradient", Conv2dBackwardInput(x, w, gy, c.p), tensor.FromSlice(wantGx, x.Shape()...))
			})
		}
	}
}

// wgMaxRelErr returns the largest |got - want| over the largest |want|.
func wgMaxRelErr(got []float32, want []float64) float64 {
	var d, m float64
	for i := range got {
		d = max(d, math.Abs(float64(got[i])-want[i]))
		m = max(m, math.Abs(want[i]))
	}
	return d / m
}

// TestConv2dWinogradAccuracy compares the forward pass with the float64
// direct convolution, and the gradients with central differences of it.
func TestConv2dWinogradAccuracy(t *testing.T) {
	for i, c := range wgCases {
		c.wgEligible(t)
		x, w, b := c.tensors(uint64(800 + i))
		var bd []float64
		if b != nil {
			bd = laF64(b)
		}
		ref := convRef(c, laF64(x), laF64(w), bd)
		if e := wgMaxRelErr(Conv2d(x, w, b, c.p).Data(), ref); e > 1e-5 {
			t.Errorf("%v: forward max error %.2g of the largest output", c, e)
		}
	}
	// Gradients by central differences, on the smallest shapes.
	for i, c := range wgCases[:3] {
		x, w, b := c.tensors(uint64(850 + i))
		gy := laRand(laRNG(uint64(860+i)), Conv2d(x, w, b, c.p).Shape()...)
		gx := Conv2dBackwardInput(x, w, gy, c.p)
		laGradCheck(t, c.String(), func(in [][]float64) []float64 { return convRef(c, in[0], laF64(w), nil) },
			[]*tensor.Tensor{x}, gy, []*tensor.Tensor{gx}, 1e-3, 1e-4)
	}
}

// TestConv2dWinogradNaN checks that a NaN input poisons at least the
// outputs the direct convolution would (its 3x3 neighbourhood) and nothing
// outside the 4x4 tiles whose 6x6 windows hold it.
func TestConv2dWinogradNaN(t *testing.T) {
	c := convCase{n: 2, cin: 16, h: 11, w: 9, cout: 16, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}}
	g := c.wgEligible(t)
	x, w, _ := c.tensors(1)
	const ci, ih, iw = 3, 5, 4 // sample 1
	x.Data()[((c.cin+ci)*c.h+ih)*c.w+iw] = float32(math.NaN())
	y := Conv2d(x, w, nil, c.p).Data()
	for s := 0; s < c.n; s++ {
		for co := 0; co < c.cout; co++ {
			for oh := 0; oh < g.ho; oh++ {
				for ow := 0; ow < g.wo; ow++ {
					v := y[((s*c.cout+co)*g.ho+oh)*g.wo+ow]
					// Padded coordinates: the NaN sits at (ih+1, iw+1).
					near := s == 1 && abs(oh-ih) <= 1 && abs(ow-iw) <= 1
					ty, tx := oh/4, ow/4
					inWindow := s == 1 && 4*ty <= ih+1 && ih+1 < 4*ty+6 && 4*tx <= iw+1 && iw+1 < 4*tx+6
					if near && !math.IsNaN(float64(v)) {
						t.Fatalf("y[%d %d %d %d] = %v next to the NaN", s, co, oh, ow, v)
					}
					if !inWindow && math.IsNaN(float64(v)) {
						t.Fatalf("y[%d %d %d %d] is NaN outside the tiles that read it", s, co, oh, ow)
					}
				}
			}
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// BenchmarkConv2dWinograd compares the Winograd and im2col paths on the
// 3x3 layers of bench_conv.py and refnet.py, pass by pass.
func BenchmarkConv2dWinograd(b *testing.B) {
	defer func() { convWinogradOff = false }()
	for _, c := range []struct {
		name            string
		n, cin, h, cout int
	}{
		{"ii", 64, 32, 32, 64}, {"iii", 64, 64, 16, 128}, {"v2", 64, 32, 14, 64}, {"v4", 64, 64, 7, 128},
	} {
		p := Conv2dParams{PadH: 1, PadW: 1}
		rng := laRNG(3)
		x := laRand(rng, c.n, c.cin, c.h, c.h)
		w := laRand(rng, c.cout, c.cin, 3, 3)
		bias := laRand(rng, c.cout)
		gy := laRand(rng, c.n, c.cout, c.h, c.h)
		flop := 2 * float64(c.n*c.cout*c.h*c.h*c.cin*9)
		for _, pass := range []string{"fwd", "bwdData", "bwdParams"} {
			for _, path := range []string{"winograd", "im2col"} {
				b.Run(c.name+"/"+pass+"/"+path, func(b *testing.B) {
					convWinogradOff = path == "im2col"
					laBenchThreads(b)
					for i := 0; i < b.N; i++ {
						switch pass {
						case "fwd":
							Conv2d(x, w, bias, p)
						case "bwdData":
							Conv2dBackwardInput(x, w, gy, p)
						default:
							Conv2dBackwardParams(x, w, gy, p, true)
						}
					}
					b.ReportMetric(flop*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}

func wgFilterGrad1(u [6]float32) [3]float32 {
	a, b, c, e := u[1]+u[2], u[3]+u[4], u[2]-u[1], u[3]-u[4]
	const r6, r12, r24 = float32(1.0 / 6), float32(1.0 / 12), float32(1.0 / 24)
	return [3]float32{float32(u[0]*0.25) - float32(a*r6) + float32(b*r24), float32(c*r6) + float32(e*r12), float32((b-a)*r6) + u[5]}
}

func wgGrad1(g [4]float32) [6]float32 {
	e, o := g[0]+g[2], g[1]+g[3]
	e2, o2 := g[0]+float32(4*g[2]), float32(2*g[1])+float32(8*g[3])
	return [6]float32{g[0], e + o, e - o, e2 + o2, e2 - o2, g[3]}
}

// wgRefWeightGrad is the documented order of the Winograd weight gradient,
// element by element: per chunk of winogradChunkTiles tiles, dU[p] a chain
// of simd.FMA32 over the chunk's tiles from zero; the chunks added in
// blas.SumTree's tree; then Gᵀ dU G.
func wgRefWeightGrad(c convCase, x, gy []float32) []float32 {
	ph, pw := c.p.PadH, c.p.PadW
	ho, wo := c.h+2*ph-2, c.w+2*pw-2
	th, tw := (ho+3)/4, (wo+3)/4
	tiles := c.n * th * tw
	// Transforms of every tile: V[t][ci][p], Z[t][co][p].
	vt := make([][36]float32, tiles*c.cin)
	zt := make([][36]float32, tiles*c.cout)
	for t := 0; t < tiles; t++ {
		s, ty, tx := t/(th*tw), t%(th*tw)/tw, t%tw
		for ci := 0; ci < c.cin; ci++ {
			var d, tmp [6][6]float32
			for r := 0; r < 6; r++ {
				for q := 0; q < 6; q++ {
					ih, iw := 4*ty+r-ph, 4*tx+q-pw
					if ih >= 0 && ih < c.h && iw >= 0 && iw < c.w {
						d[r][q] = x[((s*c.cin+ci)*c.h+ih)*c.w+iw]
					}
				}
			}
			for q := 0; q < 6; q++ {
				col := wgIn1([6]float32{d[0][q], d[1][q], d[2][q], d[3][q], d[4][q], d[5][q]})
				for r := range col {
					tmp[r][q] = col[r]
				}
			}
			for i := 0; i < 6; i++ {
				row := wgIn1(tmp[i])
				copy(vt[t*c.cin+ci][6*i:], row[:])
			}
		}
		for co := 0; co < c.cout; co++ {
			var d [4][4]float32
			var tmp [6][4]float32
			for r := 0; r < 4; r++ {
				for q := 0; q < 4; q++ {
					if oh, ow := 4*ty+r, 4*tx+q; oh < ho && ow < wo {
						d[r][q] = gy[((s*c.cout+co)*ho+oh)*wo+ow]
					}
				}
			}
			for q := 0; q < 4; q++ {
				col := wgGrad1([4]float32{d[0][q], d[1][q], d[2][q], d[3][q]})
				for r := range col {
					tmp[r][q] = col[r]
				}
			}
			for i := 0; i < 6; i++ {
				row := wgGrad1(tmp[i])
				copy(zt[t*c.cout+co][6*i:], row[:])
			}
		}
	}
	size := 36 * c.cout * c.cin
	leaf := func(k int) []float32 {
		out := make([]float32, size)
		for p := 0; p < 36; p++ {
			for co := 0; co < c.cout; co++ {
				for ci := 0; ci < c.cin; ci++ {
					var acc float32
					for t := k * winogradChunkTiles; t < min(tiles, (k+1)*winogradChunkTiles); t++ {
						acc = simd.FMA32(zt[t*c.cout+co][p], vt[t*c.cin+ci][p], acc)
					}
					out[(p*c.cout+co)*c.cin+ci] = acc
				}
			}
		}
		return out
	}
	var tree func(lo, hi int) []float32
	tree = func(lo, hi int) []float32 {
		if hi-lo == 1 {
			return leaf(lo)
		}
		mid := lo + 1<<(bits.Len(uint(hi-lo-1))-1)
		l, r := tree(lo, mid), tree(mid, hi)
		for i := range l {
			l[i] += r[i]
		}
		return l
	}
	du := tree(0, (tiles+winogradChunkTiles-1)/winogradChunkTiles)
	gw := make([]float32, c.cout*c.cin*9)
	for co := 0; co < c.cout; co++ {
		for ci := 0; ci < c.cin; ci++ {
			var tmp [3][6]float32
			for j := 0; j < 6; j++ {
				var col [6]float32
				for i := range col {
					col[i] = du[((6*i+j)*c.cout+co)*c.cin+ci]
				}
				r := wgFilterGrad1(col)
				tmp[0][j], tmp[1][j], tmp[2][j] = r[0], r[1], r[2]
			}
			for k := 0; k < 3; k++ {
				r := wgFilterGrad1(tmp[k])
				copy(gw[(co*c.cin+ci)*9+3*k:], r[:])
			}
		}
	}
	return gw
}

// TestConv2dWinogradWeightGrad checks the weight gradient bit for bit
// against the documented order (one case spans two chunks of the sum
// tree), for several sub-block sizes and thread counts, against central
// differences of the float64 convolution, and that the bias gradient and
// the partial backward functions agree.
func TestConv2dWinogradWeightGrad(t *testing.T) {
	defer func() { winogradTiles, winogradGWFlip = 0, 0 }()
	cases := append([]convCase{{n: 9, cin: 16, h: 16, w: 15, cout: 17, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}}}, wgCases...)
	for i, c := range cases {
		g := c.wgEligible(t)
		x, w, _ := c.tensors(uint64(900 + i))
		gy := laRand(laRNG(uint64(950+i)), c.n, c.cout, g.ho, g.wo)
		want := tensor.FromSlice(wgRefWeightGrad(c, x.Data(), gy.Data()), w.Shape()...)
		for k, tiles := range []int{0, 16, 48} {
			winogradTiles, winogradGWFlip = tiles, k // each orientation
			laThreads([]int{1, 2, 3}, func(th int) {
				name := fmt.Sprintf("%v tiles=%d orientation=%d threads=%d", c, tiles, winogradGWFlip, th)
				gx, gw, _ := Conv2dBackward(x, w, gy, c.p, false)
				laSameBits(t, name+" weight gradient", gw, want)
				laSameBits(t, name+" input gradient", gx, Conv2dBackwardInput(x, w, gy, c.p))
			})
		}
	}
	for i, c := range wgCases[:3] {
		x, w, _ := c.tensors(uint64(980 + i))
		gy := laRand(laRNG(uint64(990+i)), Conv2d(x, w, nil, c.p).Shape()...)
		gw, _ := Conv2dBackwardParams(x, w, gy, c.p, false)
		laGradCheck(t, c.String(), func(in [][]float64) []float64 { return convRef(c, laF64(x), in[0], nil) },
			[]*tensor.Tensor{w}, gy, []*tensor.Tensor{gw}, 1e-3, 1e-4)
	}
}

// TestConv2dWinogradEmptyBatch: no samples, zero gradients.
func TestConv2dWinogradEmptyBatch(t *testing.T) {
	c := convCase{n: 0, cin: 16, h: 5, w: 5, cout: 16, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}, bias: true}
	c.wgEligible(t)
	x, w, b := c.tensors(1)
	y := Conv2d(x, w, b, c.p)
	gx, gw, gb := Conv2dBackward(x, w, tensor.New(y.Shape()...), c.p, true)
	if y.Size() != 0 || gx.Size() != 0 || !tensor.Equal(gw, tensor.New(w.Shape()...)) || !tensor.Equal(gb, tensor.New(16)) {
		t.Fatalf("empty batch: y %v, gx %v, gw or gb not zero", y.Shape(), gx.Shape())
	}
}
