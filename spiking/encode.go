package spiking

import (
	"fmt"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// PoissonEncoder turns rates into Poisson spike trains sampled on the time
// grid: each step, a neuron with rate r (Hz) spikes with probability
// r*dt/1000 (clipped to 1), independently of the past. It draws one
// Float32 from its generator per element per step, in row-major order, so
// a seed fixes the trains.
type PoissonEncoder struct {
	Rates *tensor.Tensor // Hz, any shape
	dt    float32
	rng   *rand.Rand
	out   *tensor.Tensor
}

// NewPoissonEncoder returns an encoder for the given rates and time step.
func NewPoissonEncoder(rates *tensor.Tensor, dt float32, rng *rand.Rand) (*PoissonEncoder, error) {
	if !(dt > 0) {
		return nil, fmt.Errorf("spiking: PoissonEncoder: time step %v ms must be > 0", dt)
	}
	if rng == nil {
		return nil, fmt.Errorf("spiking: PoissonEncoder: nil random generator")
	}
	return &PoissonEncoder{Rates: rates, dt: dt, rng: rng, out: tensor.New(rates.Shape()...)}, nil
}

// Step returns the spikes of the next step (a tensor the encoder reuses).
func (e *PoissonEncoder) Step() *tensor.Tensor {
	scale := e.dt / 1000
	r, o := e.Rates.Data(), e.out.Data()
	for i := range o {
		if e.rng.Float32() < float32(r[i]*scale) {
			o[i] = 1
		} else {
			o[i] = 0
		}
	}
	return e.out
}

// Bernoulli returns a tensor shaped like p with 1 where a uniform draw is
// below p (a spike with probability p, clipped to [0, 1]) and 0
// elsewhere: the rate code of one step for intensities read as
// probabilities. One Float32 draw per element, row-major.
func Bernoulli(p *tensor.Tensor, rng *rand.Rand) *tensor.Tensor {
	out := tensor.New(p.Shape()...)
	o := out.Data()
	for i, x := range p.Data() {
		if rng.Float32() < x {
			o[i] = 1
		}
	}
	return out
}

// LatencyLinear returns the spike time (ms) of each input under a linear
// latency code over a window of tmax ms: intensity x in [0, 1] spikes at
// (1 - x) * tmax, so stronger inputs fire earlier; x <= threshold never
// spikes (time +Inf is reported as -1).
func LatencyLinear(x *tensor.Tensor, tmax, threshold float32) *tensor.Tensor {
	out := tensor.New(x.Shape()...)
	o := out.Data()
	for i, v := range x.Data() {
		switch {
		case !(v > threshold):
			o[i] = -1
		case v >= 1:
			o[i] = 0
		default:
			o[i] = (1 - v) * tmax
		}
	}
	return out
}

// LatencyRC returns the spike time (ms) of each input under the latency
// code of an RC circuit charged by the input: an intensity x reaches the
// threshold theta after tau ln(x / (x - theta)), so only x > theta spikes
// (others report -1). The logarithm is simd.Log, portable.
func LatencyRC(x *tensor.Tensor, tau, theta float32) *tensor.Tensor {
	out := tensor.New(x.Shape()...)
	o := out.Data()
	for i, v := range x.Data() {
		if !(v > theta) {
			o[i] = -1
			continue
		}
		o[i] = tau * simd.Log(v/(v-theta))
	}
	return out
}

// LatencySpikes turns spike times (ms, -1 for none) into the spikes of
// time step k (the step covering [k dt, (k+1) dt)).
func LatencySpikes(times *tensor.Tensor, dt float32, k int, out *tensor.Tensor) *tensor.Tensor {
	if out == nil {
		out = tensor.New(times.Shape()...)
	}
	o := out.Data()
	lo, hi := float32(k)*dt, float32(k+1)*dt
	for i, t := range times.Data() {
		if t >= lo && t < hi {
			o[i] = 1
		} else {
			o[i] = 0
		}
	}
	return out
}
