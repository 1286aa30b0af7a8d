package ops

import (
	"fmt"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// Benchmarks of the elementwise, reduction and normalisation ops. They
// report bytes of input processed per second (b.SetBytes).

func ewBench(b *testing.B, bytes int, fn func()) {
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	for b.Loop() {
		fn()
	}
}

func BenchmarkAdd(b *testing.B) {
	x := ewRand(ewRNG(1), -1, 1, 1<<20)
	y := ewRand(ewRNG(2), -1, 1, 1<<20)
	ewBench(b, 8<<20, func() { Add(x, y) })
}

func BenchmarkAddRowBroadcast(b *testing.B) {
	x := ewRand(ewRNG(1), -1, 1, 1024, 1024)
	y := ewRand(ewRNG(2), -1, 1, 1024)
	ewBench(b, 4<<20, func() { Add(x, y) })
}

// BenchmarkMulChannelBroadcast multiplies activations by a per-channel
// factor: runs of one plane against one scalar (a gain's forward, a
// gradient's product in MulBackward), the output's storage recycled as in
// training.
func BenchmarkMulChannelBroadcast(b *testing.B) {
	x := ewRand(ewRNG(1), -1, 1, 64, 8, 48, 48)
	y := ewRand(ewRNG(2), -1, 1, 1, 8, 1, 1)
	ewBench(b, 4*x.Size(), func() { Mul(x, y).Release() })
}

func BenchmarkReLUBackward(b *testing.B) {
	x := ewRand(ewRNG(1), -1, 1, 1<<20)
	g := ewRand(ewRNG(2), -1, 1, 1<<20)
	ewBench(b, 8<<20, func() { ReLUBackward(x, g) })
}

func BenchmarkSumAxis0(b *testing.B) {
	x := ewRand(ewRNG(1), -1, 1, 1024, 1024)
	ewBench(b, 4<<20, func() { Sum(x, []int{0}, false) })
}

func BenchmarkSumAxis1(b *testing.B) {
	x := ewRand(ewRNG(1), -1, 1, 1024, 1024)
	ewBench(b, 4<<20, func() { Sum(x, []int{1}, false) })
}

func BenchmarkSoftmax(b *testing.B) {
	x := ewRand(ewRNG(1), -3, 3, 256, 1000)
	ewBench(b, 4*256*1000, func() { Softmax(x, -1) })
}

func BenchmarkCrossEntropy(b *testing.B) {
	x := ewRand(ewRNG(1), -3, 3, 256, 10)
	labels := make([]int, 256)
	for i := range labels {
		labels[i] = i % 10
	}
	gy := tensor.Scalar(1)
	ewBench(b, 4*256*10, func() {
		CrossEntropy(x, labels)
		CrossEntropyBackward(x, labels, gy)
	})
}

// BenchmarkBatchNormTrain runs the forward and backward passes on
// [32,64,16,16] and on the static MNIST system's V4 map [64,128,7,7], whose
// planes of 49 are short.
func BenchmarkBatchNormTrain(b *testing.B) {
	for _, sh := range [][]int{{32, 64, 16, 16}, {64, 128, 7, 7}} {
		x := ewRand(ewRNG(1), -1, 1, sh...)
		c := sh[1]
		gamma, beta := tensor.Ones(c), tensor.New(c)
		rm, rv := tensor.New(c), tensor.Ones(c)
		g := ewRand(ewRNG(2), -1, 1, x.Shape()...)
		b.Run(fmt.Sprint(sh), func(b *testing.B) {
			ewBench(b, 4*x.Size(), func() {
				y, m, is := BatchNorm(x, gamma, beta, rm, rv, true, 0.1, 1e-5)
				gx, gg, gb := BatchNormBackward(x, gamma, m, is, g, true)
				for _, t := range []*tensor.Tensor{y, m, is, gx, gg, gb} {
					t.Release()
				}
			})
		})
	}
}

func BenchmarkDivisiveNorm(b *testing.B) {
	x := ewRand(ewRNG(1), -1, 1, 8, 32, 32, 32)
	p := DivNormParams{Size: 5, Sigma: 0.5, Exponent: 2}
	g := ewRand(ewRNG(2), -1, 1, x.Shape()...)
	ewBench(b, 4*x.Size(), func() {
		_, d := DivisiveNorm(x, p)
		DivisiveNormBackward(x, d, g, p)
	})
}

func BenchmarkGridSample(b *testing.B) {
	x := ewRand(ewRNG(1), -1, 1, 8, 16, 64, 64)
	grid := ewRand(ewRNG(2), -1, 1, 8, 64, 64, 2)
	g := ewRand(ewRNG(3), -1, 1, 8, 16, 64, 64)
	ewBench(b, 4*x.Size(), func() {
		GridSample(x, grid)
		GridSampleBackwardInput(x, grid, g)
		GridSampleBackwardGrid(x, grid, g)
	})
}

// BenchmarkGridSampleCrop samples 28x28 windows of 48x48 maps at pixel
// centres, as the moving system's foveal sheet does.
func BenchmarkGridSampleCrop(b *testing.B) {
	const n, c, h, w, s = 64, 4, 48, 48, 28
	x := ewRand(ewRNG(1), -1, 1, n, c, h, w)
	grid := tensor.New(n, s, s, 2)
	for i := 0; i < n; i++ {
		left, top := i%(w-s+8)-4, (3*i)%(h-s+8)-4 // some windows cross the edges
		for r := 0; r < s; r++ {
			for q := 0; q < s; q++ {
				grid.Set(float32(2*(left+q)+1)/w-1, i, r, q, 0)
				grid.Set(float32(2*(top+r)+1)/h-1, i, r, q, 1)
			}
		}
	}
	g := ewRand(ewRNG(3), -1, 1, n, c, s, s)
	b.Run("fwd", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			GridSample(x, grid).Release()
		}
	})
	b.Run("bwd", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			GridSampleBackwardInput(x, grid, g).Release()
		}
	})
	b.Run("bwdgrid", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			GridSampleBackwardGrid(x, grid, g).Release()
		}
	})
}

// BenchmarkConcat joins two [64, 8, 28, 28] maps along the channels.
func BenchmarkConcat(b *testing.B) {
	xs := []*tensor.Tensor{ewRand(ewRNG(1), -1, 1, 64, 8, 28, 28), ewRand(ewRNG(2), -1, 1, 64, 8, 28, 28)}
	ewBench(b, 4*2*xs[0].Size(), func() { Concat(xs, 1).Release() })
}

// BenchmarkMulScalarTensor multiplies a [64,8,48,48] map by a one-element
// tensor: a single run of broadcast.
func BenchmarkMulScalarTensor(b *testing.B) {
	x, s := ewRand(ewRNG(1), -1, 1, 64, 8, 48, 48), ewRand(ewRNG(2), -1, 1, 1)
	ewBench(b, 4*x.Size(), func() { Mul(x, s).Release() })
}
