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
	mcZero
	mcInf
	mcNegInf
	mcNaN
	mcNegHalf
	mcTwo23    // 2^23, scales subnormals up
	mcSubLimit // int32 0x00800000: below it (signed) a positive float is subnormal
	mcMinus23  // int32 -23
	mcSqrtHalf // int32 bits of sqrt(1/2)
	mcExpMask  // 0xff800000
	mcLogP8
	mcLogP7
	mcLogP6
	mcLogP5
	mcLogP4
	mcLogP3
	mcLogP2
	mcLogP1
	mcLogP0
	mcErfSplit
	mcErfHi
	mcErfQ5
	mcErfQ4
	mcErfQ3
	mcErfQ2
	mcErfQ1
	mcErfQ0
	mcErfR0
	mcErfR1
	mcErfR2
	mcErfR3
	mcErfR4
	mcErfR5
	mcErfR6
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
		mcZero: 0, mcInf: float32(math.Inf(1)), mcNegInf: float32(math.Inf(-1)), mcNaN: nan32, mcNegHalf: -0.5,
		mcTwo23: 0x1p23, mcSubLimit: math.Float32frombits(0x00800000), mcMinus23: math.Float32frombits(0xffffffe9),
		mcSqrtHalf: math.Float32frombits(sqrtHalfBits), mcExpMask: math.Float32frombits(0xff800000),
		mcLogP8: logP8, mcLogP7: logP7, mcLogP6: logP6, mcLogP5: logP5, mcLogP4: logP4,
		mcLogP3: logP3, mcLogP2: logP2, mcLogP1: logP1, mcLogP0: logP0,
		mcErfSplit: erfSplit, mcErfHi: erfHi,
		mcErfQ5: erfQ5, mcErfQ4: erfQ4, mcErfQ3: erfQ3, mcErfQ2: erfQ2, mcErfQ1: erfQ1, mcErfQ0: erfQ0,
		mcErfR0: erfR0, mcErfR1: erfR1, mcErfR2: erfR2, mcErfR3: erfR3, mcErfR4: erfR4, mcErfR5: erfR5, mcErfR6: erfR6,
	}
	for r := range t {
		for i := range t[r] {
			t[r][i] = v[r]
		}
	}
	return t
}()
