package simd_test

import (
	"fmt"

	"github.com/neurocortex/neurocortex/simd"
)

func ExampleExp() {
	fmt.Println(simd.Exp(1), simd.Exp(-200), simd.Exp(100))
	// Output: 2.7182817 0 +Inf
}

func ExampleSoftplus() {
	// Stable at both ends: x itself for large x, e**x for very negative x.
	fmt.Println(simd.Softplus(0), simd.Softplus(1e30), simd.Softplus(-100))
	// Output: 0.6931472 1e+30 3.8e-44
}

func ExampleExpTo() {
	x := []float32{0, 1, 2, -1}
	simd.ExpTo(x, x) // in place
	fmt.Println(x)
	// Output: [1 2.7182817 7.389056 0.36787945]
}

func ExampleSum() {
	// The canonical order gives the same bits on every platform and code path.
	x := []float32{1, 2, 3, 4, 5}
	fmt.Println(simd.Sum(x), simd.Dot(x, x), simd.Max(x))
	// Output: 15 55 5
}
