//go:build gc && !purego

package simd

// depthwiseWideAVX512 computes DepthwiseWide for n outputs (a multiple of
// 16), 64 at a time in four independent accumulators, then 16 at a time.
//
//go:noescape
func depthwiseWideAVX512(y, x, w *float32, n, kh, kw, rowStep, colStep int, bias float32)

func depthwiseWide(y, x, w []float32, kh, kw, rowStep, colStep int, bias float32) {
	if !hasAVX512 {
		depthwiseWideGeneric(y, x, w, kh, kw, rowStep, colStep, bias)
		return
	}
	depthwiseWideAVX512(&y[0], &x[0], &w[0], len(y), kh, kw, rowStep, colStep, bias)
}
