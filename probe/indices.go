package probe

import (
	"math"
)

// Selectivity indices. Negative responses count as zero (a rate cannot be
// negative); all functions take angles in degrees sampled evenly over the
// period (180 for orientation, 360 for direction) and responses of the same
// length.

// OSI is the orientation selectivity index 1 - circular variance
// (Ringach et al. 2002): |sum r e^{2i theta}| / sum r over orientations,
// 0 for an untuned unit and 1 for a unit that answers one orientation
// only. It also returns the preferred orientation of the vector sum, in
// [0, 180). Angles may span 180 or 360 degrees.
func OSI(anglesDeg, r []float64) (osi, prefDeg float64) {
	return vectorStrength(anglesDeg, r, 2)
}

// DSI is the direction selectivity index of the vector sum (1 - direction
// circular variance): |sum r e^{i theta}| / sum r over directions in
// [0, 360), and the direction of that sum.
func DSI(anglesDeg, r []float64) (dsi, prefDeg float64) {
	return vectorStrength(anglesDeg, r, 1)
}

func vectorStrength(anglesDeg, r []float64, k float64) (strength, prefDeg float64) {
	var sx, sy, sum float64
	for i, a := range anglesDeg {
		v := math.Max(r[i], 0)
		s, c := math.Sincos(k * rad(a))
		sx += v * c
		sy += v * s
		sum += v
	}
	if sum == 0 {
		return 0, 0
	}
	pref := math.Atan2(sy, sx) * 180 / math.Pi / k
	period := 360 / k
	pref = math.Mod(pref+period, period)
	return math.Hypot(sx, sy) / sum, pref
}

// PrefNullDSI is the classic direction index (Rpref - Rnull) / (Rpref +
// Rnull), Rpref the largest response and Rnull the response 180 degrees
// away, linearly interpolated between samples.
func PrefNullDSI(anglesDeg, r []float64) float64 {
	i := argmax(r)
	pref := math.Max(r[i], 0)
	null := math.Max(interpCircular(anglesDeg, r, anglesDeg[i]+180, 360), 0)
	if pref+null == 0 {
		return 0
	}
	return (pref - null) / (pref + null)
}

// PreferredAngle is the angle of the largest response refined by a parabola
// through it and its two circular neighbours, in [0, period).
func PreferredAngle(anglesDeg, r []float64, period float64) float64 {
	n := len(r)
	i := argmax(r)
	if n < 3 {
		return math.Mod(anglesDeg[i]+period, period)
	}
	step := period / float64(n)
	a, b, c := r[(i+n-1)%n], r[i], r[(i+1)%n]
	off := 0.0
	if den := a - 2*b + c; den < 0 {
		off = 0.5 * (a - c) / den
	}
	p := math.Mod(anglesDeg[i]+off*step, period)
	if p < 0 {
		p += period
	}
	return p
}

// HalfWidth is the tuning bandwidth as the half-width at half-height, in
// degrees: from the peak, the curve is followed both ways around the circle
// to where it falls to halfway between its minimum and its maximum (linear
// interpolation between samples), and the two distances are averaged. A
// curve that never falls that far on one side gets period/2 for that side;
// a flat curve gets period/2.
func HalfWidth(anglesDeg, r []float64, period float64) float64 {
	n := len(r)
	i := argmax(r)
	lo, hi := r[0], r[0]
	for _, v := range r {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi == lo || n < 2 {
		return period / 2
	}
	level := lo + (hi-lo)/2
	step := period / float64(n)
	side := func(dir int) float64 {
		prev := r[i]
		for k := 1; k <= n/2; k++ {
			v := r[((i+dir*k)%n+n)%n]
			if v <= level {
				return (float64(k-1) + (prev-level)/(prev-v)) * step
			}
			prev = v
		}
		return period / 2
	}
	return math.Min((side(-1)+side(1))/2, period/2)
}

// interpCircular returns r at angle a by linear interpolation between the
// evenly spaced samples around a circle of the given period.
func interpCircular(anglesDeg, r []float64, a, period float64) float64 {
	n := len(r)
	step := period / float64(n)
	u := math.Mod(a-anglesDeg[0], period)
	if u < 0 {
		u += period
	}
	k := int(math.Floor(u / step))
	f := u/step - float64(k)
	return r[k%n] + f*(r[(k+1)%n]-r[k%n])
}

// PeakValue returns x at the largest response of a non-circular curve
// (spatial frequency, speed, size), refined by a parabola in the index when
// the peak is interior, and the largest response itself.
func PeakValue(x, r []float64) (xPref, rMax float64) {
	i := argmax(r)
	xPref, rMax = x[i], r[i]
	if i == 0 || i == len(r)-1 {
		return xPref, rMax
	}
	a, b, c := r[i-1], r[i], r[i+1]
	if den := a - 2*b + c; den < 0 {
		off := 0.5 * (a - c) / den
		if off < 0 {
			xPref = x[i] + off*(x[i]-x[i-1])
		} else {
			xPref = x[i] + off*(x[i+1]-x[i])
		}
	}
	return xPref, rMax
}

// SuppressionIndex is the surround suppression of a size-tuning curve:
// (Rmax - Rlargest) / Rmax, Rlargest the response to the largest stimulus;
// 0 when the response never falls, up to 1 when the surround silences the
// unit (negative responses count as 0).
func SuppressionIndex(r []float64) float64 {
	peak := math.Max(r[argmax(r)], 0)
	if peak == 0 {
		return 0
	}
	return (peak - math.Max(r[len(r)-1], 0)) / peak
}

func argmax(r []float64) int {
	best := 0
	for i, v := range r {
		if v > r[best] {
			best = i
		}
	}
	return best
}
