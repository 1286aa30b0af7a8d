package simd

import "fmt"

// Winograd F(4x4, 3x3) transforms (Lavin & Gray, "Fast Algorithms for
// Convolutional Neural Networks", 2015), on up to 16 independent lanes at
// a time: tiles (of several channels, or of one channel at several tile
// positions) whose data sit at arbitrary offsets, the transformed values
// written as up to 16 contiguous values per transform position.
//
// With the matrices
//
//	Bᵀ = [4  0 -5  0 1 0]   Aᵀ = [1 1  1 1  1 0]
//	     [0 -4 -4  1 1 0]        [0 1 -1 2 -2 0]
//	     [0  4 -4 -1 1 0]        [0 1  1 4  4 0]
//	     [0 -2 -1  2 1 0]        [0 1 -1 8 -8 1]
//	     [0  2 -1 -2 1 0]
//	     [0  4  0 -5 0 1]
//
// the input transform is V = Bᵀ d B (6x6 -> 6x6), the output transform
// Y = Aᵀ M A (6x6 -> 4x4) and the output-gradient transform Z = A dY Aᵀ
// (4x4 -> 6x6). Each 2-D transform applies its 1-D transform to every
// column first (in column order), then to every row of that result; the
// 1-D transforms are written out in winogradIn1, winogradOut1 and
// winogradGrad1, with every product by a constant rounded before it is
// added (no fused multiply-add): the assembly does exactly those
// operations, so every path gives the same bits. Position p of a 6x6
// result is row p/6, column p%6.

// WinogradInput4 computes input transforms V = Bᵀ d B for len(off) lanes
// (1 to 16) and items items: for item it and lane l the 6x6 tile
// d[r][c] = x[off[l] + it*xItem + r*xRow + c], and position p of its V goes
// to v[p*vPos + it*vItem + l]. It panics if an index falls outside x or v.
func WinogradInput4(v []float32, vPos, vItem int, x []float32, off []int32, xRow, xItem, items int) {
	if items <= 0 {
		return
	}
	winogradCheck("WinogradInput4", v, vPos, vItem, 36, x, off, xRow, xItem, 6, 6, items)
	winogradInput4(v, vPos, vItem, x, off, xRow, xItem, items)
}

// WinogradOutput4 computes output transforms Y = Aᵀ M A for len(off)
// lanes (1 to 16) and items items: M[p] = m[p*mPos + it*mItem + l], and
// Y[i][j], plus bias[it] if bias is not nil (one addition, after the
// transform), goes to y[off[l] + it*yItem + i*yRow + j]. It panics if an
// index falls outside y, m or bias.
func WinogradOutput4(y []float32, off []int32, yRow, yItem int, m []float32, mPos, mItem int, bias []float32, items int) {
	if items <= 0 {
		return
	}
	winogradCheck("WinogradOutput4", m, mPos, mItem, 36, y, off, yRow, yItem, 4, 4, items)
	if bias != nil && len(bias) < items {
		panic(fmt.Sprintf("simd: WinogradOutput4: %d biases for %d items", len(bias), items))
	}
	winogradOutput4(y, off, yRow, yItem, m, mPos, mItem, bias, items)
}

// WinogradGradOutput4 computes output-gradient transforms Z = A dY Aᵀ for
// len(off) lanes (1 to 16) and items items: the 4x4 tile
// dY[r][c] = g[off[l] + it*gItem + r*gRow + c], and position p of its Z goes
// to z[p*zPos + it*zItem + l]. It panics if an index falls outside g or z.
func WinogradGradOutput4(z []float32, zPos, zItem int, g []float32, off []int32, gRow, gItem, items int) {
	if items <= 0 {
		return
	}
	winogradCheck("WinogradGradOutput4", z, zPos, zItem, 36, g, off, gRow, gItem, 4, 4, items)
	winogradGradOutput4(z, zPos, zItem, g, off, gRow, gItem, items)
}

// winogradCheck panics unless the lane-contiguous array a (positions
// strided by aPos, items by aItem) and the tiles of rows×cols elements at
// off in t (rows tRow apart, items tItem apart) lie inside their slices.
func winogradCheck(op string, a []float32, aPos, aItem, positions int, t []float32, off []int32, tRow, tItem, rows, cols, items int) {
	lanes := len(off)
	if lanes < 1 || lanes > 16 || aPos < 0 || aItem < 0 || tRow < 0 || tItem < 0 {
		panic(fmt.Sprintf("simd: %s: %d lanes (want 1 to 16), strides %d %d %d %d", op, lanes, aPos, aItem, tRow, tItem))
	}
	if last := (positions-1)*aPos + (items-1)*aItem + lanes - 1; last >= len(a) {
		panic(fmt.Sprintf("simd: %s: transform index %d outside %d elements", op, last, len(a)))
	}
	span := (items-1)*tItem + (rows-1)*tRow + cols - 1
	for l, o := range off {
		// int32 offsets: the assembly indexes with 32-bit lanes.
		if o < 0 || int(o)+span >= len(t) || int(o)+span > 1<<31-1 {
			panic(fmt.Sprintf("simd: %s: lane %d at offset %d, tile span %d outside %d elements", op, l, o, span, len(t)))
		}
	}
}
