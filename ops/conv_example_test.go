package ops_test

import (
	"fmt"

	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

func ExampleConv2d() {
	// A 3×3 box filter over a 4×4 ramp with "same" padding.
	x := tensor.Arange(0, 16, 1).Reshape(1, 1, 4, 4)
	w := tensor.Ones(1, 1, 3, 3)
	y := ops.Conv2d(x, w, nil, ops.Conv2dParams{PadH: 1, PadW: 1})
	fmt.Println(y.Shape(), y.Data()[:4])
	// Output: [1 1 4 4] [10 18 24 18]
}

func ExampleMaxPool2d() {
	x := tensor.Arange(0, 16, 1).Reshape(1, 1, 4, 4)
	y := ops.MaxPool2d(x, ops.Pool2dParams{KH: 2, KW: 2})
	fmt.Println(y.Data())
	// Output: [5 7 13 15]
}
