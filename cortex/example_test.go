package cortex_test

import (
	"fmt"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/tensor"
)

// Build the static-digit system, run it on a batch and read the activity
// of every area.
func Example() {
	cfg := cortex.DefaultConfig() // 28x28 grey digits, ventral pathway
	cfg.KeepIntermediate = true   // keep every area's activations for probes
	sys, err := cortex.New(cfg, 1)
	if err != nil {
		panic(err)
	}
	x := tensor.New(2, 1, 28, 28) // two blank images [N, C, H, W]
	out, err := sys.Forward(autodiff.NoGrad(), x, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("class logits", out.Class.Value.Shape())
	fmt.Println("P cells     ", out.Areas.P.Value.Shape())
	fmt.Println("V1          ", out.Areas.V1.Value.Shape())
	fmt.Println("V4          ", out.Areas.V4.Value.Shape())

	// A wrong shape is an error that names it.
	_, err = sys.Forward(autodiff.NoGrad(), tensor.New(2, 3, 28, 28), nil)
	fmt.Println(err)
	// Output:
	// class logits [2 10]
	// P cells      [2 2 28 28]
	// V1           [2 20 28 28]
	// V4           [2 128 7 7]
	// cortex: input shape [2 3 28 28]: C = 3, want 1 ([N,C,H,W] = [2 1 28 28])
}

// Train the what + where system on a batch of sequences: one step of the
// loop that cortex.Trainer runs.
func Example_training() {
	cfg := cortex.MovingConfig()
	cfg.Height, cfg.Width, cfg.Frames = 32, 32, 4 // a smaller stage for the example
	sys, _ := cortex.New(cfg, 1)
	x := tensor.RandUniform(tensor.NewRNG(1, 0), 0, 1, cfg.InputShape(4)...)
	tg := cortex.Targets{
		Class:     []int{3, 1, 4, 1},
		Direction: []int{0, 2, 4, 6},
		Position:  tensor.New(4, 2),
	}
	tp := autodiff.NewTape()
	out, _ := sys.Forward(tp, x, tensor.NewRNG(1, 1)) // a generator: training noise on
	loss, _ := sys.Loss(tp, out, tg)
	if err := tp.Backward(loss); err != nil {
		panic(err)
	}
	fmt.Println("direction logits", out.Direction.Value.Shape(), "position", out.Position.Value.Shape())
	fmt.Println("gradient reaches the cones:", sys.Retina.Photo.N.Grad != nil)
	// Output:
	// direction logits [4 8] position [4 2]
	// gradient reaches the cones: true
}
