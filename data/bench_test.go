package data

import (
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func benchmarkLoadMNIST(b *testing.B, split string) {
	loc, err := FindMNIST("")
	if err != nil {
		b.Skip(err)
	}
	var n int
	for b.Loop() {
		d, err := LoadMNIST(loc.Dir, split)
		if err != nil {
			b.Fatal(err)
		}
		n = d.Len()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "images/s")
}

func BenchmarkLoadMNISTTrain(b *testing.B) { benchmarkLoadMNIST(b, "train") }
func BenchmarkLoadMNISTTest(b *testing.B)  { benchmarkLoadMNIST(b, "test") }

// BenchmarkMovingMNIST renders batches of 64 default sequences (8 frames
// of 48x48) into a reused tensor.
func BenchmarkMovingMNIST(b *testing.B) {
	m, err := NewMovingMNIST(synthMNIST(1000), MovingConfig{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	const batch = 64
	x := tensor.New(batch, 8, 1, 48, 48)
	labels := make([]MovingLabel, batch)
	idx := make([]int, batch)
	b.SetBytes(batch * 8 * 48 * 48 * 4)
	k := 0
	for b.Loop() {
		for j := range idx {
			idx[j] = k
			k++
		}
		m.BatchInto(x, labels, idx)
	}
	b.ReportMetric(float64(k)/b.Elapsed().Seconds(), "sequences/s")
}

// BenchmarkBatch converts a shuffled batch of 128 MNIST-sized images.
func BenchmarkBatch(b *testing.B) {
	d := synthMNIST(1000)
	perm := Permutation(d.Len(), 1, 0)
	x := tensor.New(128, 1, 28, 28)
	y := make([]int, 128)
	b.SetBytes(128 * 784 * 4)
	for b.Loop() {
		d.BatchInto(x, y, perm[:128])
	}
}
