package ops

import (
	"math"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/tensor"
)

// refPermute permutes x (shape) by perm in float64.
func refPermute(x []float64, shape, perm []int) []float64 {
	out := make([]int, len(perm))
	for i, p := range perm {
		out[i] = shape[p]
	}
	y := make([]float64, len(x))
	in := make([]int, len(shape))
	for f := range y {
		idx := ewIndex(f, out)
		for i, p := range perm {
			in[p] = idx[i]
		}
		y[f] = x[ewFlat(in, shape)]
	}
	return y
}

func TestPermute(t *testing.T) {
	rng := ewRNG(1)
	cases := []struct {
		shape, perm []int
	}{
		{[]int{}, []int{}},
		{[]int{5}, []int{0}},
		{[]int{3, 4}, []int{1, 0}},
		{[]int{2, 3, 5}, []int{2, 0, 1}},
		{[]int{2, 3, 5}, []int{0, 2, 1}},
		{[]int{2, 1, 3, 4}, []int{3, 1, 0, 2}},
		{[]int{2, 0, 3}, []int{2, 1, 0}},
		{[]int{1, 7, 1}, []int{2, 1, 0}},
	}
	for _, c := range cases {
		x := ewRand(rng, -1, 1, c.shape...)
		y := Permute(x, c.perm...)
		ewClose(t, "Permute", y.Data(), refPermute(ewF64(x), c.shape, c.perm), 0, 0)
		w := ewRand(rng, -1, 1, y.Shape()...)
		gx := PermuteBackward(w, c.perm...)
		ref := func(v []float64) []float64 { return refPermute(v, c.shape, c.perm) }
		ewGradCheck(t, "PermuteBackward", ref, w.Data(), x, gx, 1e-6)
	}
	x := ewRand(rng, -1, 1, 2, 3, 4)
	y := Transpose(x, 0, -1)
	if !tensor.SameShape(y.Shape(), []int{4, 3, 2}) || y.At(3, 1, 0) != x.At(0, 1, 3) {
		t.Fatalf("Transpose: shape %v", y.Shape())
	}
	if !tensor.Equal(TransposeBackward(y, 0, 2), x) {
		t.Fatal("TransposeBackward does not invert Transpose")
	}
	for _, bad := range [][]int{{0, 1}, {0, 0, 1}, {0, 1, 3}} {
		if msg, ok := ewPanics(func() { Permute(x, bad...) }); !ok || !strings.Contains(msg, "Permute") {
			t.Errorf("Permute(%v) panicked %v with %q", bad, ok, msg)
		}
	}
}

func TestConcatSplit(t *testing.T) {
	rng := ewRNG(2)
	for _, axis := range []int{0, 1, 2, -1} {
		shapes := [][]int{{2, 3, 4}, {2, 3, 4}, {2, 3, 4}}
		a := axis
		if a < 0 {
			a += 3
		}
		shapes[1][a] = 1
		shapes[2][a] = 0
		xs := []*tensor.Tensor{ewRand(rng, -1, 1, shapes[0]...), ewRand(rng, -1, 1, shapes[1]...), ewRand(rng, -1, 1, shapes[2]...), ewRand(rng, -1, 1, shapes[0]...)}
		y := Concat(xs, axis)
		// Reference: y[idx] comes from the input whose range along a holds idx[a].
		ys := y.Shape()
		for f, v := range y.Data() {
			idx := ewIndex(f, ys)
			k := idx[a]
			for _, x := range xs {
				if k < x.Dim(a) {
					idx[a] = k
					if x.At(idx...) != v {
						t.Fatalf("Concat axis %d: element %v", axis, idx)
					}
					break
				}
				k -= x.Dim(a)
			}
		}
		sizes := []int{xs[0].Dim(a), xs[1].Dim(a), xs[2].Dim(a), xs[3].Dim(a)}
		parts := Split(y, axis, sizes)
		for i := range parts {
			if !tensor.Equal(parts[i], xs[i]) {
				t.Fatalf("Split axis %d: piece %d differs", axis, i)
			}
		}
		gs := ConcatBackward(xs, y, axis)
		for i := range gs {
			if !tensor.Equal(gs[i], xs[i]) {
				t.Fatalf("ConcatBackward axis %d: piece %d differs", axis, i)
			}
		}
		gys := []*tensor.Tensor{xs[0], nil, xs[2], xs[3]}
		g := SplitBackward(y, gys, axis, sizes)
		want := Concat([]*tensor.Tensor{xs[0], tensor.New(xs[1].Shape()...), xs[2], xs[3]}, axis)
		if !tensor.Equal(g, want) {
			t.Fatalf("SplitBackward axis %d with a nil gradient", axis)
		}
	}
	if msg, ok := ewPanics(func() { Concat([]*tensor.Tensor{tensor.New(2, 3), tensor.New(3, 3)}, 1) }); !ok || !strings.Contains(msg, "[2 3]") || !strings.Contains(msg, "[3 3]") {
		t.Errorf("Concat mismatch: %v %q", ok, msg)
	}
	if _, ok := ewPanics(func() { Split(tensor.New(2, 3), 1, []int{1, 1}) }); !ok {
		t.Error("Split with bad sizes did not panic")
	}
}

