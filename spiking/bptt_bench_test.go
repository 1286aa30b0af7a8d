package spiking

import (
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// BenchmarkLIFLayerBPTT times one forward and backward pass through time of
// a LIF layer (batch 64, 128 -> 256 neurons, T = 25 steps) and reports
// neuron-steps per second (forward and backward together).
func BenchmarkLIFLayerBPTT(b *testing.B) {
	const batch, in, out, T = 64, 128, 256, 25
	rng := tensor.NewRNG(1, 0)
	l, err := NewLIFLayer(in, out, 0.9, 3, rng, "l")
	if err != nil {
		b.Fatal(err)
	}
	xs := make([]*autodiff.Var, T)
	for t := range xs {
		xs[t] = autodiff.Const(Bernoulli(tensor.Full(0.2, batch, in), rng))
	}
	for b.Loop() {
		tp := autodiff.NewTape()
		spk, _ := l.Forward(tp, xs)
		loss := tp.Sum(TimeSum(tp, spk), nil, false)
		if err := tp.Backward(loss); err != nil {
			b.Fatal(err)
		}
		autodiff.ClearGrad(l.Params()...)
	}
	b.ReportMetric(float64(batch*out*T)*float64(b.N)/b.Elapsed().Seconds(), "neuron-steps/s")
}
