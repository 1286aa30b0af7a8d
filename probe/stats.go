package probe

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// Stats summarises a tensor for debugging. Mean, Std, Min and Max cover
// the finite values only; NaN and Inf are counted apart.
type Stats struct {
	Count    int     `json:"count"`
	Mean     float64 `json:"mean"`
	Std      float64 `json:"std"`
	Min      float64 `json:"min"`
	Max      float64 `json:"max"`
	FracZero float64 `json:"frac_zero"` // fraction of exact zeros (dead ReLUs)
	NaN      int     `json:"nan"`
	Inf      int     `json:"inf"`
}

// Finite reports whether the tensor had no NaN or Inf.
func (s Stats) Finite() bool { return s.NaN == 0 && s.Inf == 0 }

// Summarize computes the Stats of t (zero Stats for nil). Sums run in
// float64 in index order, so the result does not depend on the machine.
func Summarize(t *tensor.Tensor) Stats {
	var s Stats
	if t == nil {
		return s
	}
	d := t.Data()
	s.Count = len(d)
	s.Min, s.Max = math.Inf(1), math.Inf(-1)
	var sum float64
	zeros, finite := 0, 0
	for _, v := range d {
		f := float64(v)
		switch {
		case v != v:
			s.NaN++
			continue
		case math.IsInf(f, 0):
			s.Inf++
			continue
		}
		finite++
		sum += f
		s.Min, s.Max = math.Min(s.Min, f), math.Max(s.Max, f)
		if v == 0 {
			zeros++
		}
	}
	if finite == 0 {
		s.Min, s.Max = 0, 0
		return s
	}
	s.Mean = sum / float64(finite)
	var ss float64
	for _, v := range d {
		if f := float64(v); !math.IsNaN(f) && !math.IsInf(f, 0) {
			ss += (f - s.Mean) * (f - s.Mean)
		}
	}
	s.Std = math.Sqrt(ss / float64(finite))
	s.FracZero = float64(zeros) / float64(len(d))
	return s
}

// Named is a tensor with the name of the layer that produced it.
type Named struct {
	Name   string
	Tensor *tensor.Tensor
}

// LayerStats is the debug line of one layer: the statistics of its
// activations and, after a backward pass, of their gradient.
type LayerStats struct {
	Layer      string `json:"layer"`
	Shape      []int  `json:"shape"`
	Activation Stats  `json:"activation"`
	Gradient   *Stats `json:"gradient,omitempty"`
}

// Report summarises each layer's activation and, when grads has a tensor
// of the same name, its gradient.
func Report(acts, grads []Named) []LayerStats {
	g := map[string]*tensor.Tensor{}
	for _, n := range grads {
		g[n.Name] = n.Tensor
	}
	out := make([]LayerStats, 0, len(acts))
	for _, a := range acts {
		ls := LayerStats{Layer: a.Name, Activation: Summarize(a.Tensor)}
		if a.Tensor != nil {
			ls.Shape = a.Tensor.Shape()
		}
		if gt, ok := g[a.Name]; ok && gt != nil {
			s := Summarize(gt)
			ls.Gradient = &s
		}
		out = append(out, ls)
	}
	return out
}

// NonFiniteError names the first layer whose tensor held a NaN or an Inf.
type NonFiniteError struct {
	Layer string // name of the layer
	What  string // "activation" or "gradient"
	Index int    // flat index of the first bad value
	Value float32
	NaN   int // counts in that tensor
	Inf   int
}

func (e *NonFiniteError) Error() string {
	return fmt.Sprintf("probe: first non-finite %s in layer %q: %v at flat index %d (%d NaN, %d Inf in the tensor)",
		e.What, e.Layer, e.Value, e.Index, e.NaN, e.Inf)
}

// FirstNonFinite returns a *NonFiniteError for the first layer, in the
// given (forward) order, whose tensor holds a NaN or Inf, or nil. what says
// whether these are activations or gradients; for gradients pass the layers
// in backward order so that the culprit, not its victims, is named.
func FirstNonFinite(what string, layers []Named) error {
	for _, l := range layers {
		if l.Tensor == nil {
			continue
		}
		for i, v := range l.Tensor.Data() {
			if v != v || math.IsInf(float64(v), 0) {
				s := Summarize(l.Tensor)
				return &NonFiniteError{Layer: l.Name, What: what, Index: i, Value: v, NaN: s.NaN, Inf: s.Inf}
			}
		}
	}
	return nil
}
