package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestReduceBits requires every code path of Sum, Dot, SumSquares and Max to
// give the bits of the generic twin at every length, on inputs with
// cancellation (so that a different summation order would show) and with
// specials.
func TestReduceBits(t *testing.T) {
	kernelPaths(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 4))
		for _, n := range testLengths() {
			for rep := 0; rep < 5; rep++ {
				var inx, iny []float32
				switch {
				case rep == 4: // ties of +0 and -0: Max must keep the first one seen
					inx = make([]float32, n)
					iny = make([]float32, n)
					for i := range inx {
						inx[i] = []float32{0, negZero, -1}[rng.IntN(3)]
						iny[i] = []float32{0, negZero}[rng.IntN(2)]
					}
				case rep < 3:
					inx = make([]float32, n)
					iny = make([]float32, n)
					for i := range inx {
						inx[i] = float32(rng.NormFloat64()) * float32(math.Pow(10, float64(rng.IntN(8)-4)))
						iny[i] = float32(rng.NormFloat64())
					}
				default:
					inx = randomInput(rng, n, -1, 1)
					iny = randomInput(rng, n, -1, 1)
				}
				x, checkX := guarded(t, n)
				y, checkY := guarded(t, n)
				copy(x, inx)
				copy(y, iny)
				check := func(name string, got, want float32) {
					t.Helper()
					if math.Float32bits(got) != math.Float32bits(want) && !(got != got && want != want && name != "Max") {
						t.Fatalf("n=%d rep=%d: %s = %g (%#x), generic %g (%#x)", n, rep, name, got, math.Float32bits(got), want, math.Float32bits(want))
					}
				}
				check("Sum", Sum(x), sumGeneric(inx))
				check("Dot", Dot(x, y), dotGeneric(inx, iny))
				check("SumSquares", SumSquares(x), sumSquaresGeneric(inx))
				check("Max", Max(x), maxGeneric(inx))
				checkX()
				checkY()
			}
		}
	})
}

// TestReduceGenericOrder pins the canonical orders against a plain
// transcription of their definition.
func TestReduceGenericOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 5))
	for _, n := range testLengths() {
		x := randomInput(rng, n, -1e3, 1e3)
		for i := range x {
			if x[i] != x[i] || math.IsInf(float64(x[i]), 0) {
				x[i] = 0.5
			}
		}
		var lanes [Lanes]float32
		for i, v := range x {
			lanes[i%Lanes] += v
		}
		for w := Lanes / 2; w >= 1; w /= 2 {
			for l := 0; l < w; l++ {
				lanes[l] += lanes[l+w]
			}
		}
		if got := Sum(x); math.Float32bits(got) != math.Float32bits(lanes[0]) {
			t.Fatalf("n=%d: Sum = %g, canonical order gives %g", n, got, lanes[0])
		}
		want := float32(math.Inf(-1))
		for _, v := range x {
			want = max(want, v)
		}
		if got := Max(x); got != want {
			t.Fatalf("n=%d: Max = %g, want %g", n, got, want)
		}
	}
}

func TestMaxSpecials(t *testing.T) {
	nan := float32(math.NaN())
	negZero := float32(math.Copysign(0, -1))
	cases := []struct {
		x    []float32
		want float32
	}{
		{nil, float32(math.Inf(-1))},
		{[]float32{-3}, -3},
		{[]float32{1, nan, 2}, nan32},
		{[]float32{float32(math.Inf(-1)), -5}, -5},
		{[]float32{negZero, 0}, negZero}, // first of equal values
		{[]float32{0, negZero}, 0},
		{append(make([]float32, 40), nan), nan32},
	}
	for _, c := range cases {
		if got := Max(c.x); math.Float32bits(got) != math.Float32bits(c.want) {
			t.Errorf("Max(%v) = %g (%#x), want %g", c.x, got, math.Float32bits(got), c.want)
		}
	}
}

// TestSumSegments requires SumSegments to give the bits of sumGeneric over
// the gathered copy, on every path, for segment lengths on and off the
// lane count (so that segments start in every lane), segments in any
// order and overlapping, values with cancellation, and none.
func TestSumSegments(t *testing.T) {
	kernelPaths(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 9))
		x := make([]float32, 5000)
		for i := range x {
			x[i] = float32(rng.NormFloat64()) * float32(math.Pow(10, float64(rng.IntN(9)-4)))
		}
		for _, n := range []int{0, 1, 3, 15, 16, 17, 31, 32, 33, 48, 100, 257} {
			for _, segs := range []int{0, 1, 2, 5, 16, 17} {
				offs := make([]int, segs)
				var copied []float32
				for i := range offs {
					offs[i] = rng.IntN(len(x) - n + 1)
					copied = append(copied, x[offs[i]:offs[i]+n]...)
				}
				got, want := SumSegments(x, offs, n), sumGeneric(copied)
				if math.Float32bits(got) != math.Float32bits(want) {
					t.Fatalf("n=%d, %d segments: %g, want %g", n, segs, got, want)
				}
			}
		}
	})
}
