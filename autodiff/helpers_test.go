package autodiff

import (
	"math/rand/v2"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// project returns sum(y * R) for a fixed pseudo-random R of y's shape, so
// that a gradient check exercises every output element with its own
// weight. R depends only on y's shape, so f stays deterministic.
func project(tp *Tape, y *Var) *Var {
	r := tensor.RandUniform(tensor.NewRNG(99, uint64(y.Value.Size())), -1, 1, y.Value.Shape()...)
	return tp.Sum(tp.Mul(y, Const(r)), nil, false)
}

// randn returns a tensor of normal values from a seed.
func randn(seed uint64, shape ...int) *tensor.Tensor {
	return tensor.RandNormal(tensor.NewRNG(seed, 1), 0, 1, shape...)
}

// randAway returns uniform values in [lo, hi) whose magnitude is at least
// gap, keeping gradient checks away from kinks at 0.
func randAway(seed uint64, lo, hi, gap float32, shape ...int) *tensor.Tensor {
	rng := rand.New(rand.NewPCG(seed, 2))
	t := tensor.New(shape...)
	d := t.Data()
	for i := range d {
		for {
			v := lo + (hi-lo)*rng.Float32()
			if v >= gap || v <= -gap {
				d[i] = v
				break
			}
		}
	}
	return t
}

// gradCase is one gradient check: f over inputs xs.
type gradCase struct {
	name     string
	xs       []*tensor.Tensor
	f        func(tp *Tape, x []*Var) *Var
	eps, tol float64
}

func runGradCases(t *testing.T, cases []gradCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eps, tol := c.eps, c.tol
			if eps == 0 {
				eps = 1e-2
			}
			if tol == 0 {
				tol = 1e-2
			}
			if err := GradCheck(c.f, c.xs, eps, tol); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func shapeName(s []int) string {
	if len(s) == 0 {
		return "scalar"
	}
	out := ""
	for i, d := range s {
		if i > 0 {
			out += "."
		}
		out += itoa(d)
	}
	return out
}

func axesName(axes []int, keep bool) string {
	s := "all"
	if len(axes) > 0 {
		s = shapeName(axes)
	}
	if keep {
		s += "/keep"
	}
	return s
}

func itoa(d int) string {
	if d < 0 {
		return "-" + itoa(-d)
	}
	if d < 10 {
		return string(rune('0' + d))
	}
	return itoa(d/10) + string(rune('0'+d%10))
}
