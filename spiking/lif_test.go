package spiking

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestLIFAnalyticFI(t *testing.T) {
	p := DefaultLIF()
	if r := p.AnalyticRate(20); math.Abs(r-29.25) > 0.005 {
		t.Fatalf("analytic rate at RI = 20 mV: %.4f Hz, want 29.25", r)
	}
	// Spikes fall on the step grid, so the period is exact up to one step:
	// dt = 0.1 ms keeps rates up to ~100 Hz within 1%, dt = 0.01 ms all.
	for _, c := range []struct {
		dt       float32
		currents []float32
	}{
		{0.1, []float32{16.5, 17, 20, 25, 30, 40}},
		{0.01, []float32{17, 20, 40, 60, 100, 200}},
	} {
		dt, currents := c.dt, c.currents
		// One neuron per current, all in one population.
		l, err := NewLIF(1, len(currents), p, dt)
		if err != nil {
			t.Fatal(err)
		}
		in := tensor.FromSlice(append([]float32(nil), currents...), 1, len(currents))
		last := make([]float64, len(currents))
		first := make([]float64, len(currents))
		n := make([]int, len(currents))
		steps := int(2000 / dt)
		for k := range steps {
			s := l.Step(in).Data()
			for i, x := range s {
				if x != 0 {
					tm := float64(k+1) * float64(dt)
					if n[i] == 0 {
						first[i] = tm
					}
					last[i] = tm
					n[i]++
				}
			}
		}
		for i, c := range currents {
			want := p.AnalyticRate(float64(c))
			got := 1000 * float64(n[i]-1) / (last[i] - first[i])
			if math.Abs(got-want) > 0.01*want {
				t.Errorf("dt %v, RI = %v mV: %.3f Hz, analytic %.3f Hz", dt, c, got, want)
			}
		}
	}
}

func TestLIFExactIntegration(t *testing.T) {
	// Below threshold, V(t) = V_inf + (V0 - V_inf) exp(-t/tau) exactly,
	// whatever the step size (up to float32 rounding).
	p := DefaultLIF()
	for _, dt := range []float32{0.1, 1, 5} {
		l, _ := NewLIF(1, 1, p, dt)
		in := tensor.Full(10, 1, 1)
		for k := 1; k <= int(100/dt); k++ {
			l.Step(in)
			tm := float64(k) * float64(dt)
			want := -60 + (-70+60)*math.Exp(-tm/20)
			if got := float64(l.V.Data()[0]); math.Abs(got-want) > 2e-5*math.Abs(want) {
				t.Fatalf("dt %v, t %v: V = %v, want %v", dt, tm, got, want)
			}
		}
	}
}

func TestLIFRefractoryAndReset(t *testing.T) {
	p := DefaultLIF()
	p.TRef = 1
	l, _ := NewLIF(1, 1, p, 0.5)
	in := tensor.Full(1000, 1, 1) // crosses threshold in one step
	var sp []int
	for k := range 12 {
		if l.Step(in).Data()[0] != 0 {
			sp = append(sp, k)
			if v := l.V.Data()[0]; v != p.VReset {
				t.Fatalf("after spike V = %v, want %v", v, p.VReset)
			}
		}
	}
	// Spike, two refractory steps, spike, ...
	want := []int{0, 3, 6, 9}
	if len(sp) != len(want) {
		t.Fatalf("spikes at steps %v, want %v", sp, want)
	}
	for i := range want {
		if sp[i] != want[i] {
			t.Fatalf("spikes at steps %v, want %v", sp, want)
		}
	}
	// Reset by subtraction keeps the overshoot.
	p = DefaultLIF()
	p.Reset, p.TRef = ResetSubtract, 0
	l, _ = NewLIF(1, 1, p, 1)
	l.V.Data()[0] = -55
	in = tensor.Full(100, 1, 1)
	l.Step(in)
	vinf := float32(30)
	x := float32((-55-vinf)*Decay(1, 20)) + vinf
	if got, want := l.V.Data()[0], x-16; l.S.Data()[0] != 1 || got != want {
		t.Fatalf("subtract reset: V = %v, want %v", got, want)
	}
}

func TestLIFThreadsBitIdentical(t *testing.T) {
	const batch, n = 3, 40000
	rng := tensor.NewRNG(7, 1)
	in := tensor.RandUniform(rng, 0, 40, batch, n)
	var ref *tensor.Tensor
	for _, threads := range []int{1, 2, 3, 8} {
		l, _ := NewLIF(batch, n, DefaultLIF(), 0.1)
		l.Threads = threads
		c := Run(l, in, 300)
		if ref == nil {
			ref = l.V.Clone()
			if s := c.Data(); s[0]+s[1]+s[2] == 0 && c.Data()[n] == 0 {
				t.Log("few spikes")
			}
			continue
		}
		if !tensor.Equal(ref, l.V) {
			t.Fatalf("threads %d: V differs", threads)
		}
	}
}

func TestLIFValidate(t *testing.T) {
	bad := []func(*LIFParams){
		func(p *LIFParams) { p.TauM = 0 },
		func(p *LIFParams) { p.VTh = p.VReset },
		func(p *LIFParams) { p.TRef = -1 },
		func(p *LIFParams) { p.R = float32(math.Inf(1)) },
		func(p *LIFParams) { p.Reset = 7 },
	}
	for i, f := range bad {
		p := DefaultLIF()
		f(&p)
		if _, err := NewLIF(1, 1, p, 0.1); err == nil {
			t.Errorf("case %d: %+v accepted", i, p)
		}
	}
	if _, err := NewLIF(1, 1, DefaultLIF(), 0); err == nil {
		t.Error("dt = 0 accepted")
	}
}
