package autodiff

import (
	"fmt"
	"testing"

	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// distinct returns a tensor of the given shape holding a random
// permutation of well-separated values, so that max-pooling has no
// near-ties for central differences to cross.
func distinct(seed uint64, shape ...int) *tensor.Tensor {
	t := tensor.New(shape...)
	for i, p := range tensor.NewRNG(seed, 5).Perm(t.Size()) {
		t.Data()[i] = float32(p)*0.1 - float32(t.Size())*0.05
	}
	return t
}

func TestGradPool(t *testing.T) {
	params := []ops.Pool2dParams{
		{KH: 2, KW: 2},
		{KH: 3, KW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1},
		{KH: 3, KW: 2, StrideH: 1, StrideW: 1},          // overlapping windows
		{KH: 2, KW: 3, StrideH: 2, StrideW: 1, PadW: 1}, // odd sizes
	}
	var cases []gradCase
	for i, p := range params {
		p := p
		cases = append(cases,
			gradCase{name: fmt.Sprintf("MaxPool2d/%+v", p), xs: []*tensor.Tensor{distinct(uint64(i), 2, 2, 7, 5)},
				f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.MaxPool2d(x[0], p)) }},
			gradCase{name: fmt.Sprintf("AvgPool2d/%+v", p), xs: []*tensor.Tensor{randn(uint64(i), 2, 2, 7, 5)},
				f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.AvgPool2d(x[0], p)) }},
		)
	}
	cases = append(cases,
		gradCase{name: "AdaptiveAvgPool2d/3x2", xs: []*tensor.Tensor{randn(7, 2, 3, 7, 5)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.AdaptiveAvgPool2d(x[0], 3, 2)) }},
		gradCase{name: "AdaptiveAvgPool2d/up", xs: []*tensor.Tensor{randn(8, 1, 2, 3, 2)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.AdaptiveAvgPool2d(x[0], 4, 3)) }},
		gradCase{name: "GlobalAvgPool2d", xs: []*tensor.Tensor{randn(9, 3, 4, 5, 3)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.GlobalAvgPool2d(x[0])) }},
	)
	runGradCases(t, cases)
}

func TestMaxPoolNoGradMatchesRecorded(t *testing.T) {
	x := randn(1, 2, 3, 6, 6)
	p := ops.Pool2dParams{KH: 3, KW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1}
	a := NoGrad().MaxPool2d(Const(x), p).Value
	b := NewTape().MaxPool2d(Param(x, "x"), p).Value
	if !tensor.Equal(a, b) {
		t.Fatal("recorded MaxPool2d differs from the NoGrad one")
	}
}
