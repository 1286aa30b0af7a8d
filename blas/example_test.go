package blas_test

import (
	"fmt"

	"github.com/neurocortex/neurocortex/blas"
)

func ExampleSgemm() {
	// C (2×2) = A (2×3) · Bᵀ, B stored as 2×3.
	a := []float32{1, 2, 3, 4, 5, 6}
	b := []float32{1, 0, 1, 0, 1, 0}
	c := make([]float32, 4)
	blas.Sgemm(false, true, 2, 2, 3, a, 3, b, 3, c, 2, false)
	fmt.Println(c)
	// Output: [4 2 10 5]
}

func ExampleSumTree() {
	// ((1+2) + (3+4)) + 5, whatever the number of threads.
	dst := make([]float32, 1)
	blas.SumTree(5, dst, func(i int, out []float32) { out[0] = float32(i + 1) })
	fmt.Println(dst[0])
	// Output: 15
}
