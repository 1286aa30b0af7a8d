package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// refLayerNorm normalises the rows of x (length d) in float64.
func refLayerNorm(x []float64, d int, gamma, beta []float64, eps float64) []float64 {
	y := make([]float64, len(x))
	for r := 0; r < len(x)/d; r++ {
		row := x[r*d : (r+1)*d]
		m, v := 0.0, 0.0
		for _, u := range row {
			m += u
		}
		m /= float64(d)
		for _, u := range row {
			v += (u - m) * (u - m)
		}
		v /= float64(d)
		for j, u := range row {
			y[r*d+j] = (u-m)/math.Sqrt(v+eps)*gamma[j] + beta[j]
		}
	}
	return y
}

func TestLayerNorm(t *testing.T) {
	rng := ewRNG(51)
	const eps = 1e-5
	cases := []struct {
		shape    []int
		normDims int
	}{{[]int{4, 6}, 1}, {[]int{2, 3, 4}, 2}, {[]int{5}, 1}, {[]int{2, 3, 4}, 3}, {[]int{3, 1, 17}, 1}}
	for _, c := range cases {
		name := fmt.Sprintf("%v normDims %d", c.shape, c.normDims)
		tail := c.shape[len(c.shape)-c.normDims:]
		d := tensor.ShapeSize(tail)
		x := ewRand(rng, -2, 3, c.shape...)
		gamma := ewRand(rng, 0.5, 2, tail...)
		beta := ewRand(rng, -1, 1, tail...)
		y, mean, invStd := LayerNorm(x, gamma, beta, c.normDims, eps)
		ewClose(t, "LayerNorm "+name, y.Data(), refLayerNorm(ewF64(x), d, ewF64(gamma), ewF64(beta), eps), 1e-5, 2e-5)
		if !tensor.SameShape(mean.Shape(), c.shape[:len(c.shape)-c.normDims]) {
			t.Fatalf("LayerNorm %s: mean shape %v", name, mean.Shape())
		}
		w := ewRand(rng, -1, 1, c.shape...)
		gx, gg, gb := LayerNormBackward(x, gamma, mean, invStd, w, c.normDims)
		fx := func(v []float64) []float64 { return refLayerNorm(v, d, ewF64(gamma), ewF64(beta), eps) }
		fg := func(v []float64) []float64 { return refLayerNorm(ewF64(x), d, v, ewF64(beta), eps) }
		fb := func(v []float64) []float64 { return refLayerNorm(ewF64(x), d, ewF64(gamma), v, eps) }
		ewGradCheck(t, "LayerNormBackward x "+name, fx, w.Data(), x, gx, 2e-4)
		ewGradCheck(t, "LayerNormBackward gamma "+name, fg, w.Data(), gamma, gg, 2e-4)
		ewGradCheck(t, "LayerNormBackward beta "+name, fb, w.Data(), beta, gb, 2e-4)
	}
	x := ewRand(rng, -1, 1, 2, 3)
	y, _, _ := LayerNorm(x, nil, nil, 1, eps)
	ewClose(t, "LayerNorm without affine", y.Data(), refLayerNorm(ewF64(x), 3, []float64{1, 1, 1}, []float64{0, 0, 0}, eps), 1e-5, 2e-5)
	if _, ok := ewPanics(func() { LayerNorm(x, tensor.New(2), nil, 1, eps) }); !ok {
		t.Error("gamma of the wrong shape did not panic")
	}
	if _, ok := ewPanics(func() { LayerNorm(x, nil, nil, 3, eps) }); !ok {
		t.Error("normDims beyond the rank did not panic")
	}
}
