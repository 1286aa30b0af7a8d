package retina

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// Naka-Rushton saturates: responses rise monotonically with light, equal
// one half at sigma, and approach 1 for bright light; a larger n steepens
// the curve around sigma.
func TestNakaRushtonSaturates(t *testing.T) {
	p := NewPhotoreceptors(1, 0)
	light := []float32{0, 0.01, 0.1, 0.5 - DarkLight, 1, 10, 100, 1000}
	x := tensor.FromSlice(append([]float32(nil), light...), 1, 1, 1, len(light))
	r, err := p.Forward(autodiff.NoGrad(), x, nil)
	if err != nil {
		t.Fatal(err)
	}
	y := r.Value.Data()
	for i := 1; i < len(y); i++ {
		if !(y[i] > y[i-1]) {
			t.Fatalf("response not increasing: %v", y)
		}
	}
	if math.Abs(float64(y[3])-0.5) > 1e-5 {
		t.Fatalf("response at sigma = %g, want 0.5", y[3])
	}
	if y[7] > 1 || y[7] < 0.999 || y[7]-y[6] > 0.01*(y[4]-y[2]) || y[0] > 0.01 {
		t.Fatalf("no saturation: %v", y)
	}
	// Against the textbook formula with I = x + DarkLight.
	for i, v := range light {
		in := float64(v) + DarkLight
		want := in / (in + 0.5)
		if math.Abs(float64(y[i])-want) > 2e-6 {
			t.Fatalf("R(%g) = %g, want %g", v, y[i], want)
		}
	}
	// n = 3 is steeper at sigma.
	p.N.Value.Fill(3)
	r3, _ := p.Forward(autodiff.NoGrad(), x, nil)
	if !(r3.Value.Data()[4]-r3.Value.Data()[2] > y[4]-y[2]) {
		t.Fatalf("n=3 not steeper: %v vs %v", r3.Value.Data(), y)
	}
}

func TestPhotoreceptorGradients(t *testing.T) {
	x := tensor.RandUniform(tensor.NewRNG(1, 0), 0, 1, 2, 3, 2, 2)
	err := autodiff.GradCheck(func(tp *autodiff.Tape, xs []*autodiff.Var) *autodiff.Var {
		p := &Photoreceptors{LogSigma: xs[0], N: xs[1]}
		r, err := p.Forward(tp, x, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tp.Sum(tp.Mul(r, r), nil, false)
	}, []*tensor.Tensor{tensor.Full(-0.5, 1, 3, 1, 1), tensor.Full(1.3, 1, 3, 1, 1)}, 1e-3, 1e-2)
	if err != nil {
		t.Fatal(err)
	}
}

func TestPhotonNoise(t *testing.T) {
	x := tensor.Full(0.25, 1, 1, 64, 64)
	a := PhotonNoise(x, 0.1, tensor.NewRNG(7, 1))
	b := PhotonNoise(x, 0.1, tensor.NewRNG(7, 1))
	if !tensor.Equal(a, b) {
		t.Fatal("same seed, different noise")
	}
	var mean, v float64
	for _, y := range a.Data() {
		mean += float64(y)
	}
	mean /= float64(a.Size())
	for _, y := range a.Data() {
		v += (float64(y) - mean) * (float64(y) - mean)
	}
	sd := math.Sqrt(v / float64(a.Size()))
	// Expected sd = 0.1*sqrt(0.25) = 0.05.
	if math.Abs(mean-0.25) > 0.005 || math.Abs(sd-0.05) > 0.005 {
		t.Fatalf("noise mean %g sd %g", mean, sd)
	}
	// Darkness stays dark, and evaluation (nil rng) is noiseless.
	if z := PhotonNoise(tensor.New(1, 1, 4, 4), 1, tensor.NewRNG(1, 1)); z.Data()[5] != 0 {
		t.Fatal("noise in the dark")
	}
	p := NewPhotoreceptors(1, 0.5)
	r1, _ := p.Forward(autodiff.NoGrad(), x, nil)
	r2, _ := p.Forward(autodiff.NoGrad(), x, nil)
	rn, _ := p.Forward(autodiff.NoGrad(), x, tensor.NewRNG(1, 2))
	if !tensor.Equal(r1.Value, r2.Value) || tensor.Equal(r1.Value, rn.Value) {
		t.Fatal("noise must be on in training only")
	}
	if _, err := p.Forward(autodiff.NoGrad(), tensor.New(1, 3, 4, 4), nil); err == nil {
		t.Fatal("wrong channel count accepted")
	}
}
