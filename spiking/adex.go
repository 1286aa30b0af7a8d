package spiking

import (
	"fmt"
	"math"
	"strings"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// AdExParams are the parameters of the adaptive exponential
// integrate-and-fire model (Brette & Gerstner 2005),
//
//	C dV/dt = -gL (V - EL) + gL DeltaT exp((V - VT)/DeltaT) - w + I
//	tauW dw/dt = a (V - EL) - w
//	if V >= VPeak: V <- VR, w <- w + b
//
// in pF, nS, mV, ms and pA (so I and w are in pA).
type AdExParams struct {
	C, GL, EL, VT, DeltaT float32
	A, TauW, B            float32
	VR, VPeak             float32
}

// DefaultAdEx returns the cortical pyramidal cell of Brette & Gerstner
// (2005): C 281 pF, gL 30 nS, EL -70.6 mV, VT -50.4 mV, DeltaT 2 mV,
// a 4 nS, tauW 144 ms, b 80.5 pA, VR = EL, VPeak 20 mV.
func DefaultAdEx() AdExParams {
	return AdExParams{C: 281, GL: 30, EL: -70.6, VT: -50.4, DeltaT: 2, A: 4, TauW: 144, B: 80.5, VR: -70.6, VPeak: 20}
}

// adexPresets are firing patterns of Naud, Marcille, Clopath & Gerstner
// (2008), Table 1, with the spike cut at VT + 5 DeltaT; the comment gives
// the step current (pA) that shows the pattern.
var adexPresets = map[string]AdExParams{
	"tonic":         {C: 200, GL: 10, EL: -70, VT: -50, DeltaT: 2, A: 2, TauW: 30, B: 0, VR: -58, VPeak: -40},    // 500 pA
	"adapting":      {C: 200, GL: 12, EL: -70, VT: -50, DeltaT: 2, A: 2, TauW: 300, B: 60, VR: -58, VPeak: -40},  // 500 pA
	"initial-burst": {C: 130, GL: 18, EL: -58, VT: -50, DeltaT: 2, A: 4, TauW: 150, B: 120, VR: -50, VPeak: -40}, // 400 pA
	"bursting":      {C: 200, GL: 10, EL: -58, VT: -50, DeltaT: 2, A: 2, TauW: 120, B: 100, VR: -46, VPeak: -40}, // 210 pA
}

// AdExPreset returns the named firing pattern (tonic, adapting,
// initial-burst, bursting; see Naud et al. 2008) or "default" (DefaultAdEx).
func AdExPreset(name string) (AdExParams, error) {
	name = strings.ToLower(name)
	if name == "default" || name == "" {
		return DefaultAdEx(), nil
	}
	p, ok := adexPresets[name]
	if !ok {
		return AdExParams{}, fmt.Errorf("spiking: unknown AdEx preset %q (have default, tonic, adapting, initial-burst, bursting)", name)
	}
	return p, nil
}

// Validate reports parameters that make no sense.
func (p AdExParams) Validate() error {
	for _, x := range []float32{p.C, p.GL, p.EL, p.VT, p.DeltaT, p.A, p.TauW, p.B, p.VR, p.VPeak} {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return fmt.Errorf("spiking: AdEx: non-finite parameter in %+v", p)
		}
	}
	switch {
	case !(p.C > 0) || !(p.GL > 0) || !(p.DeltaT > 0) || !(p.TauW > 0):
		return fmt.Errorf("spiking: AdEx: C, gL, DeltaT and tauW must be > 0 (%+v)", p)
	case !(p.VPeak > p.VR):
		return fmt.Errorf("spiking: AdEx: VPeak %v mV must exceed VR %v mV", p.VPeak, p.VR)
	}
	return nil
}

// AdEx is a population of adaptive exponential integrate-and-fire neurons
// integrated by forward Euler (both equations from the old state), with
// the exponential from simd.Exp so that results are portable.
type AdEx struct {
	P       AdExParams
	V, W, S *tensor.Tensor
	Threads int

	batch, n int
	dt       float32
	k        adexConst
	zeros    []float32
}

type adexConst struct {
	gl, el, vt, invDT, glDT, dtC, dtTau, a, b, vr, peak float32
}

// NewAdEx returns a population at V = EL, w = 0.
func NewAdEx(batch, n int, p AdExParams, dt float32) (*AdEx, error) {
	if err := checkShape("AdEx", batch, n, dt); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	m := &AdEx{P: p, batch: batch, n: n, dt: dt, V: tensor.New(batch, n), W: tensor.New(batch, n), S: tensor.New(batch, n)}
	m.k = adexConst{gl: p.GL, el: p.EL, vt: p.VT, invDT: 1 / p.DeltaT, glDT: p.GL * p.DeltaT,
		dtC: dt / p.C, dtTau: dt / p.TauW, a: p.A, b: p.B, vr: p.VR, peak: p.VPeak}
	m.Reset()
	return m, nil
}

// Reset sets V = EL, w = 0.
func (m *AdEx) Reset() {
	m.V.Fill(m.P.EL)
	m.W.Zero()
	m.S.Zero()
}

// Step advances the population by one step (input in pA); see Population.
func (m *AdEx) Step(input *tensor.Tensor) *tensor.Tensor {
	in := inputData("AdEx", input, m.batch, m.n, &m.zeros)
	v, w, s := m.V.Data(), m.W.Data(), m.S.Data()
	parallelFor(len(v), m.Threads, func(lo, hi int) {
		adexStep(v[lo:hi], w[lo:hi], s[lo:hi], in[lo:hi], &m.k)
	})
	return m.S
}

// adexStep is the AdEx update, in this order of float32 operations:
//
//	e  = Exp(min((v - vt)*invDT, 80))
//	dv = ((glDT*e - gl*(v - el)) - w) + in
//	dw = a*(v - el) - w
//	v  = dtC*dv + v;  w = dtTau*dw + w
//	if v >= peak { s = 1; v = vr; w = w + b } else { s = 0 }
func adexStep(v, w, s, in []float32, k *adexConst) {
	w = w[:len(v)]
	s = s[:len(v)]
	in = in[:len(v)]
	// The exponentials of a block are computed by simd.ExpTo, which has
	// the bits of simd.Exp and runs vectorised.
	var e [256]float32
	for lo := 0; lo < len(v); lo += len(e) {
		hi := min(lo+len(e), len(v))
		eb := e[:hi-lo]
		for i, x := range v[lo:hi] {
			eb[i] = min(float32((x-k.vt)*k.invDT), 80)
		}
		simd.ExpTo(eb, eb)
		for i := lo; i < hi; i++ {
			x, y := v[i], w[i]
			d := x - k.el
			dv := (float32(k.glDT*eb[i-lo]) - float32(k.gl*d) - y) + in[i]
			dw := float32(k.a*d) - y
			x = float32(k.dtC*dv) + x
			y = float32(k.dtTau*dw) + y
			if x >= k.peak {
				s[i] = 1
				x = k.vr
				y += k.b
			} else {
				s[i] = 0
			}
			v[i], w[i] = x, y
		}
	}
}

// Spikes returns the spikes of the last step.
func (m *AdEx) Spikes() *tensor.Tensor { return m.S }

// State returns "v" or "w".
func (m *AdEx) State(name string) *tensor.Tensor {
	switch name {
	case "v":
		return m.V
	case "w":
		return m.W
	}
	return nil
}

// Shape returns the batch size and neurons per sample.
func (m *AdEx) Shape() (int, int) { return m.batch, m.n }

// Dt returns the time step in ms.
func (m *AdEx) Dt() float32 { return m.dt }
