package probe

import (
	"fmt"
	"math"
)

// Kind names a family of stimuli.
type Kind string

// The stimulus families of the tuning protocols.
const (
	KindGrating Kind = "grating"
	KindDots    Kind = "dots"
	KindBar     Kind = "bar"
	KindSpot    Kind = "spot"
)

// Protocol fixes what a tuning measurement does not vary.
type Protocol struct {
	Geometry Geometry
	SF       float64 // grating spatial frequency, cycles per pixel; 0 means 0.1
	Contrast float64 // 0 means 1
	Speed    float64 // drift or dot speed for sequences, pixels per frame; 0 means 1
	// Repeats averages each condition over this many stimuli: grating
	// phases evenly spaced over 360 degrees, or kinematogram seeds; 0 means 4.
	Repeats  int
	Radius   float64 // grating aperture radius, pixels; 0 is full field
	BarWidth float64 // 0 means 3 pixels
	Batch    int     // stimuli per Responder call; 0 means DefaultBatch
	Seed     uint64  // of the kinematograms
}

func (p Protocol) sf() float64 {
	if p.SF == 0 {
		return 0.1
	}
	return p.SF
}

func (p Protocol) contrast() float64 {
	if p.Contrast == 0 {
		return 1
	}
	return p.Contrast
}

func (p Protocol) speed() float64 {
	if p.Speed == 0 {
		return 1
	}
	return p.Speed
}

func (p Protocol) repeats() int {
	if p.Repeats <= 0 {
		return 4
	}
	return p.Repeats
}

// moving reports whether the protocol renders sequences.
func (p Protocol) moving() bool { return p.Geometry.Frames > 0 }

// Angles returns n angles evenly spaced over period degrees from 0.
func Angles(n int, period float64) []float64 {
	a := make([]float64, n)
	for i := range a {
		a[i] = float64(i) * period / float64(n)
	}
	return a
}

// grating returns the repeats of a grating along theta (phases evenly
// spaced); drifting when the protocol renders sequences.
func (p Protocol) gratings(theta, sf, contrast, radius float64) []Stimulus {
	n := p.repeats()
	out := make([]Stimulus, n)
	for k := range out {
		g := Grating{Orientation: theta, SF: sf, Contrast: contrast, Phase: 360 * float64(k) / float64(n), Radius: radius}
		if p.moving() {
			g.Speed = p.speed()
		}
		out[k] = g
	}
	return out
}

// stimuli returns the repeats of one condition of the given kind moving
// (or oriented) along theta at the given speed.
func (p Protocol) stimuli(kind Kind, theta, speed float64) ([]Stimulus, error) {
	n := p.repeats()
	out := make([]Stimulus, n)
	switch kind {
	case KindGrating:
		for k := range out {
			out[k] = Grating{Orientation: theta, SF: p.sf(), Contrast: p.contrast(), Phase: 360 * float64(k) / float64(n), Radius: p.Radius, Speed: speed}
		}
	case KindDots:
		for k := range out {
			out[k] = Dots{Direction: theta, Coherence: 1, Speed: speed, Contrast: p.contrast(), Seed: p.Seed + uint64(k)}
		}
	case KindBar:
		w := p.BarWidth
		if w == 0 {
			w = 3
		}
		for k := range out {
			b := SweepBar(theta, w, speed, p.contrast(), p.Geometry.frames())
			// Repeats shift the sweep by fractions of the bar width.
			b.Offset += float64(w * float64(k) / float64(n))
			out[k] = b
		}
	default:
		return nil, fmt.Errorf("probe: stimulus kind %q has no direction (want grating, dots or bar)", kind)
	}
	return out, nil
}

// measureConditions renders every condition (a group of repeats), measures
// it and returns the mean response per condition, R[condition][unit].
func measureConditions(f Responder, p Protocol, conds [][]Stimulus) ([][]float64, error) {
	var flat []Stimulus
	for _, c := range conds {
		flat = append(flat, c...)
	}
	r, err := Measure(f, p.Geometry, flat, p.Batch)
	if err != nil {
		return nil, err
	}
	out := make([][]float64, len(conds))
	k := 0
	for i, c := range conds {
		mean := make([]float64, len(r[k]))
		for range c {
			for u, v := range r[k] {
				mean[u] += v
			}
			k++
		}
		for u := range mean {
			mean[u] /= float64(len(c))
		}
		out[i] = mean
	}
	return out, nil
}

// OrientationTuning measures responses to gratings at n orientations over
// 180 degrees, each averaged over the protocol's phases. For sequences the
// gratings drift, and each orientation averages both directions of drift.
func OrientationTuning(f Responder, p Protocol, n int) (*Curves, error) {
	if n < 2 {
		return nil, fmt.Errorf("probe: OrientationTuning: %d orientations, want >= 2", n)
	}
	angles := Angles(n, 180)
	var conds [][]Stimulus
	for _, a := range angles {
		c := p.gratings(a, p.sf(), p.contrast(), p.Radius)
		if p.moving() {
			c = append(c, p.gratings(a+180, p.sf(), p.contrast(), p.Radius)...)
		}
		conds = append(conds, c)
	}
	r, err := measureConditions(f, p, conds)
	if err != nil {
		return nil, err
	}
	return &Curves{X: angles, R: transpose(r)}, nil
}

