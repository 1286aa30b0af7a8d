package viz

import (
	"math"
	"strconv"
)

// niceStep returns the tick step 1, 2 or 5 times a power of ten that puts
// at most maxTicks intervals on a span, and the number of decimals its
// labels need. It finds the decade by multiplying and dividing by ten
// rather than with math.Log10, so the ticks are the same on every platform.
func niceStep(span float64, maxTicks int) (step float64, decimals int) {
	if !(span > 0) || math.IsInf(span, 0) {
		return 1, 0
	}
	raw := span / float64(maxTicks)
	p := 1.0
	for p*10 <= raw {
		p *= 10
		decimals--
	}
	for p > raw {
		p /= 10
		decimals++
	}
	for _, m := range []float64{1, 2, 5, 10} {
		if float64(m*p) >= raw {
			step = float64(m * p)
			if m == 10 {
				decimals--
			}
			break
		}
	}
	return step, max(decimals, 0)
}

// ticks returns the multiples of a nice step inside [lo, hi].
func ticks(lo, hi float64, maxTicks int) (vals []float64, decimals int) {
	step, dec := niceStep(hi-lo, maxTicks)
	first := math.Ceil(lo/step - 1e-9)
	for k := first; ; k++ {
		v := float64(k * step)
		if v > hi+step*1e-9 {
			break
		}
		if math.Abs(v) < step*1e-9 {
			v = 0 // no "-0"
		}
		vals = append(vals, v)
		if len(vals) > 4*maxTicks {
			break
		}
	}
	return vals, dec
}

// formatTick writes v with the given number of decimals, or in exponent
// form when the magnitude makes fixed notation unreadable.
func formatTick(v float64, decimals int) string {
	a := math.Abs(v)
	if a != 0 && (a >= 1e6 || decimals > 5) {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// niceRange widens [lo, hi] to the enclosing nice ticks and makes a
// degenerate range (one value, or none) a unit-wide one.
func niceRange(lo, hi float64, maxTicks int) (float64, float64) {
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) || math.IsNaN(lo) || math.IsNaN(hi) {
		return 0, 1
	}
	if lo == hi {
		d := math.Max(math.Abs(lo)*0.1, 0.5)
		return lo - d, hi + d
	}
	step, _ := niceStep(hi-lo, maxTicks)
	return float64(math.Floor(lo/step+1e-9) * step), float64(math.Ceil(hi/step-1e-9) * step)
}
