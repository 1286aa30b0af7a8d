package blas

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// Benchmarks report GFLOP/s (2mnk per call) at the thread count of -cpu:
//
//	go test -run X -bench Sgemm -cpu 1,2 ./blas

func benchSgemm(b *testing.B, transA, transB bool, m, n, k int, split int) {
	old := SetThreads(runtime.GOMAXPROCS(0))
	defer SetThreads(old)
	rng := rand.New(rand.NewPCG(9, 9))
	a := make([]float32, m*k)
	bb := make([]float32, k*n)
	c := make([]float32, m*n)
	for i := range a {
		a[i] = float32(rng.NormFloat64())
	}
	for i := range bb {
		bb[i] = float32(rng.NormFloat64())
	}
	lda, ldb := k, n
	if transA {
		lda = m
	}
	if transB {
		ldb = k
	}
	call := func() {
		if split > 0 {
			SgemmKSplit(transA, transB, m, n, k, split, a, lda, bb, ldb, c, n, false)
		} else {
			Sgemm(transA, transB, m, n, k, a, lda, bb, ldb, c, n, false)
		}
	}
	call()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		call()
	}
	b.ReportMetric(2*float64(m)*float64(n)*float64(k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkSgemm(b *testing.B) {
	for _, n := range []int{64, 128, 256, 512, 1024, 2048} {
		b.Run(fmt.Sprintf("square%d", n), func(b *testing.B) { benchSgemm(b, false, false, n, n, n, 0) })
	}
	// The im2col shapes of bench_gemm.py: a convolution's forward GEMM.
	b.Run("64x65536x288", func(b *testing.B) { benchSgemm(b, false, false, 64, 65536, 288, 0) })
	b.Run("128x16384x576", func(b *testing.B) { benchSgemm(b, false, false, 128, 16384, 576, 0) })
}

// BenchmarkSgemmTrans runs the transposed layouts of the backward passes.
func BenchmarkSgemmTrans(b *testing.B) {
	b.Run("TN512", func(b *testing.B) { benchSgemm(b, true, false, 512, 512, 512, 0) })
	b.Run("NT512", func(b *testing.B) { benchSgemm(b, false, true, 512, 512, 512, 0) })
}

// BenchmarkSgemmKSplit is a weight-gradient shape: small M, N, huge K.
func BenchmarkSgemmKSplit(b *testing.B) {
	b.Run("64x288x65536", func(b *testing.B) { benchSgemm(b, false, true, 64, 288, 65536, 1024) })
	b.Run("64x288x65536-unsplit", func(b *testing.B) { benchSgemm(b, false, true, 64, 288, 65536, 0) })
}
