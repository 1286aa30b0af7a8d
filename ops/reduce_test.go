package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// refReduce reduces x (shape) over axes (all if empty) with f applied to the
// reduced elements in row-major order of the reduced axes, in float64.
func refReduce(x []float64, shape, axes []int, f func([]float64) float64) []float64 {
	red := make([]bool, len(shape))
	for _, a := range axes {
		if a < 0 {
			a += len(shape)
		}
		red[a] = true
	}
	if len(axes) == 0 {
		for i := range red {
			red[i] = true
		}
	}
	var kept []int
	for i, d := range shape {
		if !red[i] {
			kept = append(kept, d)
		}
	}
	groups := make([][]float64, tensor.ShapeSize(kept))
	for f := range x {
		idx := ewIndex(f, shape)
		var k []int
		for i, v := range idx {
			if !red[i] {
				k = append(k, v)
			}
		}
		g := ewFlat(k, kept)
		groups[g] = append(groups[g], x[f])
	}
	out := make([]float64, len(groups))
	for i, g := range groups {
		out[i] = f(g)
	}
	return out
}

func refSum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

var redCases = []struct {
	shape []int
	axes  []int
}{
	{[]int{7}, nil},
	{[]int{3, 4, 5}, []int{1}},
	{[]int{3, 4, 5}, []int{0, 2}},
	{[]int{3, 4, 5}, []int{-1}},
	{[]int{3, 4, 5}, []int{0}},
	{[]int{3, 4, 5}, []int{2, 1}},
	{[]int{2, 3, 1, 5}, []int{0, 2, 3}},
	{[]int{37, 3}, []int{0}},
	{[]int{3, 37}, []int{1}},
	{[]int{}, nil},
	{[]int{4, 5}, []int{0, 1}},
}

func redOutShape(shape, axes []int, keep bool) []int {
	return redMakePlan("test", shape, axes, keep).outShape
}

func TestSumMean(t *testing.T) {
	rng := ewRNG(20)
	for _, c := range redCases {
		for _, keep := range []bool{false, true} {
			name := fmt.Sprintf("%v axes %v keep %v", c.shape, c.axes, keep)
			x := ewRand(rng, -1, 1, c.shape...)
			outShape := redOutShape(c.shape, c.axes, keep)
			ref := func(v []float64) []float64 { return refReduce(v, c.shape, c.axes, refSum) }
			s := Sum(x, c.axes, keep)
			if !tensor.SameShape(s.Shape(), outShape) {
				t.Fatalf("Sum %s: shape %v, want %v", name, s.Shape(), outShape)
			}
			ewClose(t, "Sum "+name, s.Data(), ref(ewF64(x)), 1e-5, 1e-5)
			n := float64(x.Size() / max(1, s.Size()))
			refMean := func(v []float64) []float64 {
				return refMap(ref(v), func(u float64) float64 { return u / n })
			}
			ewClose(t, "Mean "+name, Mean(x, c.axes, keep).Data(), refMean(ewF64(x)), 1e-5, 1e-6)
			w := ewRand(rng, -1, 1, outShape...)
			ewGradCheck(t, "SumBackward "+name, ref, w.Data(), x, SumBackward(x, w, c.axes, keep), 1e-5)
			ewGradCheck(t, "MeanBackward "+name, refMean, w.Data(), x, MeanBackward(x, w, c.axes, keep), 1e-5)
		}
	}
}

