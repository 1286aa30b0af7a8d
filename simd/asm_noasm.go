//go:build !((amd64 || arm64) && gc && !purego)

package simd

// asmEnabled is false where no assembly is built: every kernel runs its
// generic Go twin.
const asmEnabled = false
