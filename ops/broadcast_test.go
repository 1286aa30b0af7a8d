package ops

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// TestBroadcastRandomShapes drives the run-collapsing iterator through many
// random shape pairs (ranks 0 to 5, dimensions of 1 in random places) and
// checks Sub and SumTo against the index-by-index references.
func TestBroadcastRandomShapes(t *testing.T) {
	rng := ewRNG(100)
	for it := 0; it < 400; it++ {
		rank := rng.IntN(6)
		out := make([]int, rank)
		for i := range out {
			out[i] = 1 + rng.IntN(4)
		}
		pick := func() []int {
			lead := rng.IntN(rank + 1)
			s := append([]int(nil), out[lead:]...)
			for i := range s {
				if rng.IntN(3) == 0 {
					s[i] = 1
				}
			}
			return s
		}
		as, bs := pick(), pick()
		a := ewRand(rng, -1, 1, as...)
		b := ewRand(rng, -1, 1, bs...)
		name := fmt.Sprint(as, bs)
		want, _ := refBroadcast(ewF64(a), as, ewF64(b), bs, func(x, y float64) float64 { return x - y })
		ewClose(t, "Sub "+name, Sub(a, b).Data(), ewRound(want), 0, 0)
		shape, _ := BroadcastShapes(as, bs)
		g := ewRand(rng, -1, 1, shape...)
		sum := make([]float64, a.Size())
		for i, v := range g.Data() {
			sum[refSrc(ewIndex(i, shape), as)] += float64(v)
		}
		ewClose(t, "SumTo "+name, SumTo(g, as...).Data(), sum, 1e-6, 1e-6)
	}
}

// TestBroadcastLongRuns checks the binary ops on runs longer than one
// parallel chunk, which are cut into pieces: a tensor against a scalar and
// long rows against a column, both ways round.
func TestBroadcastLongRuns(t *testing.T) {
	rng := ewRNG(103)
	ops := []struct {
		name string
		f    func(a, b *tensor.Tensor) *tensor.Tensor
		ref  func(x, y float64) float64
	}{
		{"Add", Add, func(x, y float64) float64 { return x + y }},
		{"Sub", Sub, func(x, y float64) float64 { return x - y }},
		{"Mul", Mul, func(x, y float64) float64 { return x * y }},
		{"Div", Div, func(x, y float64) float64 { return x / y }},
	}
	n := 2*ewChunk + 7
	for _, sh := range [][2][]int{{{3, n}, {1}}, {{3, n}, {3, 1}}, {{1}, {2, n}}, {{2, 1}, {2, n}}} {
		a, b := ewRand(rng, 0.5, 2, sh[0]...), ewRand(rng, 0.5, 2, sh[1]...)
		for _, op := range ops {
			want, _ := refBroadcast(ewF64(a), sh[0], ewF64(b), sh[1], op.ref)
			ewClose(t, fmt.Sprint(op.name, sh), op.f(a, b).Data(), ewRound(want), 0, 0)
		}
	}
}

// TestThreadIndependence checks that results do not depend on GOMAXPROCS
// (the contract for any parallel path added later).
func TestThreadIndependence(t *testing.T) {
	rng := ewRNG(101)
	x := ewRand(rng, -2, 2, 3, 5, 9, 7)
	grid := ewRand(rng, -1.2, 1.2, 3, 4, 6, 2)
	run := func() []*tensor.Tensor {
		y, _, _ := BatchNorm(x, nil, nil, nil, nil, true, 0.1, 1e-5)
		d, _ := DivisiveNorm(x, DivNormParams{Size: 3, Sigma: 0.5, Exponent: 2})
		gg := GridSampleBackwardGrid(x, grid, ewRand(ewRNG(102), -1, 1, 3, 5, 4, 6))
		return []*tensor.Tensor{Sum(x, []int{0, 2}, false), Softmax(x, 1), y, d, ResizeBackward(x, Resize(x, 4, 11)), gg}
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	one := run()
	runtime.GOMAXPROCS(2)
	two := run()
	for i := range one {
		ewSameBits(t, fmt.Sprint("result ", i), one[i], two[i])
	}
}
