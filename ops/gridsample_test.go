package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// refGridSample is bilinear grid sampling with zeros padding and
// align_corners=False in float64.
func refGridSample(x []float64, grid []float64, n, c, h, w, ho, wo int) []float64 {
	y := make([]float64, n*c*ho*wo)
	for i := 0; i < n; i++ {
		for q := 0; q < ho*wo; q++ {
			gx, gy := grid[(i*ho*wo+q)*2], grid[(i*ho*wo+q)*2+1]
			ix := ((gx+1)*float64(w) - 1) / 2
			iy := ((gy+1)*float64(h) - 1) / 2
			x0, y0 := math.Floor(ix), math.Floor(iy)
			for ch := 0; ch < c; ch++ {
				at := func(yy, xx float64) float64 {
					if yy < 0 || yy >= float64(h) || xx < 0 || xx >= float64(w) {
						return 0
					}
					return x[((i*c+ch)*h+int(yy))*w+int(xx)]
				}
				y[(i*c+ch)*ho*wo+q] = at(y0, x0)*(x0+1-ix)*(y0+1-iy) + at(y0, x0+1)*(ix-x0)*(y0+1-iy) +
					at(y0+1, x0)*(x0+1-ix)*(iy-y0) + at(y0+1, x0+1)*(ix-x0)*(iy-y0)
			}
		}
	}
	return y
}

func TestGridSample(t *testing.T) {
	rng := ewRNG(90)
	cases := [][6]int{ // n, c, h, w, ho, wo
		{1, 1, 3, 4, 2, 5}, {2, 3, 5, 6, 4, 4}, {1, 2, 1, 1, 3, 3}, {2, 17, 4, 3, 2, 3},
	}
	for _, c := range cases {
		name := fmt.Sprint(c)
		x := ewRand(rng, -2, 2, c[0], c[1], c[2], c[3])
		// Points inside, near the borders and outside the image.
		grid := ewRand(rng, -1.3, 1.3, c[0], c[4], c[5], 2)
		refX := func(v []float64) []float64 { return refGridSample(v, ewF64(grid), c[0], c[1], c[2], c[3], c[4], c[5]) }
		refG := func(v []float64) []float64 { return refGridSample(ewF64(x), v, c[0], c[1], c[2], c[3], c[4], c[5]) }
		y := GridSample(x, grid)
		ewClose(t, "GridSample "+name, y.Data(), refX(ewF64(x)), 1e-5, 1e-6)
		w := ewRand(rng, -1, 1, y.Shape()...)
		gx, gg := GridSampleBackwardInput(x, grid, w), GridSampleBackwardGrid(x, grid, w)
		ewGradCheck(t, "GridSampleBackwardInput "+name, refX, w.Data(), x, gx, 1e-5)
		ewGradCheck(t, "GridSampleBackwardGrid "+name, refG, w.Data(), grid, gg, 1e-4)
	}
	// The identity grid (pixel centres) reproduces the input; the centre
	// of a 2x2 image is the mean of its pixels (PyTorch's values); points
	// beyond the edges sample zeros; non-finite points sample nothing.
	x := ewRand(rng, -1, 1, 1, 2, 4, 8)
	id := tensor.New(1, 4, 8, 2)
	for i := 0; i < 4; i++ {
		for j := 0; j < 8; j++ {
			id.Set(float32(2*j+1)/8-1, 0, i, j, 0)
			id.Set(float32(2*i+1)/4-1, 0, i, j, 1)
		}
	}
	ewSameBits(t, "GridSample identity", GridSample(x, id), x)
	sq := tensor.FromSlice([]float32{1, 2, 3, 4}, 1, 1, 2, 2)
	pts := tensor.FromSlice([]float32{0, 0, 1.5, 0, float32(math.NaN()), 0, 0, float32(math.Inf(1))}, 1, 1, 4, 2)
	got := GridSample(sq, pts).Data()
	ewClose(t, "GridSample specials", got, []float64{2.5, 0, 0, 0}, 0, 0)
	gx, gg := GridSampleBackwardInput(sq, pts, tensor.Ones(1, 1, 1, 4)), GridSampleBackwardGrid(sq, pts, tensor.Ones(1, 1, 1, 4))
	for _, v := range append(gx.Data(), gg.Data()[2:]...) {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			t.Fatalf("non-finite gradient from special points: %v %v", gx.Data(), gg.Data())
		}
	}
	if _, ok := ewPanics(func() { GridSample(sq, tensor.New(1, 2, 2, 3)) }); !ok {
		t.Error("grid with 3 coordinates did not panic")
	}
	for name, f := range map[string]func(){
		"Input": func() { GridSampleBackwardInput(sq, pts, tensor.Ones(1, 1, 4, 1)) },
		"Grid":  func() { GridSampleBackwardGrid(sq, pts, tensor.Ones(1, 2, 1, 4)) },
	} {
		if _, ok := ewPanics(f); !ok {
			t.Errorf("GridSampleBackward%s with a misshapen gradient did not panic", name)
		}
	}
}
