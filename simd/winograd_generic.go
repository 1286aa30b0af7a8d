package simd

// The 1-D transforms of F(4x4, 3x3), in their canonical order. Every
// product by a constant is converted to float32 before it is added, which
// forbids the compiler to fuse it (see DESIGN.md); products by 2, 4 and 8
// are exact unless they overflow.

// winogradIn1 is r = Bᵀ d.
func winogradIn1(d0, d1, d2, d3, d4, d5 float32) (r0, r1, r2, r3, r4, r5 float32) {
	r0 = float32(4*d0) - float32(5*d2) + d4
	r5 = float32(4*d1) - float32(5*d3) + d5
	s1, s2 := d1+d2, d3+d4
	r1 = s2 - float32(4*s1)
	t1, t2 := d1-d2, d4-d3
	r2 = t2 + float32(4*t1)
	u1, u2 := d3-d1, d4-d2
	u1 = float32(2 * u1)
	r3 = u2 + u1
	r4 = u2 - u1
	return
}

// winogradOut1 is y = Aᵀ m.
func winogradOut1(m0, m1, m2, m3, m4, m5 float32) (y0, y1, y2, y3 float32) {
	a, b := m1+m2, m1-m2
	c, d := m3+m4, m3-m4
	y0 = m0 + a + c
	y1 = b + float32(2*d)
	y2 = a + float32(4*c)
	y3 = b + float32(8*d) + m5
	return
}

// winogradGrad1 is z = A g.
func winogradGrad1(g0, g1, g2, g3 float32) (z0, z1, z2, z3, z4, z5 float32) {
	e, o := g0+g2, g1+g3
	z1, z2 = e+o, e-o
	e2 := g0 + float32(4*g2)
	o2 := float32(2*g1) + float32(8*g3)
	z3, z4 = e2+o2, e2-o2
	return g0, z1, z2, z3, z4, g3
}

// winogradInput4Generic is the reference of WinogradInput4.
func winogradInput4Generic(v []float32, vPos, vItem int, x []float32, off []int32, xRow, xItem, items int) {
	var t [36]float32
	for it := 0; it < items; it++ {
		for l, o := range off {
			b := int(o) + it*xItem
			for c := 0; c < 6; c++ {
				t[c], t[6+c], t[12+c], t[18+c], t[24+c], t[30+c] = winogradIn1(
					x[b+c], x[b+xRow+c], x[b+2*xRow+c], x[b+3*xRow+c], x[b+4*xRow+c], x[b+5*xRow+c])
			}
			dst := it*vItem + l
			for i := 0; i < 6; i++ {
				r := t[6*i : 6*i+6]
				r0, r1, r2, r3, r4, r5 := winogradIn1(r[0], r[1], r[2], r[3], r[4], r[5])
				p := dst + 6*i*vPos
				v[p] = r0
				v[p+vPos] = r1
				v[p+2*vPos] = r2
				v[p+3*vPos] = r3
				v[p+4*vPos] = r4
				v[p+5*vPos] = r5
			}
		}
	}
}

// winogradOutput4Generic is the reference of WinogradOutput4.
func winogradOutput4Generic(y []float32, off []int32, yRow, yItem int, m []float32, mPos, mItem int, bias []float32, items int) {
	var t [24]float32
	for it := 0; it < items; it++ {
		for l, o := range off {
			src := it*mItem + l
			for c := 0; c < 6; c++ {
				p := src + c*mPos
				t[c], t[6+c], t[12+c], t[18+c] = winogradOut1(
					m[p], m[p+6*mPos], m[p+12*mPos], m[p+18*mPos], m[p+24*mPos], m[p+30*mPos])
			}
			b := int(o) + it*yItem
			for i := 0; i < 4; i++ {
				r := t[6*i : 6*i+6]
				y0, y1, y2, y3 := winogradOut1(r[0], r[1], r[2], r[3], r[4], r[5])
				if bias != nil {
					y0 += bias[it]
					y1 += bias[it]
					y2 += bias[it]
					y3 += bias[it]
				}
				row := y[b+i*yRow : b+i*yRow+4]
				row[0], row[1], row[2], row[3] = y0, y1, y2, y3
			}
		}
	}
}

// winogradGradOutput4Generic is the reference of WinogradGradOutput4.
func winogradGradOutput4Generic(z []float32, zPos, zItem int, g []float32, off []int32, gRow, gItem, items int) {
	var t [24]float32
	for it := 0; it < items; it++ {
		for l, o := range off {
			b := int(o) + it*gItem
			for c := 0; c < 4; c++ {
				t[c], t[4+c], t[8+c], t[12+c], t[16+c], t[20+c] = winogradGrad1(
					g[b+c], g[b+gRow+c], g[b+2*gRow+c], g[b+3*gRow+c])
			}
			dst := it*zItem + l
			for i := 0; i < 6; i++ {
				r := t[4*i : 4*i+4]
				z0, z1, z2, z3, z4, z5 := winogradGrad1(r[0], r[1], r[2], r[3])
				p := dst + 6*i*zPos
				z[p] = z0
				z[p+zPos] = z1
				z[p+2*zPos] = z2
				z[p+3*zPos] = z3
				z[p+4*zPos] = z4
				z[p+5*zPos] = z5
			}
		}
	}
}
