package data_test

import (
	"fmt"

	"github.com/neurocortex/neurocortex/data"
)

// Load the MNIST test split from the GoMNIST module and walk one epoch in
// a seeded order.
func ExampleLoadMNIST() {
	test, err := data.LoadMNIST("", "test")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(test.Len(), "images of", test.C, "x", test.H, "x", test.W, "- first label", test.Labels[0])
	batches := 0
	for x, y := range test.Batches(1000, 1, 0, false) {
		_, _ = x, y // x is [1000 1 28 28] in [0, 1], reused each step
		batches++
	}
	fmt.Println(batches, "batches")
	// Output:
	// 10000 images of 1 x 28 x 28 - first label 7
	// 10 batches
}

// Generate a few moving-MNIST sequences.
func ExampleMovingMNIST() {
	test, err := data.LoadMNIST("", "test")
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := data.NewMovingMNIST(test, data.MovingConfig{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	x, labels := m.Generate(0, 2)
	fmt.Println(x.Shape(), len(labels))
	// Output: [2 8 1 48 48] 2
}
