package ops

import (
	"fmt"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

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
