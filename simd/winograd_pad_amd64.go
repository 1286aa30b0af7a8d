//go:build gc && !purego

package simd

// winogradPadAVX512 is WinogradPad for wq <= 32 and h >= 1: dmask holds
// the image's lanes (pw to pw+w-1) and rmask the row's (0 to wq-1).
//
//go:noescape
func winogradPadAVX512(dst, src *float32, planes, h, w, pw, top, bottom, wq int, dmask, rmask uint32)

func winogradPad(dst []float32, hq, wq, ph, pw int, src []float32, h, w, planes int) {
	if !hasAVX512 || wq > 32 || h == 0 || w == 0 {
		winogradPadGeneric(dst, hq, wq, ph, pw, src, h, w, planes)
		return
	}
	dmask := uint32(uint64(1)<<(pw+w) - 1<<pw)
	rmask := uint32(uint64(1)<<wq - 1)
	winogradPadAVX512(&dst[0], &src[0], planes, h, w, pw, ph, hq-ph-h, wq, dmask, rmask)
}
