//go:build !(gc && !purego && amd64)

package simd

func winogradInput4(v []float32, vPos, vItem int, x []float32, off []int32, xRow, xItem, items int) {
	winogradInput4Generic(v, vPos, vItem, x, off, xRow, xItem, items)
}

func winogradOutput4(y []float32, off []int32, yRow, yItem int, m []float32, mPos, mItem int, bias []float32, items int) {
	winogradOutput4Generic(y, off, yRow, yItem, m, mPos, mItem, bias, items)
}

func winogradGradOutput4(z []float32, zPos, zItem int, g []float32, off []int32, gRow, gItem, items int) {
	winogradGradOutput4Generic(z, zPos, zItem, g, off, gRow, gItem, items)
}
