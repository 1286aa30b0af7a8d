package main

import (
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/tensor"
)

// refnetFixture builds the reference network, a batch of 64 and its SGD.
func refnetFixture() (*refNet, *autodiff.Var, []int, *nn.SGD) {
	net := newRefNet(0)
	rng := tensor.NewRNG(0, 1)
	x := autodiff.Const(tensor.RandNormal(rng, 0, 1, 64, 1, 28, 28))
	labels := make([]int, 64)
	for i := range labels {
		labels[i] = rng.IntN(10)
	}
	opt := nn.NewSGD(net.Params(), 0.01)
	opt.Momentum = 0.9
	return net, x, labels, opt
}

// BenchmarkRefnetStep times one training step of the reference network
// (what `cortex bench train` reports as step_ms).
func BenchmarkRefnetStep(b *testing.B) {
	net, x, labels, opt := refnetFixture()
	for b.Loop() {
		opt.ZeroGrad()
		tp := autodiff.NewTape()
		tp.Recycle = true
		loss := tp.CrossEntropy(net.Forward(tp, x), labels)
		if err := tp.Backward(loss); err != nil {
			b.Fatal(err)
		}
		opt.Step()
		tp.Release()
	}
}

// BenchmarkRefnetInfer times one forward pass on a NoGrad tape.
func BenchmarkRefnetInfer(b *testing.B) {
	net, x, _, _ := refnetFixture()
	for b.Loop() {
		tp := autodiff.NoGrad()
		tp.Recycle = true
		net.Forward(tp, x)
		tp.Release()
	}
}
