package retina

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

func TestBernoulliSpikes(t *testing.T) {
	n := 20000
	rates := tensor.New(n)
	for i := range rates.Data() {
		rates.Data()[i] = []float32{-0.5, 0.2, 0.7, 1.5}[i%4]
	}
	p := autodiff.Param(rates, "rate")
	tp := autodiff.NewTape()
	s := BernoulliSpikes(tp, p, tensor.NewRNG(5, 0))
	var count [4]float64
	for i, v := range s.Value.Data() {
		if v != 0 && v != 1 {
			t.Fatalf("spike %g", v)
		}
		count[i%4] += float64(v)
	}
	for k, want := range []float64{0, 0.2, 0.7, 1} {
		if got := count[k] / float64(n/4); math.Abs(got-want) > 0.02 {
			t.Fatalf("rate %d: firing probability %g, want %g", k, got, want)
		}
	}
	// Straight-through: the gradient of sum(spikes) is 1 inside [0,1].
	if err := tp.Backward(tp.Sum(s, nil, false)); err != nil {
		t.Fatal(err)
	}
	if g := p.Grad.Data(); g[0] != 0 || g[1] != 1 || g[2] != 1 || g[3] != 0 {
		t.Fatalf("gradients %v", g[:4])
	}
	// Evaluation: the expectation, deterministic.
	e := BernoulliSpikes(autodiff.NoGrad(), p, nil)
	if e.Value.Data()[0] != 0 || e.Value.Data()[1] != 0.2 || e.Value.Data()[3] != 1 {
		t.Fatalf("expectation %v", e.Value.Data()[:4])
	}
	// Same seed, same spikes.
	a := BernoulliSpikes(autodiff.NoGrad(), p, tensor.NewRNG(9, 9))
	b := BernoulliSpikes(autodiff.NoGrad(), p, tensor.NewRNG(9, 9))
	if !tensor.Equal(a.Value, b.Value) {
		t.Fatal("spikes not reproducible")
	}
}
