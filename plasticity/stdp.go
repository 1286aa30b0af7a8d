package plasticity

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/spiking"
	"github.com/neurocortex/neurocortex/tensor"
)

// Pairing says which spike pairs STDP counts.
type Pairing int

const (
	// AllToAll counts every pre/post pair: each spike adds 1 to its trace.
	AllToAll Pairing = iota
	// Nearest counts, for each spike, only the nearest earlier spike on the
	// other side: each spike sets its trace to 1 (Morrison et al. 2008,
	// symmetric nearest-spike interaction).
	Nearest
)

// Dependence says how the weight change depends on the weight.
type Dependence int

const (
	// Additive changes are independent of w (then clipped to the bounds):
	// competitive, bimodal weight distributions (Song et al. 2000).
	Additive Dependence = iota
	// Multiplicative (soft-bound) changes scale with the distance to the
	// bound: LTP by (WMax - w), LTD by (w - WMin) (van Rossum et al. 2000).
	Multiplicative
)

// STDPParams are the parameters of pair-based STDP,
//
//	dw = +APlus  exp(-dt/TauPlus)   for dt = t_post - t_pre >= 0 (pre before post: potentiation)
//	dw = -AMinus exp(+dt/TauMinus)  for dt < 0 (post before pre: depression)
//
// with hard bounds [WMin, WMax]. AMinus is a positive magnitude.
type STDPParams struct {
	APlus, AMinus     float32
	TauPlus, TauMinus float32 // ms
	WMin, WMax        float32
	Pairing           Pairing
	Dependence        Dependence
}

// DefaultSTDP returns A+ = 0.01, A- = 0.0105 (A-/A+ = 1.05, as in Song,
// Miller & Abbott 2000), tau+ = tau- = 20 ms, bounds [0, 1], all-to-all,
// additive.
func DefaultSTDP() STDPParams {
	return STDPParams{APlus: 0.01, AMinus: 0.0105, TauPlus: 20, TauMinus: 20, WMin: 0, WMax: 1}
}

// Validate reports parameters that make no sense.
func (p STDPParams) Validate() error {
	for _, x := range []float32{p.APlus, p.AMinus, p.TauPlus, p.TauMinus, p.WMin, p.WMax} {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return fmt.Errorf("plasticity: STDP: non-finite parameter in %+v", p)
		}
	}
	switch {
	case !(p.TauPlus > 0) || !(p.TauMinus > 0):
		return fmt.Errorf("plasticity: STDP: time constants %v, %v ms must be > 0", p.TauPlus, p.TauMinus)
	case p.APlus < 0 || p.AMinus < 0:
		return fmt.Errorf("plasticity: STDP: amplitudes %v, %v must be >= 0 (A- is a magnitude)", p.APlus, p.AMinus)
	case !(p.WMax >= p.WMin):
		return fmt.Errorf("plasticity: STDP: bounds [%v, %v] are empty", p.WMin, p.WMax)
	case p.Pairing != AllToAll && p.Pairing != Nearest:
		return fmt.Errorf("plasticity: STDP: unknown pairing %d", p.Pairing)
	case p.Dependence != Additive && p.Dependence != Multiplicative:
		return fmt.Errorf("plasticity: STDP: unknown weight dependence %d", p.Dependence)
	}
	return nil
}

// Window returns the weight change of a single pair at dt = t_post - t_pre
// (ms) for a weight w far from the bounds in the additive case, and for
// the given w in the multiplicative case: the STDP window.
func (p STDPParams) Window(dt, w float64) float64 {
	if dt >= 0 {
		a := float64(p.APlus) * math.Exp(-dt/float64(p.TauPlus))
		if p.Dependence == Multiplicative {
			a *= float64(p.WMax) - w
		}
		return a
	}
	a := -float64(p.AMinus) * math.Exp(dt/float64(p.TauMinus))
	if p.Dependence == Multiplicative {
		a *= w - float64(p.WMin)
	}
	return a
}

