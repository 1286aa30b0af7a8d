package nn_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/tensor"
)

// A training loop with a checkpoint that resumes with the same bits.
func Example() {
	pcg := rand.NewPCG(1, 2)
	rng := rand.New(pcg)
	model := nn.NewSequential(
		nn.NewLinear(rng, "fc1", 2, 8, true),
		nn.Tanh{},
		nn.NewLinear(rng, "fc2", 8, 1, true),
	)
	opt := nn.NewAdam(model.Params(), 0.05)
	x := autodiff.Const(tensor.FromSlice([]float32{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2))
	y := autodiff.Const(tensor.FromSlice([]float32{0, 1, 1, 0}, 4, 1))
	step := func() float32 {
		tp := autodiff.NewTape()
		loss, err := nn.MSELoss(tp, model.Forward(tp, x), y)
		if err != nil {
			panic(err)
		}
		opt.ZeroGrad()
		if err := tp.Backward(loss); err != nil {
			panic(err)
		}
		opt.Step()
		return loss.Value.Item()
	}
	first := step()
	for i := 0; i < 200; i++ {
		step()
	}
	dir, _ := os.MkdirTemp("", "nn-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "xor.safetensors")
	meta := map[string]string{"rng": nn.EncodePCG(pcg)}
	if err := nn.SaveCheckpoint(path, model, opt, meta); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := nn.LoadCheckpoint(path, model, opt); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(step() < first/10)
	// Output: true
}
