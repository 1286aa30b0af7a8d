package simd

import "fmt"

// The filter transforms of F(4x4, 3x3): U = G g Gᵀ (3x3 -> 6x6) for the
// forward pass and dg = Gᵀ dU G (6x6 -> 3x3) for the weight gradient, with
//
//	G = [ 1/4     0     0]
//	    [-1/6  -1/6  -1/6]
//	    [-1/6   1/6  -1/6]
//	    [1/24  1/12   1/6]
//	    [1/24 -1/12   1/6]
//	    [   0     0     1]
//
// the reciprocals rounded to float32. Like the data transforms, each 2-D
// transform is its 1-D transform on every column, then on every row of
// that result, written out in winogradFilter16 and winogradFilterGrad16
// with every product by a constant rounded before it is added.

// The reciprocals of the filter transforms, rounded to float32.
const (
	wgSixth        = float32(1.0 / 6)
	wgTwelfth      = float32(1.0 / 12)
	wgTwentyFourth = float32(1.0 / 24)
)

// WinogradFilter4 computes filter transforms U = G g Gᵀ for lanes lanes
// (1 to 16) and items items: the 3x3 filter of item it and lane l has tap
// t = 3i+j (row i, column j) at f[it*fItem + t*fTap + l], or, if rot, is
// that filter rotated by 180 degrees (tap t at f[it*fItem + (8-t)*fTap +
// l]); position p of its U goes to u[p*uPos + it*uItem + l]. It panics if
// an index falls outside u or f.
func WinogradFilter4(u []float32, uPos, uItem int, f []float32, fTap, fItem int, rot bool, lanes, items int) {
	if items <= 0 {
		return
	}
	winogradFilterCheck("WinogradFilter4", u, uPos, uItem, 36, f, fTap, fItem, 9, lanes, items)
	winogradFilter4(u, uPos, uItem, f, fTap, fItem, rot, lanes, items)
}

// WinogradFilterGrad4 computes filter-gradient transforms dg = Gᵀ dU G for
// lanes lanes (1 to 16) and items items: position p of the 6x6 dU of item
// it and lane l is u[p*uPos + it*uItem + l], and tap t = 3i+j of its dg
// goes to g[t*gTap + it*gItem + l]. It panics if an index falls outside g
// or u.
func WinogradFilterGrad4(g []float32, gTap, gItem int, u []float32, uPos, uItem int, lanes, items int) {
	if items <= 0 {
		return
	}
	winogradFilterCheck("WinogradFilterGrad4", g, gTap, gItem, 9, u, uPos, uItem, 36, lanes, items)
	winogradFilterGrad4(g, gTap, gItem, u, uPos, uItem, lanes, items)
}

// winogradFilterCheck panics unless the lane-contiguous arrays a (n
// positions) and b (m positions) lie inside their slices.
func winogradFilterCheck(op string, a []float32, aPos, aItem, n int, b []float32, bPos, bItem, m, lanes, items int) {
	if lanes < 1 || lanes > 16 || aPos < 0 || aItem < 0 || bPos < 0 || bItem < 0 {
		panic(fmt.Sprintf("simd: %s: %d lanes (want 1 to 16), strides %d %d %d %d", op, lanes, aPos, aItem, bPos, bItem))
	}
	if last := (n-1)*aPos + (items-1)*aItem + lanes - 1; last >= len(a) {
		panic(fmt.Sprintf("simd: %s: output index %d outside %d elements", op, last, len(a)))
	}
	if last := (m-1)*bPos + (items-1)*bItem + lanes - 1; last >= len(b) {
		panic(fmt.Sprintf("simd: %s: input index %d outside %d elements", op, last, len(b)))
	}
}

// winogradFilter16 sets w = G g on every lane: sums scaled by 1/4 (exact),
// -1/6 (a product by 1/6, then negated) and 1/24.
func winogradFilter16(w *[6][16]float32, g *[3][16]float32) {
	for l := 0; l < 16; l++ {
		g0, g1, g2 := g[0][l], g[1][l], g[2][l]
		p := g0 + g2
		q := g0 + float32(4*g2)
		h := float32(2 * g1)
		w[0][l] = float32(g0 * 0.25)
		w[1][l] = -float32((p + g1) * wgSixth)
		w[2][l] = -float32((p - g1) * wgSixth)
		w[3][l] = float32((q + h) * wgTwentyFourth)
		w[4][l] = float32((q - h) * wgTwentyFourth)
		w[5][l] = g2
	}
}

// winogradFilterGrad16 sets g = Gᵀ u on every lane.
func winogradFilterGrad16(g *[3][16]float32, u *[6][16]float32) {
	for l := 0; l < 16; l++ {
		u0, u1, u2, u3, u4, u5 := u[0][l], u[1][l], u[2][l], u[3][l], u[4][l], u[5][l]
		a, b := u1+u2, u3+u4
		c, e := u2-u1, u3-u4
		g[0][l] = float32(u0*0.25) - float32(a*wgSixth) + float32(b*wgTwentyFourth)
		g[1][l] = float32(c*wgSixth) + float32(e*wgTwelfth)
		g[2][l] = float32((b-a)*wgSixth) + u5
	}
}

// winogradFilter4Generic is the reference of WinogradFilter4.
func winogradFilter4Generic(u []float32, uPos, uItem int, f []float32, fTap, fItem int, rot bool, lanes, items int) {
	var g [3][16]float32
	var t [3][6][16]float32 // column c, row r, lane
	var w [6][16]float32
	for it := 0; it < items; it++ {
		tap := func(k int) []float32 {
			if rot {
				k = 8 - k
			}
			return f[it*fItem+k*fTap:][:lanes]
		}
		for c := 0; c < 3; c++ {
			for r := range g {
				copy(g[r][:], tap(3*r+c))
			}
			winogradFilter16(&t[c], &g)
		}
		for i := 0; i < 6; i++ {
			for c := range g {
				g[c] = t[c][i]
			}
			winogradFilter16(&w, &g)
			for j := range w {
				copy(u[(6*i+j)*uPos+it*uItem:][:lanes], w[j][:])
			}
		}
	}
}

// winogradFilterGrad4Generic is the reference of WinogradFilterGrad4.
func winogradFilterGrad4Generic(g []float32, gTap, gItem int, u []float32, uPos, uItem int, lanes, items int) {
	var d [6][16]float32
	var t [6][3][16]float32 // column j, row k, lane
	var r [3][16]float32
	for it := 0; it < items; it++ {
		for j := 0; j < 6; j++ {
			for i := range d {
				copy(d[i][:], u[(6*i+j)*uPos+it*uItem:][:lanes])
			}
			winogradFilterGrad16(&t[j], &d)
		}
		for k := 0; k < 3; k++ {
			for j := range d {
				d[j] = t[j][k]
			}
			winogradFilterGrad16(&r, &d)
			for j := range r {
				copy(g[(3*k+j)*gTap+it*gItem:][:lanes], r[j][:])
			}
		}
	}
}
