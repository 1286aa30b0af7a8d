package data

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestPermutation(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		p := Permutation(n, 5, 9)
		seen := make([]bool, n)
		for _, v := range p {
			if v < 0 || v >= n || seen[v] {
				t.Fatalf("n=%d: not a permutation: %v", n, p)
			}
			seen[v] = true
		}
	}
	a, b := Permutation(100, 1, 0), Permutation(100, 1, 0)
	if !slices.Equal(a, b) {
		t.Fatal("same (seed, epoch), different permutations")
	}
	if slices.Equal(a, Permutation(100, 1, 1)) || slices.Equal(a, Permutation(100, 2, 0)) {
		t.Fatal("another epoch or seed gives the same permutation")
	}
}

// The order is pinned: the shuffle is defined by this package (PCG-DXSM,
// Lemire, Fisher–Yates), so a Go release must not change it. The expected
// values were produced by this implementation when it was written.
func TestPermutationPinned(t *testing.T) {
	got := Permutation(10, 1, 0)
	want := []int{7, 6, 1, 3, 2, 4, 8, 9, 0, 5}
	if !slices.Equal(got, want) {
		t.Fatalf("Permutation(10, 1, 0) = %v, want %v", got, want)
	}
}

// Each element lands in each position about equally often.
func TestPermutationUniform(t *testing.T) {
	const n, trials = 5, 20000
	var count [n][n]int
	p := make([]int, n)
	for e := range trials {
		PermutationInto(p, 7, uint64(e))
		for pos, v := range p {
			count[v][pos]++
		}
	}
	// Expected trials/n = 4000 per cell, sd about 57: allow 5 sd.
	for v := range n {
		for pos := range n {
			if c := count[v][pos]; c < 4000-285 || c > 4000+285 {
				t.Fatalf("element %d at position %d %d times of %d", v, pos, c, trials)
			}
		}
	}
}

func TestUniformN(t *testing.T) {
	src := rand.NewPCG(3, 4)
	for _, n := range []uint64{1, 2, 3, 10, 1 << 32, 1<<63 + 5, ^uint64(0)} {
		for range 1000 {
			if v := uniformN(src, n); v >= n {
				t.Fatalf("uniformN(%d) = %d", n, v)
			}
		}
	}
	// n = 3 is not a power of two: check the three values are balanced.
	var c [3]int
	for range 30000 {
		c[uniformN(src, 3)]++
	}
	for v, k := range c {
		if k < 9500 || k > 10500 {
			t.Fatalf("value %d drawn %d times of 30000", v, k)
		}
	}
}
