//go:build gc && !purego

package simd

// winogradPadAVX2 is WinogradPad for wq <= 32, h >= 1 and w >= 1, dmask
// the image's lanes (pw to pw+w-1). AVX-512 CPUs run it too: masked stores
// cost more there than the spilled lanes. Each row is stored as whole
// 8-lane vectors, the lanes past wq spilling into what follows it (the
// next row, written after it), so the caller leaves enough planes at the
// end to the generic twin for the last spill to land in.
//
//go:noescape
func winogradPadAVX2(dst, src *float32, planes, h, w, pw, top, bottom, wq int, dmask uint32)

func winogradPad(dst []float32, hq, wq, ph, pw int, src []float32, h, w, planes int) {
	spill := (wq+7)/8*8 - wq
	exact := max(1, (spill+hq*wq-1)/(hq*wq)) // planes left to the generic twin
	if !hasAVX2 || wq > 32 || h == 0 || w == 0 || planes <= exact {
		winogradPadGeneric(dst, hq, wq, ph, pw, src, h, w, planes)
		return
	}
	k := planes - exact
	winogradPadAVX2(&dst[0], &src[0], k, h, w, pw, ph, hq-ph-h, wq, uint32(uint64(1)<<(pw+w)-1<<pw))
	winogradPadGeneric(dst[k*hq*wq:], hq, wq, ph, pw, src[k*h*w:], h, w, exact)
}
