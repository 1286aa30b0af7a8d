package spiking

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// Behaviour is one panel of Figure 1 of Izhikevich (2004), "Which model to
// use for cortical spiking neurons?": the parameters, initial state, time
// step, duration and input current with which the author's published
// figure code shows one of twenty neuro-computational features.
type Behaviour struct {
	Panel    string // "A" ... "T"
	Name     string // e.g. "tonic spiking"
	P        IzhikevichParams
	V0, U0   float32                 // initial state
	Dt       float32                 // ms
	Duration float32                 // ms; the code simulates t = 0, dt, ..., Duration
	Input    func(t float64) float32 // input current at time t (ms)
}

// Steps returns the number of simulated time points, Duration/Dt + 1.
func (b Behaviour) Steps() int { return int(math.Round(float64(b.Duration)/float64(b.Dt))) + 1 }

func pulse(t, start, width float64) bool { return t > start && t < start+width }

// Izhikevich2004 returns the twenty behaviours of Izhikevich (2004),
// Figure 1, panels A to T, with the parameters and stimuli of the
// author's figure code (re-expressed here, not copied). u starts at b*v
// except where the code says otherwise.
func Izhikevich2004() []Behaviour {
	std := Izhikevich2003
	// Class 1 excitability and integrator use v' = 0.04v^2 + 4.1v + 108 ...
	alt := func(a, b, c, d float32) IzhikevichParams {
		p := std(a, b, c, d)
		p.K1, p.K0 = 4.1, 108
		return p
	}
	mk := func(panel, name string, p IzhikevichParams, v0, dt, dur float32, in func(float64) float32) Behaviour {
		return Behaviour{Panel: panel, Name: name, P: p, V0: v0, U0: float32(p.B * v0), Dt: dt, Duration: dur, Input: in}
	}
	step := func(t1 float64, amp float32) func(float64) float32 {
		return func(t float64) float32 {
			if t > t1 {
				return amp
			}
			return 0
		}
	}
	pulses := func(amp float32, width float64, starts ...float64) func(float64) float32 {
		return func(t float64) float32 {
			for _, s := range starts {
				if pulse(t, s, width) {
					return amp
				}
			}
			return 0
		}
	}
	inhib := func(t float64) float32 {
		if t < 50 || t > 250 {
			return 80
		}
		return 75
	}
	bs := []Behaviour{
		mk("A", "tonic spiking", std(0.02, 0.2, -65, 6), -70, 0.25, 100, step(10, 14)),
		mk("B", "phasic spiking", std(0.02, 0.25, -65, 6), -64, 0.25, 200, step(20, 0.5)),
		mk("C", "tonic bursting", std(0.02, 0.2, -50, 2), -70, 0.25, 220, step(22, 15)),
		mk("D", "phasic bursting", std(0.02, 0.25, -55, 0.05), -64, 0.2, 200, step(20, 0.6)),
		mk("E", "mixed mode", std(0.02, 0.2, -55, 4), -70, 0.25, 160, step(16, 10)),
		mk("F", "spike frequency adaptation", std(0.01, 0.2, -65, 8), -70, 0.25, 85, step(8.5, 30)),
		mk("G", "Class 1 excitable", alt(0.02, -0.1, -55, 6), -60, 0.25, 300, func(t float64) float32 {
			if t > 30 {
				return float32(0.075 * (t - 30))
			}
			return 0
		}),
		mk("H", "Class 2 excitable", std(0.2, 0.26, -65, 0), -64, 0.25, 300, func(t float64) float32 {
			if t > 30 {
				return float32(-0.5 + 0.015*(t-30))
			}
			return -0.5
		}),
		mk("I", "spike latency", std(0.02, 0.2, -65, 6), -70, 0.2, 100, pulses(7.04, 3, 10)),
		mk("J", "subthreshold oscillations", std(0.05, 0.26, -60, 0), -62, 0.25, 200, pulses(2, 5, 20)),
		mk("K", "resonator", std(0.1, 0.26, -60, -1), -62, 0.25, 400, pulses(0.65, 4, 40, 60, 280, 320)),
		mk("L", "integrator", alt(0.02, -0.1, -55, 6), -60, 0.25, 100, pulses(9, 2, 100.0/11, 100.0/11+5, 70, 80)),
		mk("M", "rebound spike", std(0.03, 0.25, -60, 4), -64, 0.2, 200, pulses(-15, 5, 20)),
		mk("N", "rebound burst", std(0.03, 0.25, -52, 0), -64, 0.2, 200, pulses(-15, 5, 20)),
		mk("O", "threshold variability", std(0.03, 0.25, -60, 4), -64, 0.25, 100, func(t float64) float32 {
			switch {
			case pulse(t, 10, 5) || pulse(t, 80, 5):
				return 1
			case pulse(t, 70, 5):
				return -6
			}
			return 0
		}),
		mk("P", "bistability", std(0.1, 0.26, -60, 0), -61, 0.25, 300, func(t float64) float32 {
			if pulse(t, 300.0/8, 5) || pulse(t, 216, 5) {
				return 1.24
			}
			return 0.24
		}),
		mk("Q", "depolarizing after-potential", std(1, 0.2, -60, -21), -70, 0.1, 50, func(t float64) float32 {
			if math.Abs(t-10) < 1 {
				return 20
			}
			return 0
		}),
		mk("R", "accommodation", std(0.02, 1, -55, 4), -65, 0.5, 400, func(t float64) float32 {
			switch {
			case t < 200:
				return float32(t / 25)
			case t < 300:
				return 0
			case t < 312.5:
				return float32((t - 300) / 12.5 * 4)
			}
			return 0
		}),
		mk("S", "inhibition-induced spiking", std(-0.02, -1, -60, 8), -63.8, 0.5, 350, inhib),
		mk("T", "inhibition-induced bursting", std(-0.026, -1, -45, -2), -63.8, 0.5, 350, inhib),
	}
	// Accommodation: u' = a b (v + 65), starting from u = -16.
	r := &bs[17]
	r.P.NoUDecay, r.P.UOffset, r.U0 = true, -65, -16
	return bs
}

// BehaviourTrace is the result of simulating one Behaviour.
type BehaviourTrace struct {
	T, V, U, I []float32 // time (ms), membrane potential (clipped at the peak on spike steps), recovery, input
	Spikes     []float32 // spike times, ms
}

// Simulate runs the behaviour on a one-neuron Izhikevich population, step
// by step as the figure code does: the input at time t drives the step
// that ends at t.
func (b Behaviour) Simulate() (BehaviourTrace, error) {
	z, err := NewIzhikevich(1, 1, b.P, b.Dt)
	if err != nil {
		return BehaviourTrace{}, fmt.Errorf("behaviour %s (%s): %w", b.Panel, b.Name, err)
	}
	z.V.Data()[0], z.U.Data()[0] = b.V0, b.U0
	in := tensor.New(1, 1)
	n := b.Steps()
	tr := BehaviourTrace{T: make([]float32, n), V: make([]float32, n), U: make([]float32, n), I: make([]float32, n)}
	for i := range n {
		t := float64(i) * float64(b.Dt)
		cur := b.Input(t)
		in.Data()[0] = cur
		s := z.Step(in).Data()[0]
		tr.T[i], tr.I[i], tr.U[i] = float32(t), cur, z.U.Data()[0]
		if s != 0 {
			tr.V[i] = b.P.VPeak
			tr.Spikes = append(tr.Spikes, float32(t))
		} else {
			tr.V[i] = z.V.Data()[0]
		}
	}
	return tr, nil
}
