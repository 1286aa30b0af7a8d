package plasticity

import (
	"fmt"

	"github.com/neurocortex/neurocortex/spiking"
	"github.com/neurocortex/neurocortex/tensor"
)

// Song2000Config is the protocol of Song, Miller & Abbott (2000), "Competitive
// Hebbian learning through spike-timing-dependent synaptic plasticity", in
// the form of the Brian simulator's example of it: one conductance-based
// integrate-and-fire neuron receives Inputs excitatory Poisson trains at
// Rate Hz through plastic synapses with additive STDP, hard bounds
// [0, gmax] and A-/A+ = Ratio.
type Song2000Config struct {
	Inputs  int     // excitatory inputs (1000 in the paper)
	Rate    float32 // Hz per input (10 in the paper)
	Seconds float32 // simulated time
	Dt      float32 // ms
	APlus   float32 // LTP amplitude as a fraction of gmax (0.005 in the paper)
	Ratio   float32 // A-/A+ (1.05)
	Seed    uint64
}

// DefaultSong2000 returns 1000 inputs at 15 Hz, A+ = 0.01 gmax,
// A-/A+ = 1.05, 200 s of simulated time at dt = 0.5 ms.
func DefaultSong2000() Song2000Config {
	return Song2000Config{Inputs: 1000, Rate: 15, Seconds: 200, Dt: 0.5, APlus: 0.01, Ratio: 1.05, Seed: 1}
}

// Song2000Result is the outcome of the protocol.
type Song2000Result struct {
	W        []float32 // final weights as fractions of gmax, one per input
	RateHz   float64   // output rate over the last 10% of the run
	Spikes   int       // output spikes in total
	StepsRun int
}

// Song2000 runs the protocol. Neuron (mV, ms; conductances in units of
// the leak): tau_m 10, E_L -74, E_ex 0, threshold -54, reset -60,
// synaptic time constant 5 ms, gmax 0.01; weights start uniform in
// [0, gmax]; tau+ = tau- = 20 ms. The membrane is integrated by forward
// Euler, the conductance decays exactly.
func Song2000(cfg Song2000Config) (Song2000Result, error) {
	if cfg.Inputs <= 0 || !(cfg.Rate >= 0) || !(cfg.Seconds > 0) || !(cfg.Dt > 0) || !(cfg.APlus > 0) || !(cfg.Ratio > 0) {
		return Song2000Result{}, fmt.Errorf("plasticity: Song2000: bad configuration %+v", cfg)
	}
	const (
		gmax, gIn             = 0.015, 0.05
		tauM, vRest, eEx, eIn = 20, -70, 0, -70
		vTh, vReset, tauSyn   = -54, -60, 5
		nInh, inhRate         = 200, 10
	)
	n := cfg.Inputs
	p := STDPParams{APlus: cfg.APlus * gmax, AMinus: cfg.Ratio * cfg.APlus * gmax, TauPlus: 20, TauMinus: 20, WMin: 0, WMax: gmax}
	dt := cfg.Dt
	rule, err := NewSTDP(p, 1, n, 1, dt)
	if err != nil {
		return Song2000Result{}, err
	}
	rng := tensor.NewRNG(cfg.Seed, 2000)
	w := tensor.RandUniform(rng, 0, gmax, n, 1)
	exc, _ := spiking.NewPoissonEncoder(tensor.Full(cfg.Rate, 1, n), dt, rng)
	post := tensor.New(1, 1)
	decay := spiking.Decay(dt, tauSyn)
	var v, gE float32 = vRest, 0
	steps := int(cfg.Seconds * 1000 / dt)
	res := Song2000Result{StepsRun: steps}
	tail := steps - steps/10
	lateSpikes := 0
	wd := w.Data()
	for k := range steps {
		pre := exc.Step()
		for j, s := range pre.Data() {
			if s != 0 {
				gE += wd[j]
			}
		}
		dv := float32(vRest-v) + float32(gE*(eEx-v))
		v += float32(dt / tauM * dv)
		post.Data()[0] = 0
		if v >= vTh {
			v = vReset
			post.Data()[0] = 1
			res.Spikes++
			if k >= tail {
				lateSpikes++
			}
		}
		gE *= decay
		rule.Step(w, pre, post)
	}
	res.W = make([]float32, n)
	for j, x := range wd {
		res.W[j] = x / gmax
	}
	res.RateHz = float64(lateSpikes) / (float64(steps-tail) * float64(dt) / 1000)
	return res, nil
}
