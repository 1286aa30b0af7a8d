package blas

import (
	"math/rand/v2"
	"testing"
)

// FuzzSgemm runs Sgemm on shapes, strides, transposes, thread counts and
// block sizes drawn from the input and requires the bits of the canonical
// loop (naiveCanonical), guard cells untouched.
func FuzzSgemm(f *testing.F) {
	f.Add(uint16(29), uint16(70), uint16(33), uint8(0), uint8(2), uint64(1))
	f.Add(uint16(1), uint16(1), uint16(1), uint8(0xff), uint8(1), uint64(2))
	f.Add(uint16(64), uint16(300), uint16(600), uint8(0x15), uint8(3), uint64(3))
	f.Fuzz(func(t *testing.T, m, n, k uint16, flags, threads uint8, seed uint64) {
		tc := gemmCase{
			m: int(m % 97), n: int(n % 401), k: int(k % 700),
			transA: flags&1 != 0, transB: flags&2 != 0, accumulate: flags&4 != 0,
			padA: int(flags>>3) & 3, padB: int(flags>>5) & 3, padC: int(flags>>7) & 1,
		}
		rng := rand.New(rand.NewPCG(seed, 9))
		kc := []int{512, 7, 64, 129}[seed%4]
		withBlocking(kc, 1+int(seed>>2)%3, 1+int(seed>>4)%3, func() {
			runCase(t, tc, rng, []int{1 + int(threads)%4})
		})
	})
}
