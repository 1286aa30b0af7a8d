package simd

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// Benchmarks of the vector kernels on every code path, for comparing the
// assembly with the generic twin:
//
//	go test -run X -bench 'Kernels' -benchtime 200ms ./simd
//
// SetBytes counts the float32 inputs read once (4 bytes per element and
// input slice), so MB/s compares across kernels; Go's own scalar code runs
// on the "generic" path.

var benchSizes = []int{256, 4096, 65536}

func BenchmarkKernels(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 3))
	maxN := benchSizes[len(benchSizes)-1]
	x := randomInput(rng, maxN, -5, 5)
	y := randomInput(rng, maxN, -5, 5)
	for i := range x { // finite inputs: the kernels' speed does not depend on the values
		if x[i] != x[i] || x[i] > 1e30 || x[i] < -1e30 {
			x[i] = 0.5
		}
		if y[i] != y[i] || y[i] > 1e30 || y[i] < -1e30 {
			y[i] = -0.25
		}
	}
	dst := make([]float32, maxN)
	var sink float32
	kernels := []struct {
		name   string
		inputs int
		run    func(n int)
	}{
		{"Sum", 1, func(n int) { sink += Sum(x[:n]) }},
		{"Dot", 2, func(n int) { sink += Dot(x[:n], y[:n]) }},
		{"Max", 1, func(n int) { sink += Max(x[:n]) }},
		{"Axpy", 2, func(n int) { Axpy(1e-9, x[:n], dst[:n]) }},
		{"Scale", 1, func(n int) { Scale(1, dst[:n]) }},
		{"AddTo", 2, func(n int) { AddTo(dst[:n], x[:n], y[:n]) }},
		{"MulTo", 2, func(n int) { MulTo(dst[:n], x[:n], y[:n]) }},
		{"ReluTo", 1, func(n int) { ReluTo(dst[:n], x[:n]) }},
		{"ExpTo", 1, func(n int) { ExpTo(dst[:n], x[:n]) }},
		{"TanhTo", 1, func(n int) { TanhTo(dst[:n], x[:n]) }},
		{"SigmoidTo", 1, func(n int) { SigmoidTo(dst[:n], x[:n]) }},
		{"LogTo", 1, func(n int) { LogTo(dst[:n], y[:n]) }},
		{"ErfTo", 1, func(n int) { ErfTo(dst[:n], x[:n]) }},
		{"SoftplusTo", 1, func(n int) { SoftplusTo(dst[:n], x[:n]) }},
	}
	for _, k := range kernels {
		for _, n := range benchSizes {
			b.Run(fmt.Sprintf("%s/n=%d", k.name, n), func(b *testing.B) {
				benchPaths(b, func(b *testing.B) {
					b.SetBytes(int64(4 * n * k.inputs))
					for b.Loop() {
						k.run(n)
					}
				})
			})
		}
	}
	_ = sink
}
