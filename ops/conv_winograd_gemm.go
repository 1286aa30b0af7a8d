package ops

import "github.com/neurocortex/neurocortex/simd"

// The Winograd paths run many small GEMMs (one per transform position and
// block of tiles, k = channels or tiles) whose operands the transforms
// write straight into the micro-kernel's packed panels, so no packing copy
// is needed: wgGemm drives simd.GemmKernel over them itself.

// wgPanels returns the length of an operand of rows×k in packed panels of
// width w (mr for A, nr for B), every panel holding kcap steps.
func wgPanels(rows, kcap, w int) int { return (rows + w - 1) / w * kcap * w }

// wgPad returns the stride, at least n, of the 36 transform positions in a
// buffer: n plus one cache line when n is a multiple of 1 KiB, so that the
// 36 values of one tile, read or written together, do not all fall into
// the same set of the L1 cache (4 KiB aliasing).
func wgPad(n int) int {
	if n%256 == 0 {
		return n + 16
	}
	return n
}

// wgPanelAt returns the offset of element (row r, step p) of an operand in
// panels of width w holding kcap steps each.
func wgPanelAt(r, p, kcap, w int) int { return r/w*kcap*w + p*w + r%w }

// wgGemm computes C (m×n, row stride ldc) = A·B, or C += A·B if load, in
// the canonical GEMM order (fma over the k steps in order), A packed in
// panels of mr rows and B in panels of nr columns (simd.GemmTile), each
// panel holding kcap >= k steps; panel rows and columns past m and n are
// read but never reach C.
func wgGemm(m, n, k, kcap int, a, b, c []float32, ldc int, load bool) {
	mr, nr := simd.GemmTile()
	if k == 0 {
		if !load {
			for i := 0; i < m; i++ {
				clear(c[i*ldc : i*ldc+n])
			}
		}
		return
	}
	for j := 0; j < n; j += nr {
		bp := b[j/nr*kcap*nr:][:k*nr]
		nn := min(nr, n-j)
		for i := 0; i < m; i += mr {
			ap := a[i/mr*kcap*mr:][:k*mr]
			if mm := min(mr, m-i); mm == mr && nn == nr {
				simd.GemmKernel(k, ap, bp, c[i*ldc+j:], ldc, load)
			} else {
				simd.GemmKernelEdge(mm, nn, k, ap, bp, c[i*ldc+j:][:(mm-1)*ldc+nn], ldc, load)
			}
		}
	}
}
