package plasticity

import (
	"fmt"

	"github.com/neurocortex/neurocortex/spiking"
	"github.com/neurocortex/neurocortex/tensor"
)

// AdaptiveThreshold is the homeostatic threshold of Diehl & Cook (2015):
// each neuron's threshold offset theta rises by Plus at each of its spikes
// and decays back with time constant Tau (ms), so neurons that fire a lot
// become harder to excite and every neuron gets a share of the input.
type AdaptiveThreshold struct {
	Theta *tensor.Tensor // [n], mV, shared by all samples of a batch
	Plus  float32
	decay float32
}

// NewAdaptiveThreshold returns thresholds for n neurons starting at theta0,
// with increment plus (mV) and decay time constant tau (ms) for steps of dt.
func NewAdaptiveThreshold(n int, theta0, plus, tau, dt float32) (*AdaptiveThreshold, error) {
	if n <= 0 || !(tau > 0) || !(dt > 0) || plus < 0 {
		return nil, fmt.Errorf("plasticity: AdaptiveThreshold: n %d, plus %v, tau %v, dt %v: need n, tau, dt > 0 and plus >= 0", n, plus, tau, dt)
	}
	return &AdaptiveThreshold{Theta: tensor.Full(theta0, n), Plus: plus, decay: spiking.Decay(dt, tau)}, nil
}

// Step decays theta by one step and adds Plus for every spike of each
// neuron in spikes ([batch, n], samples in order).
func (a *AdaptiveThreshold) Step(spikes *tensor.Tensor) {
	th := a.Theta.Data()
	n := len(th)
	if spikes.Size()%n != 0 {
		panic(fmt.Sprintf("plasticity: AdaptiveThreshold.Step: spikes %v for %d neurons", spikes.Shape(), n))
	}
	for i := range th {
		th[i] *= a.decay
	}
	s := spikes.Data()
	for b := 0; b < len(s); b += n {
		for i, x := range s[b : b+n] {
			if x != 0 {
				th[i] += float32(a.Plus * x)
			}
		}
	}
}

// SynapticScaling multiplies all incoming weights of a neuron by one
// factor that moves its firing rate toward Target (Turrigiano's synaptic
// scaling): w[:, i] *= 1 + Eta (Target - rate_i)/Target. Relative weights
// onto a neuron are unchanged, so what it has learnt is kept.
type SynapticScaling struct {
	Target float32 // Hz
	Eta    float32 // fraction of the relative rate error corrected per update
}

// Apply scales the columns of w [pre, post] given the measured rates (Hz,
// [post]). The factor is kept in [0.5, 2] per update for stability.
func (s SynapticScaling) Apply(w, rate *tensor.Tensor) error {
	if w.Dims() != 2 || rate.Size() != w.Dim(1) {
		return fmt.Errorf("plasticity: SynapticScaling: weights %v, rates %v", w.Shape(), rate.Shape())
	}
	if !(s.Target > 0) || !(s.Eta > 0) {
		return fmt.Errorf("plasticity: SynapticScaling: target %v Hz and eta %v must be > 0", s.Target, s.Eta)
	}
	post := w.Dim(1)
	f := make([]float32, post)
	for i, r := range rate.Data() {
		f[i] = min(max(1+float32(s.Eta*(s.Target-r))/s.Target, 0.5), 2)
	}
	wd := w.Data()
	for k := range wd {
		wd[k] *= f[k%post]
	}
	return nil
}
