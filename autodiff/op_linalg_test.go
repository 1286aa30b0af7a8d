package autodiff

import (
	"fmt"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestGradMatmul(t *testing.T) {
	var cases []gradCase
	m, k, n := 3, 5, 4
	for _, ta := range []bool{false, true} {
		for _, tb := range []bool{false, true} {
			ta, tb := ta, tb
			as, bs := []int{m, k}, []int{k, n}
			if ta {
				as = []int{k, m}
			}
			if tb {
				bs = []int{n, k}
			}
			cases = append(cases, gradCase{
				name: fmt.Sprintf("Matmul/tA=%v,tB=%v", ta, tb),
				xs:   []*tensor.Tensor{randn(1, as...), randn(2, bs...)},
				f:    func(tp *Tape, x []*Var) *Var { return project(tp, tp.Matmul(x[0], x[1], ta, tb)) },
			})
			bas, bbs := append([]int{2}, as...), append([]int{2}, bs...)
			cases = append(cases, gradCase{
				name: fmt.Sprintf("BatchMatmul/tA=%v,tB=%v", ta, tb),
				xs:   []*tensor.Tensor{randn(3, bas...), randn(4, bbs...)},
				f:    func(tp *Tape, x []*Var) *Var { return project(tp, tp.BatchMatmul(x[0], x[1], ta, tb)) },
			})
		}
	}
	cases = append(cases,
		gradCase{name: "Linear/bias", xs: []*tensor.Tensor{randn(5, 6, 7), randn(6, 3, 7), randn(7, 3)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Linear(x[0], x[1], x[2])) }},
		gradCase{name: "Linear/nobias", xs: []*tensor.Tensor{randn(8, 1, 4), randn(9, 5, 4)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Linear(x[0], x[1], nil)) }},
	)
	runGradCases(t, cases)
}

func TestLinearSkipsUnneededGradients(t *testing.T) {
	x := Const(randn(1, 4, 3))
	w := Param(randn(2, 2, 3), "w")
	b := Param(randn(3, 2), "b")
	b.SetRequiresGrad(false)
	tp := NewTape()
	if err := tp.Backward(tp.Sum(tp.Linear(x, w, b), nil, false)); err != nil {
		t.Fatal(err)
	}
	if w.Grad == nil || b.Grad != nil || x.Grad != nil {
		t.Fatalf("grads: w %v, b %v, x %v", w.Grad != nil, b.Grad != nil, x.Grad != nil)
	}
	// gw = column sums of x (gy is all ones) for each output row.
	for o := 0; o < 2; o++ {
		for i := 0; i < 3; i++ {
			var s float32
			for r := 0; r < 4; r++ {
				s += x.Value.At(r, i)
			}
			if d := w.Grad.At(o, i) - s; d > 1e-5 || d < -1e-5 {
				t.Fatalf("gw[%d,%d] = %v, want %v", o, i, w.Grad.At(o, i), s)
			}
		}
	}
}
