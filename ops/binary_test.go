package ops

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// refBroadcast applies f to a (shape as) and b (shape bs) with NumPy
// broadcasting, in float64.
func refBroadcast(a []float64, as []int, b []float64, bs []int, f func(x, y float64) float64) ([]float64, []int) {
	out, ok := BroadcastShapes(as, bs)
	if !ok {
		panic("refBroadcast: incompatible")
	}
	y := make([]float64, tensor.ShapeSize(out))
	for i := range y {
		idx := ewIndex(i, out)
		y[i] = f(a[refSrc(idx, as)], b[refSrc(idx, bs)])
	}
	return y, out
}

// refSrc maps an index of the broadcast shape to a flat index of shape.
func refSrc(idx, shape []int) int {
	lead := len(idx) - len(shape)
	f := 0
	for i, d := range shape {
		v := idx[lead+i]
		if d == 1 {
			v = 0
		}
		f = f*d + v
	}
	return f
}

// ewRound rounds each value to float32, the exact result of one IEEE
// float32 operation on float32 inputs computed in float64.
func ewRound(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(float32(v))
	}
	return out
}

var ewBroadcastCases = []struct{ a, b []int }{
	{[]int{3, 1, 5}, []int{4, 5}},
	{[]int{4, 5}, []int{3, 1, 5}},
	{[]int{}, []int{2, 3}},
	{[]int{2, 3}, []int{}},
	{[]int{4, 1}, []int{1, 5}},
	{[]int{2, 3, 4}, []int{2, 3, 4}},
	{[]int{1}, []int{7}},
	{[]int{2, 1, 3, 1}, []int{5, 1, 4}},
	{[]int{0, 3}, []int{3}},
	{[]int{1, 1}, []int{1}},
	{[]int{17, 33}, []int{33}},
	{[]int{17, 1}, []int{17, 33}},
}

func TestBinary(t *testing.T) {
	rng := ewRNG(10)
	ops := []struct {
		name string
		fwd  func(a, b *tensor.Tensor) *tensor.Tensor
		bwd  func(a, b, gy *tensor.Tensor) (*tensor.Tensor, *tensor.Tensor)
		ref  func(x, y float64) float64
	}{
		{"Add", Add, AddBackward, func(x, y float64) float64 { return x + y }},
		{"Sub", Sub, SubBackward, func(x, y float64) float64 { return x - y }},
		{"Mul", Mul, MulBackward, func(x, y float64) float64 { return x * y }},
		{"Div", Div, DivBackward, func(x, y float64) float64 { return x / y }},
	}
	for _, op := range ops {
		for _, c := range ewBroadcastCases {
			a := ewRand(rng, -2, 2, c.a...)
			b := ewRand(rng, 0.5, 2, c.b...)
			for i, v := range b.Data() {
				if i%2 == 1 {
					b.Data()[i] = -v
				}
			}
			y := op.fwd(a, b)
			want, shape := refBroadcast(ewF64(a), c.a, ewF64(b), c.b, op.ref)
			if !tensor.SameShape(y.Shape(), shape) {
				t.Fatalf("%s %v %v: shape %v, want %v", op.name, c.a, c.b, y.Shape(), shape)
			}
			ewClose(t, op.name, y.Data(), ewRound(want), 0, 0)

			w := ewRand(rng, -1, 1, shape...)
			ga, gb := op.bwd(a, b, w)
			refA := func(x []float64) []float64 { y, _ := refBroadcast(x, c.a, ewF64(b), c.b, op.ref); return y }
			refB := func(x []float64) []float64 { y, _ := refBroadcast(ewF64(a), c.a, x, c.b, op.ref); return y }
			ewGradCheck(t, op.name+"Backward a "+fmt.Sprint(c.a, c.b), refA, w.Data(), a, ga, 1e-4)
			ewGradCheck(t, op.name+"Backward b "+fmt.Sprint(c.a, c.b), refB, w.Data(), b, gb, 1e-4)
		}
		msg, ok := ewPanics(func() { op.fwd(tensor.New(3, 4), tensor.New(2, 4)) })
		if !ok || !strings.Contains(msg, op.name) || !strings.Contains(msg, "[3 4]") || !strings.Contains(msg, "[2 4]") {
			t.Errorf("%s shape mismatch: panicked %v with %q", op.name, ok, msg)
		}
	}
}

func TestScalarOps(t *testing.T) {
	rng := ewRNG(11)
	x := ewRand(rng, -3, 3, 4, 5)
	ewClose(t, "AddScalar", AddScalar(x, 1.25).Data(), ewRound(refMap(ewF64(x), func(v float64) float64 { return v + 1.25 })), 0, 0)
	ewClose(t, "MulScalar", MulScalar(x, -0.7).Data(), ewRound(refMap(ewF64(x), func(v float64) float64 { return v * float64(float32(-0.7)) })), 0, 0)
	w := ewRand(rng, -1, 1, 4, 5)
	ewGradCheck(t, "AddScalarBackward", func(v []float64) []float64 { return refMap(v, func(u float64) float64 { return u + 1.25 }) }, w.Data(), x, AddScalarBackward(w), 1e-6)
	s := float64(float32(-0.7))
	ewGradCheck(t, "MulScalarBackward", func(v []float64) []float64 { return refMap(v, func(u float64) float64 { return u * s }) }, w.Data(), x, MulScalarBackward(w, -0.7), 1e-6)
}

// refMap applies f to every element.
func refMap(x []float64, f func(float64) float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = f(v)
	}
	return y
}

func TestBroadcastToSumTo(t *testing.T) {
	rng := ewRNG(12)
	cases := []struct{ from, to []int }{
		{[]int{3, 1, 5}, []int{2, 3, 4, 5}},
		{[]int{}, []int{3, 2}},
		{[]int{1}, []int{4}},
		{[]int{4}, []int{4}},
		{[]int{2, 1}, []int{2, 19}},
	}
	for _, c := range cases {
		x := ewRand(rng, -1, 1, c.from...)
		y := BroadcastTo(x, c.to...)
		ref := func(v []float64) []float64 {
			out := make([]float64, tensor.ShapeSize(c.to))
			for i := range out {
				out[i] = v[refSrc(ewIndex(i, c.to), c.from)]
			}
			return out
		}
		ewClose(t, "BroadcastTo", y.Data(), ref(ewF64(x)), 0, 0)
		w := ewRand(rng, -1, 1, c.to...)
		ewGradCheck(t, "SumTo", ref, w.Data(), x, SumTo(w, c.from...), 1e-5)
	}
	if _, ok := ewPanics(func() { BroadcastTo(tensor.New(3), 4) }); !ok {
		t.Error("BroadcastTo [3] to [4] did not panic")
	}
	if _, ok := ewPanics(func() { SumTo(tensor.New(4), 3) }); !ok {
		t.Error("SumTo [4] to [3] did not panic")
	}
}

func TestBinaryNonFinite(t *testing.T) {
	a := tensor.FromSlice([]float32{1, -1, 0, float32(math.Inf(1))}, 4)
	b := tensor.FromSlice([]float32{0, 0, 0, float32(math.Inf(1))}, 4)
	y := Div(a, b).Data()
	if !math.IsInf(float64(y[0]), 1) || !math.IsInf(float64(y[1]), -1) || !math.IsNaN(float64(y[2])) || !math.IsNaN(float64(y[3])) {
		t.Fatalf("Div non-finite: %v", y)
	}
}
