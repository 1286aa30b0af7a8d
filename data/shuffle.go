package data

import (
	"math/bits"
	"math/rand/v2"
)

// Permutation returns a permutation of 0..n-1 that is a pure function of
// (seed, epoch): the shuffle of one training epoch.
//
// It is a Fisher–Yates shuffle (i from n-1 down to 1, swap i with a uniform
// j in [0, i]) driven by a PCG-DXSM generator seeded with (seed, epoch);
// the uniform draws use Lemire's multiply-and-reject on the generator's
// 64-bit outputs. Both algorithms are fixed here rather than taken from
// math/rand/v2's Shuffle, whose draws are not promised to stay the same
// across Go releases, so a seed gives the same order forever.
func Permutation(n int, seed, epoch uint64) []int {
	p := make([]int, n)
	PermutationInto(p, seed, epoch)
	return p
}

// PermutationInto writes Permutation(len(p), seed, epoch) into p.
func PermutationInto(p []int, seed, epoch uint64) {
	for i := range p {
		p[i] = i
	}
	src := rand.NewPCG(seed, epoch)
	for i := len(p) - 1; i > 0; i-- {
		j := int(uniformN(src, uint64(i)+1))
		p[i], p[j] = p[j], p[i]
	}
}

// uniformN returns a uniform integer in [0, n), n > 0, by Lemire's method
// (Fast Random Integer Generation in an Interval, 2019).
func uniformN(src *rand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}
