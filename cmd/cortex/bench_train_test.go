package main

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/tensor"
)

// refnetFixture builds the reference network, a batch and its SGD.
func refnetFixture(batch int) (*refNet, *autodiff.Var, []int, *nn.SGD) {
	net := newRefNet(0)
	rng := tensor.NewRNG(0, 1)
	x := autodiff.Const(tensor.RandNormal(rng, 0, 1, batch, 1, 28, 28))
	labels := make([]int, batch)
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
	net, x, labels, opt := refnetFixture(64)
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
	net, x, _, _ := refnetFixture(64)
	for b.Loop() {
		tp := autodiff.NoGrad()
		tp.Recycle = true
		net.Forward(tp, x)
		tp.Release()
	}
}

// TestRefnetRecycleSameBits trains the reference network for two steps
// with every recycled and uninitialised buffer poisoned with NaN and
// checks that losses and parameters keep the bits of a run that recycles
// nothing: no op of the step reads stale storage.
func TestRefnetRecycleSameBits(t *testing.T) {
	run := func(recycle bool) ([]float32, []*tensor.Tensor) {
		net, x, labels, opt := refnetFixture(4) // large enough for every tensor to be recycled
		var losses []float32
		for s := 0; s < 2; s++ {
			opt.ZeroGrad()
			tp := autodiff.NewTape()
			tp.Recycle = recycle
			loss := tp.CrossEntropy(net.Forward(tp, x), labels)
			if err := tp.Backward(loss); err != nil {
				t.Fatal(err)
			}
			opt.Step()
			losses = append(losses, loss.Value.Item())
			tp.Release()
		}
		infer := autodiff.NoGrad()
		infer.Recycle = recycle
		out := net.Forward(infer, x)
		ps := []*tensor.Tensor{out.Value.Clone()}
		infer.Release()
		for _, p := range net.Params() {
			ps = append(ps, p.Value)
		}
		return losses, ps
	}
	wantL, wantP := run(false)
	defer tensor.SetDebugPoison(tensor.SetDebugPoison(true))
	gotL, gotP := run(true)
	for i := range wantL {
		if math.Float32bits(gotL[i]) != math.Float32bits(wantL[i]) {
			t.Fatalf("step %d: loss %v recycled, %v not", i, gotL[i], wantL[i])
		}
	}
	for i := range wantP {
		if !tensor.Equal(gotP[i], wantP[i]) {
			t.Fatalf("tensor %d (0: inference output, then parameters) differs when recycled", i)
		}
	}
}
