package ops_test

import (
	"fmt"

	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Broadcasting a row over a matrix, and reducing the gradient back.
func ExampleAdd() {
	a := tensor.FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	b := tensor.FromSlice([]float32{10, 20, 30}, 3)
	y := ops.Add(a, b)
	fmt.Println(y.Data())
	_, gb := ops.AddBackward(a, b, tensor.Ones(2, 3))
	fmt.Println(gb.Shape(), gb.Data())
	// Output:
	// [11 22 33 14 25 36]
	// [3] [2 2 2]
}

func ExampleSum() {
	x := tensor.Arange(0, 6, 1).Reshape(2, 3)
	fmt.Println(ops.Sum(x, []int{0}, false).Data())
	fmt.Println(ops.Sum(x, []int{1}, true).Shape())
	fmt.Println(ops.Sum(x, nil, false).Item())
	// Output:
	// [3 5 7]
	// [2 1]
	// 15
}

func ExampleCrossEntropy() {
	logits := tensor.FromSlice([]float32{2, 0, 0, 0, 0, 2}, 2, 3)
	loss := ops.CrossEntropy(logits, []int{0, 2})
	fmt.Printf("%.4f\n", loss.Item())
	// Output:
	// 0.2395
}

func ExampleDivisiveNorm() {
	// One channel, 1x3 image: each value divided by sigma plus the mean of
	// |x| over its in-image 3-wide neighbourhood.
	x := tensor.FromSlice([]float32{1, -2, 3}, 1, 1, 1, 3)
	y, _ := ops.DivisiveNorm(x, ops.DivNormParams{Size: 3, Sigma: 1})
	fmt.Printf("%.4f\n", y.Data())
	// Output:
	// [0.4000 -0.6667 0.8571]
}
