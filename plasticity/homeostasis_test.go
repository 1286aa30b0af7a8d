package plasticity

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/spiking"
	"github.com/neurocortex/neurocortex/tensor"
)

func TestAdaptiveThreshold(t *testing.T) {
	a, err := NewAdaptiveThreshold(3, 1, 0.5, 100, 1)
	if err != nil {
		t.Fatal(err)
	}
	s := tensor.FromSlice([]float32{1, 0, 1, 0, 0, 1}, 2, 3) // batch of 2
	a.Step(s)
	d := float32(math.Exp(-0.01))
	th := a.Theta.Data()
	for i, want := range []float32{d + 0.5, d, d + 1} {
		if math.Abs(float64(th[i]-want)) > 1e-6 {
			t.Errorf("theta[%d] = %v, want %v", i, th[i], want)
		}
	}
	for range 1000 {
		a.Step(tensor.New(1, 3))
	}
	if math.Abs(float64(th[1])-math.Exp(-10.01)) > 1e-6 {
		t.Errorf("theta decayed to %v, want %v", th[1], math.Exp(-10.01))
	}
	if _, err := NewAdaptiveThreshold(1, 0, 1, 0, 1); err == nil {
		t.Error("tau = 0 accepted")
	}
}

// poissonDrive returns the rates (Hz) of LIF neurons driven through weights
// w [pre, post] by pre Poisson inputs at 20 Hz over dur ms.
func poissonDrive(t *testing.T, w *tensor.Tensor, dur float32, seed uint64) *tensor.Tensor {
	t.Helper()
	const dt = 0.5
	pre, post := w.Dim(0), w.Dim(1)
	enc, _ := spiking.NewPoissonEncoder(tensor.Full(20, 1, pre), dt, tensor.NewRNG(seed, 3))
	syn, _ := spiking.NewDense(w, 1)
	l, _ := spiking.NewLIF(1, post, spiking.DefaultLIF(), dt)
	counts := tensor.New(post)
	steps := int(dur / dt)
	for range steps {
		s := l.Step(syn.Step(enc.Step()))
		for i, x := range s.Data() {
			counts.Data()[i] += x
		}
	}
	for i := range counts.Data() {
		counts.Data()[i] *= 1000 / dur
	}
	return counts
}

func TestSynapticScalingReachesTarget(t *testing.T) {
	const pre, post, target = 100, 4, 10
	rng := tensor.NewRNG(2, 2)
	// Very different initial drives: one silent-ish, one much too active.
	w := tensor.RandUniform(rng, 0, 1, pre, post)
	for j := range pre {
		for i, g := range []float32{20, 40, 80, 160} {
			w.Set(w.At(j, i)*g, j, i)
		}
	}
	w0 := w.Clone()
	sc := SynapticScaling{Target: target, Eta: 0.2}
	var r *tensor.Tensor
	for it := range 60 {
		r = poissonDrive(t, w, 2000, uint64(it))
		if err := sc.Apply(w, r); err != nil {
			t.Fatal(err)
		}
	}
	r = poissonDrive(t, w, 4000, 99)
	for i, x := range r.Data() {
		if math.Abs(float64(x)-target) > 0.15*target {
			t.Errorf("neuron %d: %v Hz after scaling, target %v", i, x, target)
		}
	}
	var mean float64
	for _, x := range r.Data() {
		mean += float64(x) / post
	}
	if math.Abs(mean-target) > 0.08*target {
		t.Errorf("mean rate %.2f Hz, target %v", mean, target)
	}
	// Relative weights onto each neuron are unchanged.
	for i := range post {
		for j := 1; j < pre; j++ {
			a := float64(w.At(j, i)) / float64(w.At(0, i))
			b := float64(w0.At(j, i)) / float64(w0.At(0, i))
			if math.Abs(a-b) > 1e-4*math.Abs(b)+1e-6 {
				t.Fatalf("ratio w[%d,%d]/w[0,%d] changed from %v to %v", j, i, i, b, a)
			}
		}
	}
	if err := sc.Apply(w, tensor.New(3)); err == nil {
		t.Error("wrong rate length accepted")
	}
}
