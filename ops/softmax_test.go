package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// refAlongAxis applies f to every line along axis, in float64.
func refAlongAxis(x []float64, shape []int, axis int, f func([]float64) []float64) []float64 {
	if axis < 0 {
		axis += len(shape)
	}
	n := shape[axis]
	outer := tensor.ShapeSize(shape[:axis])
	inner := tensor.ShapeSize(shape[axis+1:])
	y := make([]float64, len(x))
	line := make([]float64, n)
	for o := 0; o < outer; o++ {
		for q := 0; q < inner; q++ {
			for j := range line {
				line[j] = x[(o*n+j)*inner+q]
			}
			for j, v := range f(line) {
				y[(o*n+j)*inner+q] = v
			}
		}
	}
	return y
}

func refLogSoftmax(v []float64) []float64 {
	m := math.Inf(-1)
	for _, u := range v {
		m = math.Max(m, u)
	}
	s := 0.0
	for _, u := range v {
		s += math.Exp(u - m)
	}
	out := make([]float64, len(v))
	for j, u := range v {
		out[j] = u - m - math.Log(s)
	}
	return out
}

func refSoftmax(v []float64) []float64 {
	return refMap(refLogSoftmax(v), math.Exp)
}

func TestSoftmax(t *testing.T) {
	rng := ewRNG(40)
	cases := []struct {
		shape []int
		axis  int
	}{
		{[]int{5}, 0}, {[]int{2, 3, 4}, 0}, {[]int{2, 3, 4}, 1}, {[]int{2, 3, 4}, 2}, {[]int{2, 3, 4}, -1},
		{[]int{1, 1}, 1}, {[]int{3, 33}, 1}, {[]int{4, 1, 3}, 1},
	}
	for _, c := range cases {
		for _, scale := range []float32{1, 30} {
			name := fmt.Sprintf("%v axis %d scale %g", c.shape, c.axis, scale)
			x := ewRand(rng, -scale, scale, c.shape...)
			if scale > 1 {
				x = AddScalar(x, 1000) // stability: naive exp would overflow
			}
			sm := func(v []float64) []float64 { return refAlongAxis(v, c.shape, c.axis, refSoftmax) }
			lsm := func(v []float64) []float64 { return refAlongAxis(v, c.shape, c.axis, refLogSoftmax) }
			y := Softmax(x, c.axis)
			ly := LogSoftmax(x, c.axis)
			ewClose(t, "Softmax "+name, y.Data(), sm(ewF64(x)), 1e-5, 1e-7)
			ewClose(t, "LogSoftmax "+name, ly.Data(), lsm(ewF64(x)), 1e-5, 1e-5)
			if scale > 1 {
				continue // finite differences at 1000 lose the digits we check
			}
			w := ewRand(rng, -1, 1, c.shape...)
			ewGradCheck(t, "SoftmaxBackward "+name, sm, w.Data(), x, SoftmaxBackward(y, w, c.axis), 1e-5)
			ewGradCheck(t, "LogSoftmaxBackward "+name, lsm, w.Data(), x, LogSoftmaxBackward(ly, w, c.axis), 1e-5)
		}
	}
}
