package spiking_test

import (
	"fmt"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/spiking"
	"github.com/neurocortex/neurocortex/tensor"
)

// A spiking layer trained by backpropagation through time: 20 steps of
// Bernoulli spikes in, a LIF hidden layer, a leaky readout whose mean
// membrane is the logits, one Adam step on the cross-entropy.
func ExampleLIFLayer() {
	rng := tensor.NewRNG(1, 0)
	hidden, _ := spiking.NewLIFLayer(10, 16, spiking.BetaFor(1, 10), 2, rng, "hidden")
	hidden.Surrogate = spiking.Surrogate{Kind: spiking.Arctan, Scale: 2}
	out, _ := spiking.NewLeakyReadout(16, 2, 0.9, 1, rng, "out")
	opt := nn.NewAdam(append(hidden.Params(), out.Params()...), 0.01)

	xs := make([]*autodiff.Var, 20)
	for t := range xs {
		xs[t] = autodiff.Const(spiking.Bernoulli(tensor.Full(0.3, 4, 10), rng))
	}
	tp := autodiff.NewTape()
	spikes, _ := hidden.Forward(tp, xs)
	logits := spiking.TimeMean(tp, out.Forward(tp, spikes))
	loss := tp.CrossEntropy(logits, []int{0, 1, 0, 1})
	if err := tp.Backward(loss); err != nil {
		fmt.Println(err)
		return
	}
	opt.Step()
	fmt.Println(len(spikes), spikes[0].Value.Shape(), logits.Value.Shape(), hidden.W.Grad.Shape())
	// Output: 20 [4 16] [4 2] [16 10]
}
