//go:build gc && !purego

package simd

// depthwiseWideAVX512 computes DepthwiseWide for n outputs (a multiple of
// 16), 64 at a time in four independent accumulators, then 16 at a time;
// x points at the origin of the taps (x[off] of DepthwiseWide).
//
//go:noescape
func depthwiseWideAVX512(y, x, w *float32, n, kh, kw, rowStep, colStep int, bias float32)

func depthwiseWide(y, x []float32, off int, w []float32, kh, kw, rowStep, colStep int, bias float32) {
	if !hasAVX512 {
		depthwiseWideGeneric(y, x, off, w, kh, kw, rowStep, colStep, bias)
		return
	}
	depthwiseWideAVX512(&y[0], &x[off], &w[0], len(y), kh, kw, rowStep, colStep, bias)
}
