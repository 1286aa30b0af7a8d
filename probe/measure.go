package probe

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// A Responder returns the responses of a set of units to a batch of
// stimuli: any tensor whose first dimension is the batch size; the rest is
// flattened into units (so [N, U], [N, C, H, W] and [N, T, U] all work, in
// row-major order). It is how a probe sees a model: a closure over
// cortex.System that picks one area, or a hand-made unit in a test.
type Responder func(stim *tensor.Tensor) (*tensor.Tensor, error)

// DefaultBatch is the number of stimuli rendered per Responder call when a
// protocol does not say.
const DefaultBatch = 32

// Measure renders stims in batches of batch (0 means DefaultBatch), feeds
// them to f and returns the responses, R[stimulus][unit]. Every call must
// return the same number of units, and every response must be finite.
func Measure(f Responder, g Geometry, stims []Stimulus, batch int) ([][]float64, error) {
	if batch <= 0 {
		batch = DefaultBatch
	}
	out := make([][]float64, 0, len(stims))
	units := -1
	for lo := 0; lo < len(stims); lo += batch {
		hi := min(lo+batch, len(stims))
		x, err := Render(g, stims[lo:hi]...)
		if err != nil {
			return nil, err
		}
		y, err := f(x)
		if err != nil {
			return nil, fmt.Errorf("probe: responder on stimuli %d..%d: %w", lo, hi-1, err)
		}
		n := hi - lo
		if y == nil || y.Dims() == 0 || y.Dim(0) != n || y.Size()%n != 0 {
			var sh []int
			if y != nil {
				sh = y.Shape()
			}
			return nil, fmt.Errorf("probe: responder returned shape %v for %d stimuli, want [%d, ...]", sh, n, n)
		}
		u := y.Size() / n
		if units >= 0 && u != units {
			return nil, fmt.Errorf("probe: responder returned %d units, earlier %d", u, units)
		}
		units = u
		d := y.Data()
		for i := 0; i < n; i++ {
			row := make([]float64, u)
			for j := range row {
				v := float64(d[i*u+j])
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, fmt.Errorf("probe: responder gave %v for unit %d of stimulus %d", v, j, lo+i)
				}
				row[j] = v
			}
			out = append(out, row)
		}
	}
	return out, nil
}

// Curves are tuning curves of a population: R[unit][i] is the response of
// unit to the stimulus with parameter X[i].
type Curves struct {
	X []float64
	R [][]float64
}

// Units returns the number of units.
func (c *Curves) Units() int { return len(c.R) }

// transpose turns R[stimulus][unit] into R[unit][stimulus].
func transpose(r [][]float64) [][]float64 {
	if len(r) == 0 {
		return nil
	}
	out := make([][]float64, len(r[0]))
	for u := range out {
		out[u] = make([]float64, len(r))
		for s := range r {
			out[u][s] = r[s][u]
		}
	}
	return out
}

// Blank is a uniform field of mean luminance (0 means 0.5): the stimulus
// of spontaneous activity.
type Blank struct{ Mean float64 }

// Frame implements Stimulus.
func (b Blank) Frame(dst []float32, h, w, t int) {
	for i := range dst[:h*w] {
		dst[i] = float32(meanOr(b.Mean))
	}
}

// Spontaneous returns each unit's response to a blank field of mean
// luminance: the baseline physiologists subtract before computing
// selectivity indices, so that a unit's resting output does not pass for
// untuned response.
func Spontaneous(f Responder, g Geometry) ([]float64, error) {
	r, err := Measure(f, g, []Stimulus{Blank{}}, 1)
	if err != nil {
		return nil, err
	}
	return r[0], nil
}

// Subtract returns the curves minus a per-unit baseline.
func (c *Curves) Subtract(base []float64) (*Curves, error) {
	if len(base) != len(c.R) {
		return nil, fmt.Errorf("probe: Subtract: %d baselines for %d units", len(base), len(c.R))
	}
	out := &Curves{X: c.X, R: make([][]float64, len(c.R))}
	for u, r := range c.R {
		out.R[u] = make([]float64, len(r))
		for i, v := range r {
			out.R[u][i] = v - base[u]
		}
	}
	return out, nil
}
