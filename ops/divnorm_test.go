package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// refDivNorm is the defining formula of DivisiveNorm in float64.
func refDivNorm(x []float64, shape []int, k int, sigma, e float64, perChannel bool) []float64 {
	n, c, h, w := shape[0], shape[1], shape[2], shape[3]
	r := k / 2
	y := make([]float64, len(x))
	at := func(i, ch, yy, xx int) float64 { return x[((i*c+ch)*h+yy)*w+xx] }
	for i := 0; i < n; i++ {
		for ch := 0; ch < c; ch++ {
			for yy := 0; yy < h; yy++ {
				for xx := 0; xx < w; xx++ {
					s, cnt := 0.0, 0
					for c2 := 0; c2 < c; c2++ {
						if perChannel && c2 != ch {
							continue
						}
						for dy := -r; dy <= r; dy++ {
							for dx := -r; dx <= r; dx++ {
								py, px := yy+dy, xx+dx
								if py < 0 || py >= h || px < 0 || px >= w {
									continue
								}
								s += math.Pow(math.Abs(at(i, c2, py, px)), e)
								cnt++
							}
						}
					}
					y[((i*c+ch)*h+yy)*w+xx] = at(i, ch, yy, xx) / (sigma + s/float64(cnt))
				}
			}
		}
	}
	return y
}

func TestDivisiveNorm(t *testing.T) {
	rng := ewRNG(60)
	cases := []struct {
		shape []int
		p     DivNormParams
	}{
		{[]int{2, 3, 5, 4}, DivNormParams{Size: 3, Sigma: 0.5, Exponent: 2}},
		{[]int{2, 3, 5, 4}, DivNormParams{Size: 3, Sigma: 0.5, Exponent: 1}},
		{[]int{1, 2, 6, 7}, DivNormParams{Size: 5, Sigma: 0.25, Exponent: 1.5}},
		{[]int{2, 3, 4, 4}, DivNormParams{Size: 3, Sigma: 0.5, Exponent: 2, PerChannel: true}},
		{[]int{1, 4, 3, 3}, DivNormParams{Sigma: 1}}, // defaults: K = 1, n = 1
		{[]int{1, 1, 1, 1}, DivNormParams{Size: 3, Sigma: 0.1, Exponent: 2}},
		{[]int{1, 2, 2, 9}, DivNormParams{Size: 7, Sigma: 0.3, Exponent: 2, PerChannel: true}},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%v %+v", c.shape, c.p)
		k, e := c.p.Size, float64(c.p.Exponent)
		if k == 0 {
			k = 1
		}
		if e == 0 {
			e = 1
		}
		x := ewRand(rng, -2, 2, c.shape...)
		ref := func(v []float64) []float64 {
			return refDivNorm(v, c.shape, k, float64(c.p.Sigma), e, c.p.PerChannel)
		}
		y, d := DivisiveNorm(x, c.p)
		ewClose(t, "DivisiveNorm "+name, y.Data(), ref(ewF64(x)), 1e-5, 1e-6)
		w := ewRand(rng, -1, 1, c.shape...)
		ewGradCheck(t, "DivisiveNormBackward "+name, ref, w.Data(), x, DivisiveNormBackward(x, d, w, c.p), 1e-4)
	}
	x := tensor.New(1, 1, 3, 3)
	if _, ok := ewPanics(func() { DivisiveNorm(x, DivNormParams{Size: 2}) }); !ok {
		t.Error("even window did not panic")
	}
	if _, ok := ewPanics(func() { DivisiveNorm(tensor.New(3, 3), DivNormParams{}) }); !ok {
		t.Error("rank-2 input did not panic")
	}
	// Zero input: zero output and a zero gradient at the kink of |x|.
	y, d := DivisiveNorm(x, DivNormParams{Size: 3, Sigma: 1})
	g := DivisiveNormBackward(x, d, tensor.Ones(1, 1, 3, 3), DivNormParams{Size: 3, Sigma: 1})
	for i := range y.Data() {
		if y.Data()[i] != 0 || g.Data()[i] != 1 {
			t.Fatalf("zero input: y %v, gx %v", y.Data(), g.Data())
		}
	}
}