func TestPad(t *testing.T) {
	rng := ewRNG(3)
	cases := []struct {
		shape []int
		pads  [][2]int
	}{
		{[]int{3}, [][2]int{{1, 2}}},
		{[]int{2, 3}, [][2]int{{0, 0}, {2, 1}}},
		{[]int{2, 3, 4}, [][2]int{{1, 0}, {0, 3}, {2, 2}}},
		{[]int{1, 2, 3, 3}, [][2]int{{0, 0}, {0, 0}, {1, 1}, {1, 1}}},
		{[]int{2, 0}, [][2]int{{1, 1}, {1, 0}}},
	}
	for _, c := range cases {
		x := ewRand(rng, -1, 1, c.shape...)
		y := Pad(x, c.pads, 7.5)
		ref := func(v []float64) []float64 {
			out := shapePadded("ref", c.shape, c.pads)
			r := make([]float64, tensor.ShapeSize(out))
			for f := range r {
				r[f] = 7.5
				if src, inside := refPadSource(f, out, c.shape, c.pads); inside {
					r[f] = v[src]
				}
			}
			return r
		}
		ewClose(t, "Pad", y.Data(), ref(ewF64(x)), 0, 0)
		w := ewRand(rng, -1, 1, y.Shape()...)
		ewGradCheck(t, "PadBackward", ref, w.Data(), x, PadBackward(w, c.pads), 1e-6)
	}
	if _, ok := ewPanics(func() { Pad(tensor.New(2, 2), [][2]int{{1, -1}, {0, 0}}, 0) }); !ok {
		t.Error("negative pad did not panic")
	}
}

// refPadSource returns the flat index in x (shape) of element f of
// Pad(x, pads), whose shape is out, and whether it lies inside x.
func refPadSource(f int, out, shape []int, pads [][2]int) (int, bool) {
	idx := ewIndex(f, out)
	for i := range idx {
		idx[i] -= pads[i][0]
		if idx[i] < 0 || idx[i] >= shape[i] {
			return 0, false
		}
	}
	return ewFlat(idx, shape), true
}

// TestPadRowsBits checks Pad, its rows in groups over the worker pool, bit
// for bit against an element-by-element reference on 1 to 3 threads: rows
// wider and narrower than the pads, outputs of many groups, a padded last
// dimension only, and v = +0, -0 and a NaN.
func TestPadRowsBits(t *testing.T) {
	defer blas.SetThreads(blas.SetThreads(1))
	cases := []struct {
		shape []int
		pads  [][2]int
	}{
		{[]int{4, 8, 30, 40}, [][2]int{{0, 0}, {1, 2}, {3, 0}, {0, 5}}},
		{[]int{64, 7, 48, 48}, [][2]int{{0, 0}, {1, 0}, {0, 0}, {0, 0}}},
		{[]int{9000, 3}, [][2]int{{2, 1}, {1, 1}}},
		{[]int{2, 70000}, [][2]int{{0, 0}, {5, 0}}},
	}
	rng := ewRNG(9)
	for ci, c := range cases {
		x := ewRand(rng, -1, 1, c.shape...)
		out := shapePadded("ref", c.shape, c.pads)
		for _, v := range []float32{0, float32(math.Copysign(0, -1)), float32(math.NaN())} {
			want := make([]float32, tensor.ShapeSize(out))
			for f := range want {
				want[f] = v
				if src, inside := refPadSource(f, out, c.shape, c.pads); inside {
					want[f] = x.Data()[src]
				}
			}
			blas.SetThreads(1 + ci%3)
			got := Pad(x, c.pads, v).Data()
			for f := range want {
				if math.Float32bits(got[f]) != math.Float32bits(want[f]) {
					t.Fatalf("Pad %v %v v=%g: element %d = %#x, want %#x", c.shape, c.pads, v, f,
						math.Float32bits(got[f]), math.Float32bits(want[f]))
				}
			}
		}
	}
}
