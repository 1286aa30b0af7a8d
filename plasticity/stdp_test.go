package plasticity

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// pairRun sends pre spikes at the steps in preAt and post spikes at postAt
// through one synapse starting at w0 and returns the final weight.
func pairRun(t *testing.T, p STDPParams, dt float32, w0 float32, preAt, postAt []int, steps int) float32 {
	t.Helper()
	s, err := NewSTDP(p, 1, 1, 1, dt)
	if err != nil {
		t.Fatal(err)
	}
	w := tensor.Full(w0, 1, 1)
	pre, post := tensor.New(1, 1), tensor.New(1, 1)
	for k := range steps {
		pre.Data()[0], post.Data()[0] = 0, 0
		for _, a := range preAt {
			if a == k {
				pre.Data()[0] = 1
			}
		}
		for _, a := range postAt {
			if a == k {
				post.Data()[0] = 1
			}
		}
		s.Step(w, pre, post)
	}
	return w.Data()[0]
}

func TestSTDPSinglePair(t *testing.T) {
	p := DefaultSTDP()
	for _, dt := range []float32{1, 0.5, 0.1} {
		n := int(math.Round(float64(10 / dt)))
		// Pre at 0, post at +10 ms: potentiation by A+ exp(-10/tau+).
		got := float64(pairRun(t, p, dt, 0.5, []int{5}, []int{5 + n}, 5+n+5)) - 0.5
		want := float64(p.APlus) * math.Exp(-10/float64(p.TauPlus))
		if math.Abs(got-want) > 2e-6*want+1e-7 {
			t.Errorf("dt %v: pre->post +10 ms: dw = %.9g, want A+ e^(-10/tau+) = %.9g", dt, got, want)
		}
		// Post at 0, pre at +10 ms: depression by A- exp(-10/tau-).
		got = float64(pairRun(t, p, dt, 0.5, []int{5 + n}, []int{5}, 5+n+5)) - 0.5
		want = -float64(p.AMinus) * math.Exp(-10/float64(p.TauMinus))
		if math.Abs(got-want) > 2e-6*-want+1e-7 {
			t.Errorf("dt %v: post->pre 10 ms: dw = %.9g, want -A- e^(-10/tau-) = %.9g", dt, got, want)
		}
	}
	// The whole window has the textbook sign and shape.
	for _, d := range []int{-40, -20, -5, -1, 0, 1, 5, 20, 40} {
		pre, post := []int{50}, []int{50 + d}
		got := float64(pairRun(t, p, 1, 0.5, pre, post, 120)) - 0.5
		want := p.Window(float64(d), 0.5)
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("dt = %d ms: dw %.8f, window %.8f", d, got, want)
		}
		if (d >= 0) != (got > 0) {
			t.Errorf("dt = %d ms: wrong sign %v", d, got)
		}
	}
}

func TestSTDPPairingAndBounds(t *testing.T) {
	p := DefaultSTDP()
	e := func(d float64) float64 { return math.Exp(-d / 20) }
	// Two pres (at -15 and -5 ms) then one post: all-to-all sums both
	// pairs, nearest counts only the nearest.
	all := float64(pairRun(t, p, 1, 0.5, []int{10, 20}, []int{25}, 40)) - 0.5
	if want := 0.01 * (e(15) + e(5)); math.Abs(all-want) > 1e-6 {
		t.Errorf("all-to-all: %v, want %v", all, want)
	}
	p.Pairing = Nearest
	near := float64(pairRun(t, p, 1, 0.5, []int{10, 20}, []int{25}, 40)) - 0.5
	if want := 0.01 * e(5); math.Abs(near-want) > 1e-6 {
		t.Errorf("nearest: %v, want %v", near, want)
	}
	// Multiplicative: LTP scales with (wmax - w).
	p = DefaultSTDP()
	p.Dependence = Multiplicative
	for _, w0 := range []float32{0.1, 0.5, 0.9} {
		got := float64(pairRun(t, p, 1, w0, []int{5}, []int{15}, 20) - w0)
		want := p.Window(10, float64(w0))
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("multiplicative at w %v: %v, want %v", w0, got, want)
		}
	}
	// Hard bounds.
	p = DefaultSTDP()
	p.APlus = 5
	if w := pairRun(t, p, 1, 0.9, []int{5}, []int{6}, 10); w != 1 {
		t.Errorf("upper bound: %v", w)
	}
	p.AMinus = 5
	if w := pairRun(t, p, 1, 0.1, []int{6}, []int{5}, 10); w != 0 {
		t.Errorf("lower bound: %v", w)
	}
	bad := DefaultSTDP()
	bad.TauPlus = 0
	if _, err := NewSTDP(bad, 1, 1, 1, 1); err == nil {
		t.Error("tau+ = 0 accepted")
	}
	bad = DefaultSTDP()
	bad.WMax = -1
	if _, err := NewSTDP(bad, 1, 1, 1, 1); err == nil {
		t.Error("empty bounds accepted")
	}
}

func TestSTDPBatchedMatchesSerial(t *testing.T) {
	// A batch of two samples changes W by the sum of what each sample
	// would do alone (both far from the bounds), in sample order.
	p := DefaultSTDP()
	p.APlus, p.AMinus = 0.001, 0.001
	rng := tensor.NewRNG(1, 1)
	const npre, npost = 5, 3
	w0 := tensor.RandUniform(rng, 0.3, 0.7, npre, npost)
	var preS, postS [2][]*tensor.Tensor
	for b := range 2 {
		for range 50 {
			preS[b] = append(preS[b], spikesRand(rng, npre, 0.1))
			postS[b] = append(postS[b], spikesRand(rng, npost, 0.1))
		}
	}
	batched, _ := NewSTDP(p, 2, npre, npost, 1)
	wb := w0.Clone()
	for k := range 50 {
		pre := tensor.New(2, npre)
		post := tensor.New(2, npost)
		copy(pre.Data()[:npre], preS[0][k].Data())
		copy(pre.Data()[npre:], preS[1][k].Data())
		copy(post.Data()[:npost], postS[0][k].Data())
		copy(post.Data()[npost:], postS[1][k].Data())
		batched.Step(wb, pre, post)
	}
	sum := w0.Clone()
	for b := range 2 {
		s, _ := NewSTDP(p, 1, npre, npost, 1)
		w := w0.Clone()
		for k := range 50 {
			s.Step(w, preS[b][k].Reshape(1, npre), postS[b][k].Reshape(1, npost))
		}
		for i := range w.Data() {
			sum.Data()[i] += w.Data()[i] - w0.Data()[i]
		}
	}
	if !tensor.AllClose(wb, sum, 0, 1e-6) {
		t.Errorf("batched %v\nserial sum %v", wb, sum)
	}
}

func spikesRand(rng interface{ Float32() float32 }, n int, p float32) *tensor.Tensor {
	s := tensor.New(n)
	for i := range n {
		if rng.Float32() < p {
			s.Data()[i] = 1
		}
	}
	return s
}
