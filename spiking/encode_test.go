package spiking

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestPoissonEncoderRateAndStatistics(t *testing.T) {
	rates := tensor.FromSlice([]float32{0, 10, 50, 200}, 1, 4)
	e, err := NewPoissonEncoder(rates, 1, tensor.NewRNG(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	const steps = 50000 // 50 s
	count := make([]float64, 4)
	var isi []float64
	last := -1
	for k := range steps {
		s := e.Step().Data()
		for i := range s {
			count[i] += float64(s[i])
		}
		if s[2] != 0 {
			if last >= 0 {
				isi = append(isi, float64(k-last))
			}
			last = k
		}
	}
	for i, r := range rates.Data() {
		got := count[i] / 50
		sd := math.Sqrt(float64(r)*50) / 50 // Poisson count sd in Hz
		if math.Abs(got-float64(r)) > 4*sd+1e-9 {
			t.Errorf("rate %v Hz: measured %.2f Hz", r, got)
		}
	}
	// A Poisson train has CV(ISI) near 1 (geometric on the grid: sqrt(1-p)).
	if cv := CV(isi); math.Abs(cv-math.Sqrt(1-0.05)) > 0.05 {
		t.Errorf("CV of ISIs %.3f, want about %.3f", cv, math.Sqrt(0.95))
	}
	// Same seed, same train.
	e1, _ := NewPoissonEncoder(rates, 1, tensor.NewRNG(9, 9))
	e2, _ := NewPoissonEncoder(rates, 1, tensor.NewRNG(9, 9))
	for range 100 {
		if !tensor.Equal(e1.Step(), e2.Step()) {
			t.Fatal("same seed, different trains")
		}
	}
	if _, err := NewPoissonEncoder(rates, 0, tensor.NewRNG(1, 1)); err == nil {
		t.Error("dt = 0 accepted")
	}
}

func TestBernoulli(t *testing.T) {
	p := tensor.Full(0.3, 100000)
	s := Bernoulli(p, tensor.NewRNG(3, 4))
	m := 0.0
	for _, x := range s.Data() {
		m += float64(x)
	}
	m /= 100000
	if math.Abs(m-0.3) > 4*math.Sqrt(0.3*0.7/100000) {
		t.Errorf("mean %v, want 0.3", m)
	}
	if z := Bernoulli(tensor.FromSlice([]float32{0, 1}, 2), tensor.NewRNG(1, 1)).Data(); z[0] != 0 || z[1] != 1 {
		t.Errorf("p = 0, 1 gave %v", z)
	}
}

func TestLatency(t *testing.T) {
	x := tensor.FromSlice([]float32{0, 0.25, 0.5, 1, 2}, 5)
	lin := LatencyLinear(x, 100, 0.1).Data()
	for i, want := range []float32{-1, 75, 50, 0, 0} {
		if lin[i] != want {
			t.Errorf("linear latency of %v: %v, want %v", x.Data()[i], lin[i], want)
		}
	}
	rc := LatencyRC(x, 10, 0.2).Data()
	for i, v := range x.Data() {
		want := -1.0
		if v > 0.2 {
			want = 10 * math.Log(float64(v)/float64(v-0.2))
		}
		if math.Abs(float64(rc[i])-want) > 1e-5*math.Max(1, math.Abs(want)) {
			t.Errorf("RC latency of %v: %v, want %v", v, rc[i], want)
		}
	}
	// Stronger inputs fire earlier.
	if !(rc[4] < rc[3] && rc[3] < rc[2] && rc[2] < rc[1]) {
		t.Errorf("RC latencies not decreasing with intensity: %v", rc)
	}
	// Each input with a time spikes exactly once on the grid.
	total := make([]float32, 5)
	var out *tensor.Tensor
	for k := range 200 {
		out = LatencySpikes(LatencyLinear(x, 100, 0.1), 1, k, out)
		for i, s := range out.Data() {
			total[i] += s
		}
	}
	for i, want := range []float32{0, 1, 1, 1, 1} {
		if total[i] != want {
			t.Errorf("input %d spiked %v times, want %v", i, total[i], want)
		}
	}
}
