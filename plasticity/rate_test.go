package plasticity

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// covSamples draws n samples from N(0, [[3,1],[1,2]]) via its Cholesky
// factor.
func covSamples(n int, seed uint64) *tensor.Tensor {
	rng := tensor.NewRNG(seed, 0)
	l11, l21 := math.Sqrt(3), 1/math.Sqrt(3)
	l22 := math.Sqrt(2 - 1.0/3)
	x := tensor.New(n, 2)
	for k := range n {
		a, b := tensor.Normal(rng), tensor.Normal(rng)
		x.Set(float32(l11*a), k, 0)
		x.Set(float32(l21*a+l22*b), k, 1)
	}
	return x
}

func project(w, x *tensor.Tensor) *tensor.Tensor {
	y := tensor.New(x.Dim(0), w.Dim(1))
	for b := range x.Dim(0) {
		for i := range w.Dim(1) {
			var s float32
			for j := range w.Dim(0) {
				s += x.At(b, j) * w.At(j, i)
			}
			y.Set(s, b, i)
		}
	}
	return y
}

func TestOjaFindsTopEigenvector(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		x := covSamples(20000, seed)
		w := tensor.FromSlice([]float32{0.1, -0.3}, 2, 1)
		for k := range x.Dim(0) {
			xb := x.RowView(k, k+1)
			eta := float32(0.02 / (1 + float64(k)/500)) // Robbins-Monro
			Oja(w, xb, project(w, xb), eta)
		}
		w0, w1 := float64(w.At(0, 0)), float64(w.At(1, 0))
		if w0 < 0 {
			w0, w1 = -w0, -w1
		}
		norm := math.Hypot(w0, w1)
		if math.Abs(norm-1) > 0.02 || math.Abs(w0-0.851) > 0.02 || math.Abs(w1-0.526) > 0.03 {
			t.Errorf("seed %d: w = (%.4f, %.4f), |w| = %.4f; want +-(0.851, 0.526), unit norm", seed, w0, w1, norm)
		}
	}
}

func TestHebbGrowsWithoutBound(t *testing.T) {
	x := covSamples(1500, 4)
	w := tensor.FromSlice([]float32{0.1, -0.3}, 2, 1)
	prev := 0.0
	for k := range x.Dim(0) {
		xb := x.RowView(k, k+1)
		Hebb(w, xb, project(w, xb), 0.005)
		if k%250 == 249 {
			n := math.Hypot(float64(w.At(0, 0)), float64(w.At(1, 0)))
			if !(n > 2*prev) {
				t.Fatalf("after %d samples |w| = %v, not growing (was %v)", k+1, n, prev)
			}
			prev = n
		}
	}
	if prev < 1e6 {
		t.Errorf("|w| = %v after 1500 samples, want unbounded growth", prev)
	}
}

func TestBCMSelectivity(t *testing.T) {
	// Two input patterns shown at random; the output ends up responding to
	// one and not the other, at y = 1/p = 2 (p = 0.5 per pattern).
	pats := [2][]float32{{1, 0.2}, {0.2, 1}}
	rng := tensor.NewRNG(8, 8)
	w := tensor.FromSlice([]float32{0.5, 0.45}, 2, 1)
	r, err := NewBCM(1, 0.005, 20, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	for range 30000 {
		x := tensor.FromSlice(append([]float32(nil), pats[rng.IntN(2)]...), 1, 2)
		y := project(w, x)
		if y.Data()[0] < 0 {
			y.Data()[0] = 0
		}
		r.Update(w, x, y)
	}
	resp := func(p []float32) float64 {
		return math.Max(0, float64(p[0]*w.At(0, 0)+p[1]*w.At(1, 0)))
	}
	a, b := resp(pats[0]), resp(pats[1])
	hi, lo := math.Max(a, b), math.Min(a, b)
	if hi < 1.7 || hi > 2.3 || lo > 0.2 {
		t.Errorf("responses %.3f and %.3f: want one near 2 and one near 0", a, b)
	}
	if _, err := NewBCM(0, 1, 1, 0); err == nil {
		t.Error("post = 0 accepted")
	}
}
