package ops

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/neurocortex/neurocortex/blas"
)

// Benchmarks of the linear-algebra ops at the thread count of -cpu:
//
//	go test -run X -bench 'Matmul|Conv2d' -cpu 2 ./ops

// laBenchThreads sets the blas threads to GOMAXPROCS (as -cpu sets it)
// for the benchmark.
func laBenchThreads(b *testing.B) {
	old := blas.SetThreads(runtime.GOMAXPROCS(0))
	b.Cleanup(func() { blas.SetThreads(old) })
}

func BenchmarkMatmul(b *testing.B) {
	for _, n := range []int{64, 128, 256, 512, 1024} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			laBenchThreads(b)
			rng := laRNG(1)
			x, w := laRand(rng, n, n), laRand(rng, n, n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				Matmul(x, w, false, false)
			}
			b.ReportMetric(2*float64(n*n*n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
