package ops

import (
	"fmt"
	"math"
	"strings"
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

func refCrossEntropy(x []float64, n, c int, labels []int) float64 {
	s := 0.0
	for i := 0; i < n; i++ {
		s -= refLogSoftmax(x[i*c : (i+1)*c])[labels[i]]
	}
	return s / float64(n)
}

func TestCrossEntropy(t *testing.T) {
	rng := ewRNG(41)
	for _, nc := range [][2]int{{1, 1}, {1, 10}, {4, 3}, {17, 10}} {
		n, c := nc[0], nc[1]
		x := ewRand(rng, -3, 3, n, c)
		labels := make([]int, n)
		for i := range labels {
			labels[i] = rng.IntN(c)
		}
		ref := func(v []float64) []float64 { return []float64{refCrossEntropy(v, n, c, labels)} }
		loss := CrossEntropy(x, labels)
		if loss.Dims() != 0 {
			t.Fatalf("CrossEntropy shape %v", loss.Shape())
		}
		ewClose(t, "CrossEntropy", loss.Data(), ref(ewF64(x)), 1e-5, 1e-6)
		gy := tensor.Scalar(0.75)
		ewGradCheck(t, fmt.Sprint("CrossEntropyBackward ", nc), ref, gy.Data(), x, CrossEntropyBackward(x, labels, gy), 1e-5)
	}
	msg, ok := ewPanics(func() { CrossEntropy(tensor.New(2, 3), []int{0, 3}) })
	if !ok || !strings.Contains(msg, "label 3") {
		t.Errorf("bad label: panicked %v with %q", ok, msg)
	}
	if _, ok := ewPanics(func() { CrossEntropy(tensor.New(2, 3), []int{0}) }); !ok {
		t.Error("label count mismatch did not panic")
	}
}

func TestMSE(t *testing.T) {
	rng := ewRNG(42)
	for _, shape := range [][]int{{}, {1}, {7}, {3, 5, 2}} {
		a := ewRand(rng, -2, 2, shape...)
		b := ewRand(rng, -2, 2, shape...)
		refA := func(v []float64) []float64 {
			s := 0.0
			for i, u := range v {
				d := u - float64(b.Data()[i])
				s += d * d
			}
			return []float64{s / float64(len(v))}
		}
		refB := func(v []float64) []float64 {
			s := 0.0
			for i, u := range v {
				d := float64(a.Data()[i]) - u
				s += d * d
			}
			return []float64{s / float64(len(v))}
		}
		ewClose(t, "MSE", MSE(a, b).Data(), refA(ewF64(a)), 1e-5, 1e-7)
		gy := tensor.Scalar(-1.5)
		ga, gb := MSEBackward(a, b, gy)
		ewGradCheck(t, "MSEBackward a", refA, gy.Data(), a, ga, 1e-5)
		ewGradCheck(t, "MSEBackward b", refB, gy.Data(), b, gb, 1e-5)
	}
	if _, ok := ewPanics(func() { MSE(tensor.New(2), tensor.New(3)) }); !ok {
		t.Error("MSE shape mismatch did not panic")
	}
}