// DirectionTuning measures responses to n directions of motion over 360
// degrees with drifting gratings, coherent dots or sweeping bars at the
// protocol's speed. Static geometries can only show gratings at n
// orientations over 360, which have no direction: the curve then repeats
// with period 180 and the direction index is 0.
func DirectionTuning(f Responder, p Protocol, kind Kind, n int) (*Curves, error) {
	if n < 2 {
		return nil, fmt.Errorf("probe: DirectionTuning: %d directions, want >= 2", n)
	}
	speed := 0.0
	if p.moving() {
		speed = p.speed()
	} else if kind != KindGrating {
		return nil, fmt.Errorf("probe: DirectionTuning: %s needs sequences (Geometry.Frames > 0)", kind)
	}
	angles := Angles(n, 360)
	var conds [][]Stimulus
	for _, a := range angles {
		c, err := p.stimuli(kind, a, speed)
		if err != nil {
			return nil, err
		}
		conds = append(conds, c)
	}
	r, err := measureConditions(f, p, conds)
	if err != nil {
		return nil, err
	}
	return &Curves{X: angles, R: transpose(r)}, nil
}

// atPreferred measures a grid of conditions, angle x value, and returns for
// each unit the curve over values at its preferred angle (the angle with
// the largest mean response over values) and that angle.
func atPreferred(f Responder, p Protocol, angles, values []float64, cond func(angle, value float64) ([]Stimulus, error)) (*Curves, []float64, error) {
	if len(angles) == 0 || len(values) == 0 {
		return nil, nil, fmt.Errorf("probe: empty grid of %d angles x %d values", len(angles), len(values))
	}
	var conds [][]Stimulus
	for _, a := range angles {
		for _, v := range values {
			c, err := cond(a, v)
			if err != nil {
				return nil, nil, err
			}
			conds = append(conds, c)
		}
	}
	r, err := measureConditions(f, p, conds)
	if err != nil {
		return nil, nil, err
	}
	nv := len(values)
	units := len(r[0])
	curves := &Curves{X: append([]float64(nil), values...), R: make([][]float64, units)}
	pref := make([]float64, units)
	for u := 0; u < units; u++ {
		best, bestMean := 0, math.Inf(-1)
		for i := range angles {
			var m float64
			for j := 0; j < nv; j++ {
				m += r[i*nv+j][u]
			}
			if m > bestMean {
				best, bestMean = i, m
			}
		}
		pref[u] = angles[best]
		curves.R[u] = make([]float64, nv)
		for j := 0; j < nv; j++ {
			curves.R[u][j] = r[best*nv+j][u]
		}
	}
	return curves, pref, nil
}

// SpeedTuning measures each unit's responses to the given speeds (pixels
// per frame) at its preferred direction among n, with the given kind of
// moving stimulus; it returns the curves and the preferred directions.
func SpeedTuning(f Responder, p Protocol, kind Kind, n int, speeds []float64) (*Curves, []float64, error) {
	if !p.moving() {
		return nil, nil, fmt.Errorf("probe: SpeedTuning needs sequences (Geometry.Frames > 0)")
	}
	return atPreferred(f, p, Angles(n, 360), speeds, func(a, v float64) ([]Stimulus, error) { return p.stimuli(kind, a, v) })
}

// SFTuning measures each unit's responses to gratings of the given spatial
// frequencies (cycles per pixel) at its preferred orientation among n over
// 180 degrees.
func SFTuning(f Responder, p Protocol, n int, sfs []float64) (*Curves, []float64, error) {
	return atPreferred(f, p, Angles(n, 180), sfs, func(a, v float64) ([]Stimulus, error) {
		return p.gratings(a, v, p.contrast(), p.Radius), nil
	})
}

// ContrastTuning measures each unit's contrast response (Michelson
// contrasts in (0, 1]) to gratings at its preferred orientation among n.
// FitNakaRushton summarises each curve.
func ContrastTuning(f Responder, p Protocol, n int, contrasts []float64) (*Curves, []float64, error) {
	return atPreferred(f, p, Angles(n, 180), contrasts, func(a, v float64) ([]Stimulus, error) {
		return p.gratings(a, p.sf(), v, p.Radius), nil
	})
}

// SizeTuning measures each unit's responses to centred grating patches of
// the given radii (pixels) at its preferred orientation among n: the area
// summation curve whose fall at large sizes is surround suppression
// (SuppressionIndex).
func SizeTuning(f Responder, p Protocol, n int, radii []float64) (*Curves, []float64, error) {
	return atPreferred(f, p, Angles(n, 180), radii, func(a, v float64) ([]Stimulus, error) {
		return p.gratings(a, p.sf(), p.contrast(), v), nil
	})
}

// SpotSummation measures responses to centred spots of the given radii
// (pixels) and the protocol's contrast (negative for dark spots, which
// drive OFF cells): the area-summation curve of a centre-surround
// receptive field, which rises while the spot fills the centre and falls
// as it invades the surround.
func SpotSummation(f Responder, p Protocol, radii []float64) (*Curves, error) {
	var conds [][]Stimulus
	for _, r := range radii {
		conds = append(conds, []Stimulus{Spot{Radius: r, Contrast: p.contrast()}})
	}
	r, err := measureConditions(f, p, conds)
	if err != nil {
		return nil, err
	}
	return &Curves{X: append([]float64(nil), radii...), R: transpose(r)}, nil
}
