package autodiff_test

import (
	"fmt"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

func Example() {
	w := autodiff.Param(tensor.FromSlice([]float32{1, 2, 3}, 3), "w")
	x := autodiff.Const(tensor.FromSlice([]float32{4, 5, 6}, 3))

	tp := autodiff.NewTape()
	loss := tp.Sum(tp.Mul(w, x), nil, false) // w·x
	if err := tp.Backward(loss); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(loss.Value.Item(), w.Grad.Data())
	// Output: 32 [4 5 6]
}

func ExampleGradCheck() {
	f := func(tp *autodiff.Tape, xs []*autodiff.Var) *autodiff.Var {
		return tp.Sum(tp.Tanh(tp.Mul(xs[0], xs[1])), nil, false)
	}
	a := tensor.FromSlice([]float32{0.5, -1, 2}, 3)
	b := tensor.FromSlice([]float32{1, 0.25, -0.5}, 3)
	fmt.Println(autodiff.GradCheck(f, []*tensor.Tensor{a, b}, 1e-2, 1e-2))
	// Output: <nil>
}

func ExampleTape_Scope() {
	x := autodiff.Param(tensor.FromSlice([]float32{1, -1}, 2), "x")
	tp := autodiff.NewTape()
	tp.CheckFinite = true
	end := tp.Scope("v1")
	tp.Log(x) // log(-1) is NaN
	end()
	fmt.Println(tp.Err())
	// Output: autodiff: op #0 Log [v1]: output [2] has NaN at element 1; all inputs were finite
}

// A training loop that recycles each step's tensors: the next step's ops
// reuse their storage instead of allocating (and faulting in) fresh memory.
func ExampleTape_Release() {
	w := autodiff.Param(tensor.FromSlice([]float32{0.5, -0.25}, 2), "w")
	x := autodiff.Const(tensor.FromSlice([]float32{1, 2}, 2))
	for step := 0; step < 3; step++ {
		autodiff.ZeroGrad(w)
		tp := autodiff.NewTape()
		tp.Recycle = true
		loss := tp.Sum(tp.Mul(tp.Mul(w, x), tp.Mul(w, x)), nil, false)
		if err := tp.Backward(loss); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d %.4g\n", step, loss.Value.Item()) // read what you need first
		tp.Release()                                     // then every value the tape computed is recycled
		for i, g := range w.Grad.Data() {
			w.Value.Data()[i] -= 0.1 * g
		}
	}
	// Output:
	// 0 0.5
	// 1 0.17
	// 2 0.1028
}
