package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// refResize is bilinear resizing with align_corners=False in float64.
func refResize(x []float64, n, c, h, w, oh, ow int) []float64 {
	axis := func(in, out, d int) (i0, i1 int, l0, l1 float64) {
		if in == out {
			return d, d, 1, 0
		}
		src := math.Max(float64(in)/float64(out)*(float64(d)+0.5)-0.5, 0)
		i0 = min(int(math.Floor(src)), in-1)
		l1 = math.Min(math.Max(src-float64(i0), 0), 1)
		i1 = i0
		if i0 < in-1 {
			i1++
		}
		return i0, i1, 1 - l1, l1
	}
	y := make([]float64, n*c*oh*ow)
	for p := 0; p < n*c; p++ {
		for oy := 0; oy < oh; oy++ {
			y0, y1, a0, a1 := axis(h, oh, oy)
			for ox := 0; ox < ow; ox++ {
				x0, x1, b0, b1 := axis(w, ow, ox)
				at := func(yy, xx int) float64 { return x[p*h*w+yy*w+xx] }
				y[p*oh*ow+oy*ow+ox] = a0*(b0*at(y0, x0)+b1*at(y0, x1)) + a1*(b0*at(y1, x0)+b1*at(y1, x1))
			}
		}
	}
	return y
}

func TestResize(t *testing.T) {
	rng := ewRNG(80)
	cases := [][6]int{ // n, c, h, w, outH, outW
		{1, 1, 1, 2, 1, 4}, {2, 3, 4, 5, 8, 10}, {1, 2, 8, 6, 3, 4}, {1, 1, 5, 5, 5, 5},
		{2, 1, 3, 7, 7, 3}, {1, 1, 1, 1, 3, 2}, {1, 2, 6, 4, 6, 9},
	}
	for _, c := range cases {
		name := fmt.Sprint(c)
		x := ewRand(rng, -2, 2, c[0], c[1], c[2], c[3])
		ref := func(v []float64) []float64 { return refResize(v, c[0], c[1], c[2], c[3], c[4], c[5]) }
		y := Resize(x, c[4], c[5])
		if !tensor.SameShape(y.Shape(), []int{c[0], c[1], c[4], c[5]}) {
			t.Fatalf("Resize %s: shape %v", name, y.Shape())
		}
		ewClose(t, "Resize "+name, y.Data(), ref(ewF64(x)), 1e-6, 1e-6)
		w := ewRand(rng, -1, 1, y.Shape()...)
		ewGradCheck(t, "ResizeBackward "+name, ref, w.Data(), x, ResizeBackward(x, w), 1e-5)
	}
	// PyTorch: interpolate([1, 2], size=4, bilinear, align_corners=False) and
	// the 2x downsampling of [1, 2, 3, 4].
	up := Resize(tensor.FromSlice([]float32{1, 2}, 1, 1, 1, 2), 1, 4).Data()
	down := Resize(tensor.FromSlice([]float32{1, 2, 3, 4}, 1, 1, 1, 4), 1, 2).Data()
	ewClose(t, "Resize up", up, []float64{1, 1.25, 1.75, 2}, 0, 0)
	ewClose(t, "Resize down", down, []float64{1.5, 3.5}, 0, 0)
	if _, ok := ewPanics(func() { Resize(tensor.New(1, 1, 2, 2), 0, 3) }); !ok {
		t.Error("Resize to height 0 did not panic")
	}
}
