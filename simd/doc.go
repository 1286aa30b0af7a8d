// Package simd holds the numerical kernels of neurocortex on plain []float32:
// the GEMM micro-kernel, vector arithmetic, reductions and elementwise math.
//
// Every kernel follows one documented order of float32 operations (see
// DESIGN.md, "the canonical orders") so that the same inputs give the same
// bits on every platform, thread count and code path. The generic Go
// functions in *_generic.go are the reference twins of any fast path.
package simd
