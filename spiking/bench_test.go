package spiking

import (
	"fmt"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// BenchmarkStep reports neuron updates per second for populations of
// 100k and 1M neurons (the goal: at least 3.4e9 on 2 cores, ten
// times Brian2's 3.4e8).
func BenchmarkStep(b *testing.B) {
	for _, n := range []int{100000, 1000000} {
		rng := tensor.NewRNG(1, 1)
		l, _ := NewLIF(1, n, DefaultLIF(), 0.1)
		p, _ := IzhikevichPreset("RS")
		z, _ := NewIzhikevich(1, n, p, 0.25)
		a, _ := NewAdEx(1, n, DefaultAdEx(), 0.05)
		for _, c := range []struct {
			name string
			pop  Population
			in   *tensor.Tensor
		}{
			{"lif", l, tensor.RandUniform(rng, 10, 30, 1, n)},
			{"izhikevich", z, tensor.RandUniform(rng, 0, 10, 1, n)},
			{"adex", a, tensor.RandUniform(rng, 0, 1000, 1, n)},
		} {
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				for b.Loop() {
					c.pop.Step(c.in)
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "updates/s")
			})
		}
	}
}
