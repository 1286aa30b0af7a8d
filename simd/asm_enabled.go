//go:build (amd64 || arm64) && gc && !purego

package simd

// asmEnabled is true where assembly kernels are built; each kernel still
// checks the CPU feature it needs.
const asmEnabled = true
