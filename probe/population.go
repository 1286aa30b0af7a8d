package probe

import (
	"fmt"
	"math"
	"sort"
)

// UnitTuning is the summary of one unit's direction (or orientation)
// tuning curve, in the JSON shape of `cortex tuning`.
type UnitTuning struct {
	Index      int       `json:"index"`
	Preferred  float64   `json:"preferred"` // degrees: orientation in [0, 180) or direction in [0, 360)
	OSI        float64   `json:"osi"`       // 1 - circular variance on doubled angles
	DSI        float64   `json:"dsi"`       // (Rpref - Rnull) / (Rpref + Rnull)
	Bandwidth  float64   `json:"bandwidth"` // half-width at half-height, degrees
	Peak       float64   `json:"peak"`      // largest response
	Responsive bool      `json:"responsive"`
	Curve      []float64 `json:"curve"` // responses at the summary's angles
}

// Quantity selects what a population summary is about.
type Quantity string

const (
	// Orientation summarises orientation: the preferred value and the
	// bandwidth come from the curve folded onto 180 degrees.
	Orientation Quantity = "orientation"
	// Direction summarises direction over 360 degrees.
	Direction Quantity = "direction"
)

// SummarizeUnits turns direction curves (angles evenly spaced over 360
// degrees) into per-unit summaries. A unit is responsive when its peak
// exceeds minPeak; the indices of an unresponsive unit are 0.
func SummarizeUnits(c *Curves, m Quantity, minPeak float64) ([]UnitTuning, error) {
	if c == nil || len(c.X) < 4 || len(c.X)%2 != 0 {
		return nil, fmt.Errorf("probe: SummarizeUnits needs an even number (>= 4) of directions over 360 degrees")
	}
	out := make([]UnitTuning, len(c.R))
	for u, r := range c.R {
		ut := UnitTuning{Index: u, Curve: r, Peak: r[argmax(r)]}
		ut.Responsive = ut.Peak > minPeak && spread(r) > 1e-9*math.Max(1, math.Abs(ut.Peak))
		if ut.Responsive {
			ut.OSI, _ = OSI(c.X, r)
			ut.DSI = PrefNullDSI(c.X, r)
			switch m {
			case Orientation:
				x, f := Fold(c.X, r)
				ut.Preferred = PreferredAngle(x, f, 180)
				ut.Bandwidth = HalfWidth(x, f, 180)
			default:
				ut.Preferred = PreferredAngle(c.X, r, 360)
				ut.Bandwidth = HalfWidth(c.X, r, 360)
			}
		}
		out[u] = ut
	}
	return out, nil
}

// Fold averages a direction curve over [0, 360) with its opposite
// direction, giving the orientation curve over [0, 180).
func Fold(anglesDeg, r []float64) (x, f []float64) {
	n := len(r) / 2
	x, f = make([]float64, n), make([]float64, n)
	for i := 0; i < n; i++ {
		x[i] = anglesDeg[i]
		f[i] = (r[i] + r[i+n]) / 2
	}
	return x, f
}

func spread(r []float64) float64 {
	lo, hi := r[0], r[0]
	for _, v := range r {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return hi - lo
}

// Physiological references for the population summary.
const (
	// V1OrientationHalfWidth is the typical half-width at half-height of
	// macaque V1 orientation tuning, degrees (Ringach, Shapley & Hawken
	// 2002, median about 20; De Valois et al. 1982).
	V1OrientationHalfWidth = 20.0
	// MTDirectionFullWidth is the typical full width at half-height of
	// macaque MT direction tuning, degrees (Albright 1984, about 90).
	MTDirectionFullWidth = 90.0
)

// Population summarises the tuning of an area and compares it with
// physiology.
type Population struct {
	Units      int     `json:"units"`
	Responsive int     `json:"responsive"`
	MedianOSI  float64 `json:"median_osi"`
	MedianDSI  float64 `json:"median_dsi"`
	// Fractions of responsive units that are selective by the usual
	// criteria (OSI > 0.2, DSI > 0.5).
	FracOrientationSelective float64 `json:"frac_orientation_selective"`
	FracDirectionSelective   float64 `json:"frac_direction_selective"`
	// Bandwidths of the responsive units, degrees.
	MedianHalfWidth float64 `json:"median_half_width"`
	MedianFullWidth float64 `json:"median_full_width"`
	// The comparison: which width is compared, its physiological value,
	// the model's and how far the model is (model / reference).
	Compared   string  `json:"compared"`
	Reference  float64 `json:"reference"`
	Model      float64 `json:"model"`
	Ratio      float64 `json:"ratio"`
	Verdict    string  `json:"verdict"`
	Source     string  `json:"source"`
	Definition string  `json:"definitions"`
}

// SummarizePopulation computes the population summary of units measured for m.
func SummarizePopulation(units []UnitTuning, m Quantity) Population {
	p := Population{Units: len(units)}
	var osi, dsi, hw []float64
	nos, nds := 0, 0
	for _, u := range units {
		if !u.Responsive {
			continue
		}
		p.Responsive++
		osi = append(osi, u.OSI)
		dsi = append(dsi, u.DSI)
		hw = append(hw, u.Bandwidth)
		if u.OSI > 0.2 {
			nos++
		}
		if u.DSI > 0.5 {
			nds++
		}
	}
	p.Definition = "osi = 1 - circular variance of the responses on doubled angles; dsi = (Rpref - Rnull)/(Rpref + Rnull); " +
		"half width = half-width at half-height above the curve's minimum, linearly interpolated; negative responses count as 0"
	if p.Responsive == 0 {
		p.Verdict = "no responsive units: nothing to compare"
		return p
	}
	p.MedianOSI, p.MedianDSI = median(osi), median(dsi)
	p.FracOrientationSelective = float64(nos) / float64(p.Responsive)
	p.FracDirectionSelective = float64(nds) / float64(p.Responsive)
	p.MedianHalfWidth = median(hw)
	p.MedianFullWidth = 2 * p.MedianHalfWidth
	if m == Orientation {
		p.Compared = "median orientation half-width at half-height (degrees)"
		p.Reference, p.Model = V1OrientationHalfWidth, p.MedianHalfWidth
		p.Source = "macaque V1: Ringach, Shapley & Hawken (2002); De Valois, Yund & Hepler (1982)"
	} else {
		p.Compared = "median direction full width at half-height (degrees)"
		p.Reference, p.Model = MTDirectionFullWidth, p.MedianFullWidth
		p.Source = "macaque MT: Albright (1984)"
	}
	p.Ratio = p.Model / p.Reference
	p.Verdict = verdict(p.Ratio)
	return p
}

func verdict(ratio float64) string {
	switch {
	case ratio >= 0.8 && ratio <= 1.25:
		return fmt.Sprintf("within 25%% of physiology (%.2fx)", ratio)
	case ratio > 1:
		return fmt.Sprintf("%.2fx broader than physiology", ratio)
	default:
		return fmt.Sprintf("%.2fx narrower than physiology", 1/ratio)
	}
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
