package plasticity

import (
	"fmt"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/spiking"
	"github.com/neurocortex/neurocortex/tensor"
)

// DiehlCookConfig configures the unsupervised network of Diehl & Cook
// (2015), "Unsupervised learning of digit recognition using
// spike-timing-dependent plasticity".
type DiehlCookConfig struct {
	Inputs    int     // 784 for MNIST
	Neurons   int     // excitatory neurons
	Dt        float32 // ms (0.5)
	PresentMs float32 // presentation time per image (350)
	MaxRate   float32 // input rate of a full-intensity pixel, Hz (63.75)
	Seed      uint64
}

// DefaultDiehlCook returns the paper's settings for n neurons.
func DefaultDiehlCook(n int) DiehlCookConfig {
	return DiehlCookConfig{Inputs: 784, Neurons: n, Dt: 0.5, PresentMs: 350, MaxRate: 63.75, Seed: 1}
}

// Constants of the paper's network (mV, ms; conductances in units of the
// leak). Lateral inhibition goes through one inhibitory neuron per
// excitatory one in the paper; with its weights (10.4 in, 17 out) that
// neuron fires once per excitatory spike, so here an excitatory spike
// directly adds dcInhib to the inhibitory conductance of every other
// excitatory neuron, one step later.
const (
	dcVRest, dcVReset, dcVTh = -65, -65, -52
	dcThetaOffset            = 20 // the threshold is dcVTh + theta - dcThetaOffset
	dcTauM, dcTauE, dcTauI   = 100, 1, 2
	dcEExc, dcEInh           = 0, -100
	dcRefrac                 = 5
	dcInhib                  = 17
	dcTheta0, dcThetaPlus    = 20, 0.05
	dcTauTheta               = 1e7
	dcTauPre, dcTauPost1     = 20, 20
	dcTauPost2               = 40
	dcNuPre, dcNuPost        = 0.0001, 0.01
	dcWMax                   = 1
	dcColumnSum              = 78 // input weights onto each neuron are normalised to this sum
	dcRestMs                 = 150
	dcMinSpikes              = 5
	dcRateStep               = 31.875 // Hz added to MaxRate when an image draws fewer than dcMinSpikes spikes
	dcMaxRetries             = 8
)

// DiehlCook is the network: Poisson inputs, all-to-all plastic synapses
// W [inputs, neurons] onto conductance-based LIF neurons with adaptive
// thresholds (Theta, mV) and lateral inhibition. Learning is the paper's
// rule with nearest-spike traces: a presynaptic spike depresses by
// NuPre * post1; a postsynaptic spike potentiates by NuPost * pre * post2
// (post2 read before it is set), weights clipped to [0, 1]. The membrane
// is integrated by backward Euler (the paper's simulator integrated these
// linear equations exactly; forward Euler explodes under the volleys of
// lateral inhibition of a few hundred neurons).
type DiehlCook struct {
	Cfg   DiehlCookConfig
	W     *tensor.Tensor // [inputs, neurons]
	Theta []float32      // [neurons]
	// decays per step
	dM, dE, dI, dPre, dP1, dP2, dTheta, dThetaRest float32
}

// NewDiehlCook returns an untrained network with weights uniform in
// [0, 0.3] and theta = 20 mV.
func NewDiehlCook(cfg DiehlCookConfig) (*DiehlCook, error) {
	if cfg.Inputs <= 0 || cfg.Neurons <= 0 || !(cfg.Dt > 0) || !(cfg.PresentMs > cfg.Dt) || !(cfg.MaxRate > 0) {
		return nil, fmt.Errorf("plasticity: DiehlCook: bad configuration %+v", cfg)
	}
	rng := tensor.NewRNG(cfg.Seed, 1)
	n := &DiehlCook{Cfg: cfg, W: tensor.RandUniform(rng, 0, 0.3, cfg.Inputs, cfg.Neurons), Theta: make([]float32, cfg.Neurons)}
	for i := range n.Theta {
		n.Theta[i] = dcTheta0
	}
	dt := cfg.Dt
	n.dM = float32(dt / dcTauM)
	n.dE, n.dI = spiking.Decay(dt, dcTauE), spiking.Decay(dt, dcTauI)
	n.dPre, n.dP1, n.dP2 = spiking.Decay(dt, dcTauPre), spiking.Decay(dt, dcTauPost1), spiking.Decay(dt, dcTauPost2)
	n.dTheta = spiking.Decay(dt, dcTauTheta)
	n.dThetaRest = spiking.Decay(dcRestMs, dcTauTheta)
	return n, nil
}

// dcState is the per-presentation state of one simulation (the network's
// weights and thresholds are shared and only written when learning).
type dcState struct {
	v, ge, gi, gi2, post1, post2 []float32
	refr                         []int32
	pre                          []float32 // input traces
	active                       []int32   // indices of nonzero pixels
	p                            []float32 // spike probability per step of each active pixel
	counts                       []int
}

func (n *DiehlCook) newState() *dcState {
	N, M := n.Cfg.Neurons, n.Cfg.Inputs
	return &dcState{v: make([]float32, N), ge: make([]float32, N), gi: make([]float32, N), gi2: make([]float32, N),
		post1: make([]float32, N), post2: make([]float32, N), refr: make([]int32, N), pre: make([]float32, M), counts: make([]int, N)}
}

// normalize scales every column of W to sum dcColumnSum (the paper does
// this before each training image).
func (n *DiehlCook) normalize() {
	N, M := n.Cfg.Neurons, n.Cfg.Inputs
	w := n.W.Data()
	sums := make([]float64, N)
	for j := range M {
		for i, x := range w[j*N : (j+1)*N] {
			sums[i] += float64(x)
		}
	}
	f := make([]float32, N)
	for i, s := range sums {
		if s > 0 {
			f[i] = float32(dcColumnSum / s)
		}
	}
	for j := range M {
		row := w[j*N : (j+1)*N]
		for i := range row {
			row[i] *= f[i]
		}
	}
}

