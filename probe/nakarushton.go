package probe

import (
	"fmt"
	"math"
)

// NakaRushton is the contrast response function
//
//	R(c) = R0 + Rmax c^N / (c^N + C50^N)
//
// (Albrecht & Hamilton 1982): C50 is the contrast at half the maximal
// response and N the exponent that sets the steepness.
type NakaRushton struct {
	Rmax, C50, N, R0 float64
	RMSE             float64 // root-mean-square residual of the fit
}

// Eval returns R(c).
func (m NakaRushton) Eval(c float64) float64 {
	if c <= 0 {
		return m.R0
	}
	cn := math.Pow(c, m.N)
	return m.R0 + m.Rmax*cn/(cn+math.Pow(m.C50, m.N))
}

// Search ranges of the fit.
const (
	nrMinN, nrMaxN     = 0.5, 8
	nrMinC50, nrMaxC50 = 1e-3, 4
)

// FitNakaRushton fits R(c) to responses r at contrasts c by least squares.
// For fixed (C50, N) the model is linear in (R0, Rmax), solved exactly;
// (C50, N) is found by a grid over log C50 in [0.001, 4] and log N in
// [0.5, 8], refined by four rounds of a finer grid around the best point.
// No randomness and no iteration from a guess: the same data always give
// the same fit. With baseline false, R0 is held at 0. It needs at least
// three contrasts (four with a baseline), all positive.
func FitNakaRushton(c, r []float64, baseline bool) (NakaRushton, error) {
	if len(c) != len(r) {
		return NakaRushton{}, fmt.Errorf("probe: FitNakaRushton: %d contrasts, %d responses", len(c), len(r))
	}
	need := 3
	if baseline {
		need = 4
	}
	if len(c) < need {
		return NakaRushton{}, fmt.Errorf("probe: FitNakaRushton: %d points, want at least %d", len(c), need)
	}
	for i, v := range c {
		if !(v > 0) || math.IsInf(v, 0) || math.IsNaN(r[i]) || math.IsInf(r[i], 0) {
			return NakaRushton{}, fmt.Errorf("probe: FitNakaRushton: point %d (c=%v, r=%v): want c > 0 and finite values", i, v, r[i])
		}
	}
	best := NakaRushton{RMSE: math.Inf(1)}
	try := func(lc50, ln float64) {
		m := nrLinear(c, r, math.Exp(lc50), math.Exp(ln), baseline)
		if m.RMSE < best.RMSE {
			best = m
		}
	}
	const steps = 48
	l0, l1 := math.Log(nrMinC50), math.Log(nrMaxC50)
	n0, n1 := math.Log(nrMinN), math.Log(nrMaxN)
	dc, dn := (l1-l0)/steps, (n1-n0)/steps
	for i := 0; i <= steps; i++ {
		for j := 0; j <= steps; j++ {
			try(l0+float64(i)*dc, n0+float64(j)*dn)
		}
	}
	for round := 0; round < 4; round++ {
		lc, ln := math.Log(best.C50), math.Log(best.N)
		for i := -8; i <= 8; i++ {
			for j := -8; j <= 8; j++ {
				a, b := lc+float64(i)*dc/8, ln+float64(j)*dn/8
				if a >= l0 && a <= l1 && b >= n0 && b <= n1 {
					try(a, b)
				}
			}
		}
		dc, dn = dc/8, dn/8
	}
	return best, nil
}

// nrLinear solves for (R0, Rmax) at fixed (c50, n) and returns the model
// with its residual.
func nrLinear(c, r []float64, c50, n float64, baseline bool) NakaRushton {
	k := float64(len(c))
	g := make([]float64, len(c))
	cn50 := math.Pow(c50, n)
	var sg, sgg, sr, sgr float64
	for i, v := range c {
		vn := math.Pow(v, n)
		g[i] = vn / (vn + cn50)
		sg += g[i]
		sgg += g[i] * g[i]
		sr += r[i]
		sgr += g[i] * r[i]
	}
	m := NakaRushton{C50: c50, N: n}
	if baseline {
		det := k*sgg - sg*sg
		if det <= 1e-300 {
			m.RMSE = math.Inf(1)
			return m
		}
		m.Rmax = (k*sgr - sg*sr) / det
		m.R0 = (sr - m.Rmax*sg) / k
	} else {
		if sgg == 0 {
			m.RMSE = math.Inf(1)
			return m
		}
		m.Rmax = sgr / sgg
	}
	var ss float64
	for i := range c {
		e := r[i] - m.R0 - m.Rmax*g[i]
		ss += e * e
	}
	m.RMSE = math.Sqrt(ss / k)
	return m
}