// TestSumCanonicalOrder checks that every reduction path (contiguous runs,
// segments, column accumulation) gives exactly the bits of simd.Sum over
// the reduced elements gathered in row-major order, on 1 to 3 threads.
func TestSumCanonicalOrder(t *testing.T) {
	defer blas.SetThreads(blas.SetThreads(1))
	rng := ewRNG(21)
	cases := []struct {
		shape, axes []int
	}{
		{[]int{5, 3, 41}, []int{0, 2}},
		{[]int{37, 33}, []int{0}},
		{[]int{40, 300}, []int{0}}, // more columns than one accumulator block
		{[]int{3, 17, 2, 19}, []int{1}},
		{[]int{4, 3, 5, 18}, []int{0, 2}},
		{[]int{2, 33, 3}, []int{0, 1}},
		{[]int{65, 2, 2}, []int{0}},
		{[]int{3, 4, 5}, []int{1, 2}},
		{[]int{64, 8, 12, 12}, []int{0, 2, 3}}, // per-channel sums of activations
		{[]int{3, 5, 7, 2, 9}, []int{0, 2, 4}}, // segments of 9 from two reduced axes
		{[]int{2, 40, 1000}, []int{0, 2}},      // outputs in several parallel groups
		{[]int{5000, 7}, []int{1}},             // short contiguous runs, in groups
		{[]int{3, 1, 4, 1, 5}, []int{0, 2, 4}}, // size-1 axes
		{[]int{0, 3, 4}, []int{0, 2}},          // empty reductions
		{[]int{2, 3, 0}, []int{0, 2}},
	}
	for ci, c := range cases {
		x := ewRand(rng, -1e3, 1e3, c.shape...)
		blas.SetThreads(1 + ci%3)
		got := Sum(x, c.axes, false).Data()
		red := make([]bool, len(c.shape))
		for _, a := range c.axes {
			red[a] = true
		}
		var kept []int
		for i, d := range c.shape {
			if !red[i] {
				kept = append(kept, d)
			}
		}
		runs := make([][]float32, len(got))
		for f, v := range x.Data() {
			idx := ewIndex(f, c.shape)
			var k []int
			for i, u := range idx {
				if !red[i] {
					k = append(k, u)
				}
			}
			g := ewFlat(k, kept)
			runs[g] = append(runs[g], v)
		}
		for j, run := range runs {
			if want := simd.Sum(run); math.Float32bits(got[j]) != math.Float32bits(want) {
				t.Fatalf("Sum %v axes %v: element %d = %g, canonical %g", c.shape, c.axes, j, got[j], want)
			}
		}
	}
}

func TestMaxArgmax(t *testing.T) {
	rng := ewRNG(22)
	for _, c := range redCases {
		for _, keep := range []bool{false, true} {
			name := fmt.Sprintf("%v axes %v keep %v", c.shape, c.axes, keep)
			x := ewRand(rng, -1, 1, c.shape...)
			ref := func(v []float64) []float64 {
				return refReduce(v, c.shape, c.axes, func(g []float64) float64 {
					m := g[0]
					for _, u := range g {
						m = math.Max(m, u)
					}
					return m
				})
			}
			ewClose(t, "Max "+name, Max(x, c.axes, keep).Data(), ref(ewF64(x)), 0, 0)
			w := ewRand(rng, -1, 1, redOutShape(c.shape, c.axes, keep)...)
			ewGradCheck(t, "MaxBackward "+name, ref, w.Data(), x, MaxBackward(x, w, c.axes, keep), 1e-5)
		}
	}
	// Ties: the gradient goes to the first maximum; Argmax names it.
	x := tensor.FromSlice([]float32{1, 3, 3, 2, 5, 5, 5, 0}, 2, 4)
	g := MaxBackward(x, tensor.FromSlice([]float32{10, 20}, 2), []int{1}, false)
	want := []float32{0, 10, 0, 0, 20, 0, 0, 0}
	for i, v := range g.Data() {
		if v != want[i] {
			t.Fatalf("MaxBackward ties: %v, want %v", g.Data(), want)
		}
	}
	if idx := Argmax(x, 1); idx[0] != 1 || idx[1] != 0 {
		t.Fatalf("Argmax ties: %v", idx)
	}
	// Argmax along axis 0 of [3,2,2].
	y := ewRand(rng, -1, 1, 3, 2, 2)
	idx := Argmax(y, 0)
	for j := 0; j < 4; j++ {
		best := 0
		for i := 1; i < 3; i++ {
			if y.At(i, j/2, j%2) > y.At(best, j/2, j%2) {
				best = i
			}
		}
		if idx[j] != best {
			t.Fatalf("Argmax axis 0: %v", idx)
		}
	}
	// NaN propagates.
	nan := float32(math.NaN())
	z := tensor.FromSlice([]float32{1, nan, 3, 4}, 4)
	if m := Max(z, nil, false).Item(); !math.IsNaN(float64(m)) {
		t.Fatalf("Max with NaN = %g", m)
	}
	if i := Argmax(z, 0)[0]; i != 1 {
		t.Fatalf("Argmax with NaN = %d", i)
	}
	if _, ok := ewPanics(func() { Max(tensor.New(2, 0), []int{1}, false) }); !ok {
		t.Error("Max over an empty axis did not panic")
	}
	if _, ok := ewPanics(func() { Sum(tensor.New(2, 3), []int{1, -1}, false) }); !ok {
		t.Error("Sum with a repeated axis did not panic")
	}
	if _, ok := ewPanics(func() { Sum(tensor.New(2, 3), []int{2}, false) }); !ok {
		t.Error("Sum with an axis out of range did not panic")
	}
}
