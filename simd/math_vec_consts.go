//go:build (amd64 || arm64) && gc && !purego

package simd

import "math"

// Rows of mathConsts, the constants of the assembly math kernels. The
// assembly addresses row r at byte offset 64*r (see the #defines in
// math_vec_amd64.s and math_vec_arm64.s, which must follow this order).
const (
	mcExpHi = iota
	mcExpLo
	mcLog2e
	mcMagic
	mcNegLn2Hi
	mcNegLn2Lo
	mcExpP5
	mcExpP4
	mcExpP3
	mcExpP2
	mcExpP1
	mcExpP0
	mcOne
	mcBias // int32 127, the exponent bias
	mcAbs  // 0x7fffffff
	mcSign // 0x80000000
	mcTwo
	mcTanhSmall
	mcTanhP4
	mcTanhP3
	mcTanhP2
	mcTanhP1
	mcTanhP0
	mcRows
)

// mathConsts holds each constant of the scalar functions repeated over a
// 64-byte row, so that a kernel loads (or uses as a memory operand) a whole
// vector of it. It is built from the very constants the Go functions use,
// so the two cannot disagree.
var mathConsts = func() (t [mcRows][16]float32) {
	v := [mcRows]float32{
		mcExpHi: expHi, mcExpLo: expLo, mcLog2e: log2e, mcMagic: roundMagic,
		mcNegLn2Hi: -ln2Hi, mcNegLn2Lo: -ln2Lo,
		mcExpP5: expP5, mcExpP4: expP4, mcExpP3: expP3, mcExpP2: expP2, mcExpP1: expP1, mcExpP0: expP0,
		mcOne: 1, mcBias: math.Float32frombits(127),
		mcAbs: math.Float32frombits(0x7fffffff), mcSign: math.Float32frombits(0x80000000),
		mcTwo: 2, mcTanhSmall: tanhSmall,
		mcTanhP4: tanhP4, mcTanhP3: tanhP3, mcTanhP2: tanhP2, mcTanhP1: tanhP1, mcTanhP0: tanhP0,
	}
	for r := range t {
		for i := range t[r] {
			t[r][i] = v[r]
		}
	}
	return t
}()
