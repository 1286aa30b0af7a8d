package simd

import "fmt"

// CopyRuns copies, for each line p < len(offs), the n elements
// src[offs[p]+add : offs[p]+add+n] to dst[p*stride : p*stride+n], leaving
// the rest of dst untouched. It is the inner step of packing GEMM panels
// from an image (im2col): each panel line is a few short runs of one image
// row, and a run of n <= 32 elements is two masked vector moves on
// AVX-512 instead of a call to memmove. It panics if n is outside [0, 32]
// or a run falls outside src or dst.
func CopyRuns(dst []float32, stride int, src []float32, offs []int, add, n int) {
	if n < 0 || n > 32 {
		panic(fmt.Sprintf("simd: CopyRuns: run length %d outside [0, 32]", n))
	}
	if n == 0 || len(offs) == 0 {
		return
	}
	if stride < n || len(dst) < (len(offs)-1)*stride+n {
		panic(fmt.Sprintf("simd: CopyRuns: dst len %d too short for %d lines of %d at stride %d", len(dst), len(offs), n, stride))
	}
	// The kernels check each run against src as they go (a compare per
	// line, instead of a separate pass over offs) and stop at the first
	// one outside it.
	if p := copyRuns(dst, stride, src, offs, add, n); p < len(offs) {
		panic(fmt.Sprintf("simd: CopyRuns: run %d [%d, %d) outside src len %d", p, offs[p]+add, offs[p]+add+n, len(src)))
	}
}

// copyRunsGeneric is the reference of CopyRuns: it copies the lines up to
// the first run outside src and returns how many it copied.
func copyRunsGeneric(dst []float32, stride int, src []float32, offs []int, add, n int) int {
	for p, o := range offs {
		if o+add < 0 || o+add > len(src)-n {
			return p
		}
		copy(dst[p*stride:p*stride+n], src[o+add:o+add+n])
	}
	return len(offs)
}

// CopyRunsFast reports whether CopyRuns runs as vector moves (AVX-512)
// rather than one copy call per line, for callers that choose between a
// run-by-run and an element-by-element packing.
func CopyRunsFast() bool { return asmEnabled && hasAVX512 }