// Present shows one image (pixel intensities in [0, 1], length Inputs)
// for PresentMs, raising the input rate and showing it again while it
// draws fewer than 5 spikes (up to 8 times), then lets the network rest.
// It returns the spike count of each neuron during the last presentation.
// With learn set, weights and thresholds change (call it from one
// goroutine); without, Present only reads the network, so several
// goroutines may evaluate images at once. rng drives the input trains.
func (n *DiehlCook) Present(img []float32, learn bool, rng *rand.Rand) []int {
	return n.present(n.newState(), img, learn, rng)
}

func (n *DiehlCook) present(st *dcState, img []float32, learn bool, rng *rand.Rand) []int {
	if len(img) != n.Cfg.Inputs {
		panic(fmt.Sprintf("plasticity: DiehlCook.Present: image of %d values, network has %d inputs", len(img), n.Cfg.Inputs))
	}
	if learn {
		n.normalize()
	}
	rate := n.Cfg.MaxRate
	for try := 0; ; try++ {
		total := n.run(st, img, rate, learn, rng)
		if total >= dcMinSpikes || try == dcMaxRetries {
			break
		}
		rate += dcRateStep
	}
	return append([]int(nil), st.counts...)
}

// run simulates one presentation and the rest after it, returning the
// total number of excitatory spikes.
func (n *DiehlCook) run(st *dcState, img []float32, rate float32, learn bool, rng *rand.Rand) int {
	N := n.Cfg.Neurons
	dt := n.Cfg.Dt
	// Rest: the paper lets 150 ms pass with no input, which brings every
	// fast variable back near rest; here they are reset, and theta decays
	// exactly as it would over the rest.
	for i := range N {
		st.v[i], st.ge[i], st.gi[i], st.gi2[i], st.post1[i], st.post2[i], st.refr[i], st.counts[i] = dcVRest, 0, 0, 0, 0, 0, 0, 0
	}
	clear(st.pre)
	st.active, st.p = st.active[:0], st.p[:0]
	scale := rate * dt / 1000
	for j, x := range img {
		if x > 0 {
			st.active = append(st.active, int32(j))
			st.p = append(st.p, float32(x*scale))
		}
	}
	w := n.W.Data()
	theta := n.Theta
	steps := int(n.Cfg.PresentMs / dt)
	nref := int32(dcRefrac / dt)
	total := 0
	spikedPre := make([]int32, 0, 64)
	spikedPost := make([]int32, 0, 16)
	for range steps {
		// Input spikes: one draw per active pixel.
		spikedPre = spikedPre[:0]
		for k, p := range st.p {
			if rng.Float32() < p {
				spikedPre = append(spikedPre, st.active[k])
			}
		}
		for _, j := range spikedPre {
			row := w[int(j)*N : (int(j)+1)*N]
			for i, x := range row {
				st.ge[i] += x
			}
		}
		// Excitatory neurons (forward Euler on v).
		spikedPost = spikedPost[:0]
		for i := range N {
			if st.refr[i] > 0 {
				st.refr[i]--
			} else {
				// Backward Euler: v' = (a - b v)/tau_m with a = E_L + ge E_exc +
				// gi E_inh and b = 1 + ge + gi held over the step. Unlike forward
				// Euler it stays stable when a volley of lateral inhibition
				// makes b*dt/tau_m large.
				v := st.v[i]
				ge, gi := st.ge[i], st.gi[i]
				a := (float32(ge*dcEExc) + float32(gi*dcEInh)) + dcVRest
				b := (ge + gi) + 1
				v = (float32(n.dM*a) + v) / (float32(n.dM*b) + 1)
				if v > dcVTh+theta[i]-dcThetaOffset {
					v = dcVReset
					st.refr[i] = nref
					spikedPost = append(spikedPost, int32(i))
					st.counts[i]++
				}
				st.v[i] = v
			}
			st.ge[i] *= n.dE
			st.gi[i] = float32(st.gi[i]*n.dI) + st.gi2[i]
			st.gi2[i] = 0
		}
		total += len(spikedPost)
		// Lateral inhibition, felt from the next step on.
		for _, k := range spikedPost {
			for i := range N {
				if int32(i) != k {
					st.gi2[i] += dcInhib
				}
			}
		}
		if !learn {
			continue
		}
		// Traces decay, then the paper's rule.
		for _, j := range st.active {
			st.pre[j] *= n.dPre
		}
		for i := range N {
			st.post1[i] *= n.dP1
			st.post2[i] *= n.dP2
			theta[i] *= n.dTheta
		}
		for _, j := range spikedPre {
			st.pre[j] = 1
			row := w[int(j)*N : (int(j)+1)*N]
			for i, y := range st.post1 {
				if y != 0 {
					row[i] = max(row[i]-float32(dcNuPre*y), 0)
				}
			}
		}
		for _, i := range spikedPost {
			p2 := st.post2[i]
			if p2 != 0 {
				for _, j := range st.active {
					if x := st.pre[j]; x != 0 {
						k := int(j)*N + int(i)
						w[k] = min(w[k]+float32(float32(dcNuPost*x)*p2), dcWMax)
					}
				}
			}
			st.post1[i], st.post2[i] = 1, 1
			theta[i] += dcThetaPlus
		}
	}
	if learn {
		for i := range theta {
			theta[i] *= n.dThetaRest
		}
	}
	return total
}
