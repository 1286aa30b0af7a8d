package cortex

import (
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/tensor"
)

func benchTrainStep(b *testing.B, c Config, batch int) {
	s, err := New(c, 1)
	if err != nil {
		b.Fatal(err)
	}
	x, tg := tinyBatch(c, batch, 1)
	opt := nn.NewAdamW(s.Trainable(), 1e-3)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tp := autodiff.NewTape()
		tp.Recycle = true // as the Trainer's steps do
		out, err := s.Forward(tp, x, tensor.NewRNG(1, uint64(i)))
		if err != nil {
			b.Fatal(err)
		}
		loss, err := s.Loss(tp, out, tg)
		if err != nil {
			b.Fatal(err)
		}
		opt.ZeroGrad()
		if err := tp.Backward(loss); err != nil {
			b.Fatal(err)
		}
		opt.Step()
		tp.Release()
	}
	b.ReportMetric(float64(batch*b.N)/b.Elapsed().Seconds(), "images/s")
}

// BenchmarkTrainStepMNIST times one training step of the default static
// system at batch 64.
func BenchmarkTrainStepMNIST(b *testing.B) { benchTrainStep(b, DefaultConfig(), 64) }

// BenchmarkTrainStepMoving times one training step of the default
// moving-MNIST system at batch 64.
func BenchmarkTrainStepMoving(b *testing.B) { benchTrainStep(b, MovingConfig(), 64) }