// STDP applies pair-based STDP with exponentially decaying traces: a
// presynaptic trace x per input (time constant TauPlus) and a
// postsynaptic trace y per output (TauMinus), one set per batch sample.
//
// Each step, in this order: both traces decay by exp(-dt/tau); for every
// presynaptic spike, x is bumped (x+1 or x=1) and its row of W is
// depressed by AMinus*y (posts strictly earlier); for every postsynaptic
// spike, y is bumped and its column of W is potentiated by APlus*x (pres
// earlier or simultaneous). Weights are clipped to [WMin, WMax] after each
// change. Samples are processed in batch order.
type STDP struct {
	P        STDPParams
	Pre      *tensor.Tensor // x, [batch, pre]
	Post     *tensor.Tensor // y, [batch, post]
	dp, dm   float32        // trace decay per step
	batch    int
	npre, np int
}

// NewSTDP returns the rule with zero traces for a [pre, post] weight
// tensor, a batch of the given size and time step dt (ms).
func NewSTDP(p STDPParams, batch, pre, post int, dt float32) (*STDP, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if batch <= 0 || pre <= 0 || post <= 0 || !(dt > 0) {
		return nil, fmt.Errorf("plasticity: STDP: batch %d, pre %d, post %d, dt %v: all must be > 0", batch, pre, post, dt)
	}
	return &STDP{P: p, Pre: tensor.New(batch, pre), Post: tensor.New(batch, post),
		dp: spiking.Decay(dt, p.TauPlus), dm: spiking.Decay(dt, p.TauMinus), batch: batch, npre: pre, np: post}, nil
}

// Reset clears the traces.
func (s *STDP) Reset() {
	s.Pre.Zero()
	s.Post.Zero()
}

// Step applies one time step of the rule to w [pre, post] given the spikes
// of this step, pre [batch, pre] and post [batch, post] (zeros and ones).
func (s *STDP) Step(w, pre, post *tensor.Tensor) {
	if w.Size() != s.npre*s.np || pre.Size() != s.batch*s.npre || post.Size() != s.batch*s.np {
		panic(fmt.Sprintf("plasticity: STDP.Step: w %v, pre %v, post %v; want [%d %d], [%d %d], [%d %d]",
			w.Shape(), pre.Shape(), post.Shape(), s.npre, s.np, s.batch, s.npre, s.batch, s.np))
	}
	x, y := s.Pre.Data(), s.Post.Data()
	for i := range x {
		x[i] *= s.dp
	}
	for i := range y {
		y[i] *= s.dm
	}
	wd, ps, qs := w.Data(), pre.Data(), post.Data()
	p := s.P
	mult := p.Dependence == Multiplicative
	for b := range s.batch {
		xb, yb := x[b*s.npre:(b+1)*s.npre], y[b*s.np:(b+1)*s.np]
		for j, sp := range ps[b*s.npre : (b+1)*s.npre] {
			if sp == 0 {
				continue
			}
			xb[j] = bump(xb[j], p.Pairing)
			row := wd[j*s.np : (j+1)*s.np]
			for i, yi := range yb {
				if yi == 0 {
					continue
				}
				d := float32(p.AMinus * yi)
				if mult {
					d = float32(d * (row[i] - p.WMin))
				}
				row[i] = clip(row[i]-d, p.WMin, p.WMax)
			}
		}
		for i, sp := range qs[b*s.np : (b+1)*s.np] {
			if sp == 0 {
				continue
			}
			yb[i] = bump(yb[i], p.Pairing)
			for j, xj := range xb {
				if xj == 0 {
					continue
				}
				k := j*s.np + i
				d := float32(p.APlus * xj)
				if mult {
					d = float32(d * (p.WMax - wd[k]))
				}
				wd[k] = clip(wd[k]+d, p.WMin, p.WMax)
			}
		}
	}
}

func bump(x float32, p Pairing) float32 {
	if p == Nearest {
		return 1
	}
	return x + 1
}

func clip(x, lo, hi float32) float32 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}
