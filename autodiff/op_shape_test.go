package autodiff

import (
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestGradShape(t *testing.T) {
	runGradCases(t, []gradCase{
		{name: "Reshape", xs: []*tensor.Tensor{randn(1, 2, 3, 4)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Reshape(tp.Tanh(x[0]), 4, -1)) }},
		{name: "Flatten", xs: []*tensor.Tensor{randn(2, 3, 2, 2)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Flatten(x[0])) }},
		{name: "Permute", xs: []*tensor.Tensor{randn(3, 2, 3, 4)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Permute(x[0], 2, 0, 1)) }},
		{name: "Transpose", xs: []*tensor.Tensor{randn(4, 2, 5, 3)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Transpose(x[0], 0, -1)) }},
		{name: "Concat", xs: []*tensor.Tensor{randn(5, 2, 3), randn(6, 2, 1), randn(7, 2, 4)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Concat(x, 1)) }},
		{name: "Split", xs: []*tensor.Tensor{randn(8, 3, 7)},
			f: func(tp *Tape, x []*Var) *Var {
				p := tp.Split(x[0], -1, []int{2, 0, 4, 1})
				// Use pieces unevenly; piece 3 never reaches the loss.
				return tp.Add(project(tp, p[0]), tp.MulScalar(project(tp, tp.Tanh(p[2])), 2))
			}},
		{name: "Slice", xs: []*tensor.Tensor{randn(9, 4, 5)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Slice(x[0], 1, 1, 4)) }},
		{name: "BroadcastTo", xs: []*tensor.Tensor{randn(11, 3, 1, 2)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.BroadcastTo(x[0], 2, 3, 4, 2)) }},
		{name: "Pad", xs: []*tensor.Tensor{randn(10, 2, 3, 3)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Pad(x[0], [][2]int{{0, 0}, {1, 2}, {0, 3}}, 0.5)) }},
	})
}

func TestSplitNoGrad(t *testing.T) {
	x := Const(randn(1, 4, 2))
	p := NewTape().Split(x, 0, []int{1, 3})
	if len(p) != 2 || p[1].Value.Dim(0) != 3 || p[0].RequiresGrad() {
		t.Fatalf("Split of a Const: %v", p)
	}
}
