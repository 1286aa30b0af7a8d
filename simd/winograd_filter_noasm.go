//go:build !(gc && !purego && amd64)

package simd

func winogradFilter4(u []float32, uPos, uItem int, f []float32, fTap, fItem int, rot bool, lanes, items int) {
	winogradFilter4Generic(u, uPos, uItem, f, fTap, fItem, rot, lanes, items)
}

func winogradFilterGrad4(g []float32, gTap, gItem int, u []float32, uPos, uItem int, lanes, items int) {
	winogradFilterGrad4Generic(g, gTap, gItem, u, uPos, uItem, lanes, items)
}
