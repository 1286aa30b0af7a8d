package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Test helpers shared by the vector, math and reduction kernel tests.

// guardLen is the number of guard cells on each side of a test slice.
const guardLen = 7

// guardValue fills the guard cells: a NaN with a payload no kernel produces,
// so a stray write is detected even if it writes a NaN.
var guardValue = math.Float32frombits(0x7fa0beef)

// guarded returns a slice of length n with guard cells on both sides (in
// the same backing array, beyond its capacity) and a function that fails
// the test if any guard cell changed.
func guarded(t *testing.T, n int) ([]float32, func()) {
	buf := make([]float32, n+2*guardLen)
	for i := range buf {
		buf[i] = guardValue
	}
	s := buf[guardLen : guardLen+n : guardLen+n]
	return s, func() {
		t.Helper()
		for i, v := range buf {
			if (i < guardLen || i >= guardLen+n) && math.Float32bits(v) != math.Float32bits(guardValue) {
				t.Fatalf("guard cell %d (slice length %d) overwritten with %g", i-guardLen, n, v)
			}
		}
	}
}

// testLengths are the lengths every kernel is checked at: all of 0..70
// (every tail of every block size up to 4 AVX-512 registers) and a few
// large ones.
func testLengths() []int {
	var ls []int
	for n := 0; n <= 70; n++ {
		ls = append(ls, n)
	}
	return append(ls, 127, 128, 129, 255, 256, 1000, 1023, 4099)
}

// kernelPaths runs f once per code path: with every feature the CPU has,
// then switching the fastest remaining feature off until only the generic
// Go path is left (x/crypto's blake2b tests do the same).
func kernelPaths(t *testing.T, f func(t *testing.T)) {
	eachPath(func(name string) { t.Run(name, f) })
}

// benchPaths is kernelPaths for a benchmark.
func benchPaths(b *testing.B, f func(b *testing.B)) {
	eachPath(func(name string) { b.Run(name, f) })
}

// eachPath calls run with the name of each code path, its features set.
func eachPath(run func(name string)) {
	save512, save2, saveNEON := hasAVX512, hasAVX2, hasNEON
	defer func() { hasAVX512, hasAVX2, hasNEON = save512, save2, saveNEON }()
	type path struct {
		name string
		on   bool
		off  func()
	}
	paths := []path{
		{"avx512", hasAVX512 && asmEnabled, func() { hasAVX512 = false }},
		{"avx2", hasAVX2 && asmEnabled, func() { hasAVX2 = false }},
		{"neon", hasNEON && asmEnabled, func() { hasNEON = false }},
	}
	for _, p := range paths {
		if p.on {
			run(p.name)
		}
		p.off()
	}
	run("generic")
}

// sameBits returns the first index where a and b hold different bit
// patterns, or -1.
func sameBits(a, b []float32) int {
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return i
		}
	}
	return -1
}

// sameFloat reports whether a and b have the same bits or are both NaN.
// Which NaN an arithmetic instruction returns for NaN operands differs
// between architectures (and with the compiler's operand order), so NaN
// payloads are not part of the contract of the arithmetic kernels; the
// math functions do promise theirs and are checked with sameBits.
func sameFloat(a, b float32) bool {
	return math.Float32bits(a) == math.Float32bits(b) || (a != a && b != b)
}

// sameFloats returns the first index where sameFloat fails, or -1.
func sameFloats(a, b []float32) int {
	for i := range a {
		if !sameFloat(a[i], b[i]) {
			return i
		}
	}
	return -1
}

// specialValues are mixed into random inputs.
var specialValues = []float32{
	0, float32(math.Copysign(0, -1)), 1, -1, float32(math.Inf(1)), float32(math.Inf(-1)),
	math.Float32frombits(0x7fc00000), math.Float32frombits(0xffc00001), math.Float32frombits(0x7f800001), // NaNs, one signalling
	0x1p-149, -0x1p-149, 0x1p-127, -0x1p-130, math.MaxFloat32, -math.MaxFloat32, 0x1p-126,
	88.72283, 88.72284, -87.33655, -103.27893, -104, 89, 9.1, -9.1, 0.625, -0.625, 3.92,
}

// randomInput returns n values: mostly uniform in [lo, hi), one in eight a
// special value, one in eight a random bit pattern.
func randomInput(rng *rand.Rand, n int, lo, hi float32) []float32 {
	x := make([]float32, n)
	for i := range x {
		switch rng.IntN(8) {
		case 0:
			x[i] = specialValues[rng.IntN(len(specialValues))]
		case 1:
			x[i] = math.Float32frombits(rng.Uint32())
		default:
			x[i] = lo + float32((hi-lo)*rng.Float32())
		}
	}
	return x
}
