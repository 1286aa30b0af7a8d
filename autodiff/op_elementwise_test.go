package autodiff

import (
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestGradBinary(t *testing.T) {
	type bin func(tp *Tape, a, b *Var) *Var
	ops := map[string]bin{
		"Add": (*Tape).Add, "Sub": (*Tape).Sub, "Mul": (*Tape).Mul, "Div": (*Tape).Div,
	}
	shapes := [][2][]int{
		{{3, 4}, {3, 4}},
		{{2, 3, 5}, {5}},       // trailing broadcast
		{{4, 1, 3}, {1, 2, 1}}, // both sides broadcast
		{{1}, {2, 3}},          // scalar-like on the left
		{{7}, {}},              // rank-0 right
	}
	var cases []gradCase
	for name, op := range ops {
		for i, s := range shapes {
			a := randn(uint64(10+i), s[0]...)
			b := randn(uint64(20+i), s[1]...)
			if name == "Div" {
				b = randAway(uint64(30+i), -2, 2, 0.5, s[1]...)
			}
			op := op
			cases = append(cases, gradCase{
				name: name + "/" + shapeName(s[0]) + "x" + shapeName(s[1]),
				xs:   []*tensor.Tensor{a, b},
				f:    func(tp *Tape, x []*Var) *Var { return project(tp, op(tp, x[0], x[1])) },
			})
		}
	}
	cases = append(cases,
		gradCase{name: "AddScalar", xs: []*tensor.Tensor{randn(1, 3, 5)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.AddScalar(x[0], 2.5)) }},
		gradCase{name: "MulScalar", xs: []*tensor.Tensor{randn(2, 3, 5)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.MulScalar(x[0], -1.75)) }},
		gradCase{name: "SubScalarNeg", xs: []*tensor.Tensor{randn(3, 4)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Neg(tp.SubScalar(x[0], 1))) }},
		// The same Var used twice: gradients from both uses accumulate.
		gradCase{name: "MulSelf", xs: []*tensor.Tensor{randn(4, 2, 3)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Mul(x[0], tp.Add(x[0], x[0]))) }},
	)
	runGradCases(t, cases)
}

func TestGradUnary(t *testing.T) {
	pos := randAway(5, 0.2, 3, 0.2, 3, 7)
	away := randAway(6, -3, 3, 0.1, 3, 7)
	un := func(name string, x *tensor.Tensor, g func(tp *Tape, v *Var) *Var) gradCase {
		return gradCase{name: name, xs: []*tensor.Tensor{x}, f: func(tp *Tape, v []*Var) *Var { return project(tp, g(tp, v[0])) }}
	}
	runGradCases(t, []gradCase{
		un("ReLU", away, (*Tape).ReLU),
		un("LeakyReLU", away, func(tp *Tape, v *Var) *Var { return tp.LeakyReLU(v, 0.1) }),
		un("Sigmoid", away, (*Tape).Sigmoid),
		un("Tanh", away, (*Tape).Tanh),
		un("Softplus", away, (*Tape).Softplus),
		un("Exp", away, (*Tape).Exp),
		un("Log", pos, (*Tape).Log),
		un("Sqrt", pos, (*Tape).Sqrt),
		un("Abs", away, (*Tape).Abs),
		un("Pow3", away, func(tp *Tape, v *Var) *Var { return tp.Pow(v, 3) }),
		un("Pow1.5", pos, func(tp *Tape, v *Var) *Var { return tp.Pow(v, 1.5) }),
		un("PowNeg2", pos, func(tp *Tape, v *Var) *Var { return tp.Pow(v, -2) }),
		un("Clamp", randAway(7, -3, 3, 0.1, 5, 4), func(tp *Tape, v *Var) *Var { return tp.Clamp(v, -1.05, 0.95) }),
	})
}

func TestGradReduce(t *testing.T) {
	type red func(tp *Tape, x *Var, axes []int, keep bool) *Var
	reds := []struct {
		name string
		f    red
	}{{"Sum", (*Tape).Sum}, {"Mean", (*Tape).Mean}, {"Max", (*Tape).Max}}
	axesCases := []struct {
		axes []int
		keep bool
	}{{nil, false}, {[]int{1}, false}, {[]int{0, 2}, true}, {[]int{-1}, true}}
	var cases []gradCase
	for _, r := range reds {
		for i, a := range axesCases {
			r, a := r, a
			// Distinct values far apart so that Max has no near-ties.
			x := tensor.New(3, 4, 5)
			perm := tensor.NewRNG(uint64(i), 3).Perm(x.Size())
			for j, p := range perm {
				x.Data()[j] = float32(p)*0.25 - 7
			}
			cases = append(cases, gradCase{
				name: r.name + "/" + axesName(a.axes, a.keep),
				xs:   []*tensor.Tensor{x},
				f: func(tp *Tape, v []*Var) *Var {
					y := r.f(tp, v[0], a.axes, a.keep)
					if y.Value.Size() == 1 {
						return tp.MulScalar(y, 1.5)
					}
					return project(tp, y)
				},
			})
		}
	}
	runGradCases(t, cases)
}
