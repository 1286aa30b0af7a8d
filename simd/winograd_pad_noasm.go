//go:build !(gc && !purego && amd64)

package simd

func winogradPad(dst []float32, hq, wq, ph, pw int, src []float32, h, w, planes int) {
	winogradPadGeneric(dst, hq, wq, ph, pw, src, h, w, planes)
}
