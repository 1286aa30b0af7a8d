package cortex

import (
	"github.com/neurocortex/neurocortex/internal/fmath"

	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// GaborBank describes a bank of V1 simple-cell receptive fields,
//
//	g(x, y) = exp(-(x'^2 + Aspect^2 y'^2) / (2 sigma^2)) cos(2 pi f x' + phase)
//	x' = x cos(theta) + y sin(theta),  y' = -x sin(theta) + y cos(theta)
//
// with x to the right and y up, in pixels from the kernel centre. theta is
// the direction of the carrier's wave vector (the stripes run at
// theta + 90 degrees); orientation k of n is theta = k*pi/n. The envelope
// width follows the frequency at a fixed bandwidth in octaves (Daugman
// 1985; macaque V1 averages about 1.4 octaves, De Valois et al. 1982):
//
//	sigma = sqrt(ln 2 / 2) / (pi f) * (2^b + 1) / (2^b - 1).
//
// Each filter has its mean removed (no response to uniform light) and unit
// L2 norm. Phases 0 and pi/2 form quadrature pairs: their squared responses
// sum to the phase-invariant energy of a complex cell.
type GaborBank struct {
	Size         int       // odd kernel side, pixels
	Orientations int       // number of orientations over 180 degrees
	Frequencies  []float64 // spatial frequencies, cycles per pixel, in (0, 0.5)
	Phases       []float64 // carrier phases, radians; nil means {0, pi/2}
	Bandwidth    float64   // octaves; 0 means 1.4
	Aspect       float64   // envelope aspect ratio gamma; 0 means 1 (round)
}

// GaborSpec is the tuning of one filter of a bank.
type GaborSpec struct {
	Theta, Freq, Phase float64 // radians, cycles/pixel, radians
}

func (g GaborBank) phases() []float64 {
	if g.Phases == nil {
		return []float64{0, math.Pi / 2}
	}
	return g.Phases
}

func (g GaborBank) bandwidth() float64 {
	if g.Bandwidth == 0 {
		return 1.4
	}
	return g.Bandwidth
}

func (g GaborBank) aspect() float64 {
	if g.Aspect == 0 {
		return 1
	}
	return g.Aspect
}

// Len returns the number of filters.
func (g GaborBank) Len() int { return len(g.Frequencies) * g.Orientations * len(g.phases()) }

// Spec returns the tuning of filter i. Filters are ordered by frequency,
// then orientation, then phase: i = (fi*Orientations + oi)*len(Phases) + pi.
func (g GaborBank) Spec(i int) GaborSpec {
	ph := g.phases()
	np := len(ph)
	fi, oi, pi := i/(g.Orientations*np), i/np%g.Orientations, i%np
	return GaborSpec{Theta: float64(oi) * math.Pi / float64(g.Orientations), Freq: g.Frequencies[fi], Phase: ph[pi]}
}

// Sigma returns the envelope width in pixels for frequency f.
func (g GaborBank) Sigma(f float64) float64 {
	p := fmath.Exp(float64(g.bandwidth() * math.Ln2))
	return math.Sqrt(math.Ln2/2) / float64(math.Pi*f) * (p + 1) / (p - 1)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Validate reports the first field that is out of range.
func (g GaborBank) Validate() error {
	switch {
	case g.Size < 1 || g.Size%2 == 0 || g.Size > 255:
		return fmt.Errorf("cortex: GaborBank.Size = %d, want an odd side 1..255", g.Size)
	case g.Orientations < 1 || g.Orientations > 360:
		return fmt.Errorf("cortex: GaborBank.Orientations = %d, want 1..360", g.Orientations)
	case len(g.Frequencies) == 0:
		return fmt.Errorf("cortex: GaborBank.Frequencies is empty")
	case g.Phases != nil && len(g.Phases) == 0:
		return fmt.Errorf("cortex: GaborBank.Phases is empty (nil means the quadrature pair 0, pi/2)")
	case !(g.Bandwidth >= 0 && g.Bandwidth <= 8):
		return fmt.Errorf("cortex: GaborBank.Bandwidth = %v, want 0 (default 1.4) or up to 8 octaves", g.Bandwidth)
	case !(g.Aspect >= 0 && g.Aspect <= 10):
		return fmt.Errorf("cortex: GaborBank.Aspect = %v, want 0 (default 1) or up to 10", g.Aspect)
	}
	for i, f := range g.Frequencies {
		if !(f > 0 && f < 0.5) {
			return fmt.Errorf("cortex: GaborBank.Frequencies[%d] = %v, want a frequency in (0, 0.5) cycles/pixel", i, f)
		}
	}
	for i, p := range g.phases() {
		if !finite(p) {
			return fmt.Errorf("cortex: GaborBank.Phases[%d] = %v, want a finite phase", i, p)
		}
	}
	return nil
}

// Filters returns the bank as convolution weights [Len(), 1, Size, Size],
// row 0 of each kernel at the top (y = +(Size-1)/2).
func (g GaborBank) Filters() (*tensor.Tensor, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	s := g.Size
	out := tensor.New(g.Len(), 1, s, s)
	buf := make([]float64, s*s)
	for i := 0; i < g.Len(); i++ {
		sp := g.Spec(i)
		sigma := g.Sigma(sp.Freq)
		sn, cs := fmath.SinCos(sp.Theta)
		gaborFill(buf, s, sigma, g.aspect(), sn, cs, func(xp float64) float64 {
			_, c := fmath.SinCos(float64(2*math.Pi*float64(sp.Freq*xp)) + sp.Phase)
			return c
		})
		normalize64(buf)
		dst := out.Data()[i*s*s : (i+1)*s*s]
		for j, v := range buf {
			dst[j] = float32(v)
		}
	}
	return out, nil
}

// gaborFill writes envelope(x', y') * carrier(x') into buf (s x s,
// row-major, row 0 at the top).
func gaborFill(buf []float64, s int, sigma, aspect, sinT, cosT float64, carrier func(xp float64) float64) {
	c := s / 2
	inv := -1 / float64(2*float64(sigma*sigma))
	a2 := float64(aspect * aspect)
	for r := 0; r < s; r++ {
		y := float64(c - r)
		for col := 0; col < s; col++ {
			x := float64(col - c)
			xp := float64(x*cosT) + float64(y*sinT)
			yp := float64(y*cosT) - float64(x*sinT)
			env := fmath.Exp(float64(float64(float64(xp*xp)+float64(a2*float64(yp*yp))) * inv))
			buf[r*s+col] = float64(env * carrier(xp))
		}
	}
}

// normalize64 removes the mean of v and scales it to unit L2 norm (leaving
// an all-zero v as it is).
func normalize64(v []float64) {
	var mean float64
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	var ss float64
	for i := range v {
		v[i] -= mean
		ss += float64(v[i] * v[i])
	}
	if ss == 0 {
		return
	}
	inv := 1 / math.Sqrt(ss)
	for i := range v {
		v[i] = float64(v[i] * inv)
	}
}
