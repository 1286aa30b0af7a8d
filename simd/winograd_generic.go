package simd

// The 1-D transforms of F(4x4, 3x3) in their canonical order, each on 16
// lanes at once (fixed-size arrays: no bounds checks in the loops, one call
// per 16 tiles). Every product by a constant is converted to float32 before
// it is added, which forbids the compiler to fuse it (see DESIGN.md);
// products by 2, 4 and 8 are exact unless they overflow.

// winogradIn16 sets r = Bᵀ d on every lane.
func winogradIn16(r, d *[6][16]float32) {
	for l := 0; l < 16; l++ {
		d0, d1, d2, d3, d4, d5 := d[0][l], d[1][l], d[2][l], d[3][l], d[4][l], d[5][l]
		r[0][l] = float32(4*d0) - float32(5*d2) + d4
		r[5][l] = float32(4*d1) - float32(5*d3) + d5
		s1, s2 := d1+d2, d3+d4
		r[1][l] = s2 - float32(4*s1)
		t1, t2 := d1-d2, d4-d3
		r[2][l] = t2 + float32(4*t1)
		u1, u2 := float32(2*(d3-d1)), d4-d2
		r[3][l] = u2 + u1
		r[4][l] = u2 - u1
	}
}

// winogradOut16 sets y = Aᵀ m on every lane.
func winogradOut16(y *[4][16]float32, m *[6][16]float32) {
	for l := 0; l < 16; l++ {
		a, b := m[1][l]+m[2][l], m[1][l]-m[2][l]
		c, d := m[3][l]+m[4][l], m[3][l]-m[4][l]
		y[0][l] = m[0][l] + a + c
		y[1][l] = b + float32(2*d)
		y[2][l] = a + float32(4*c)
		y[3][l] = b + float32(8*d) + m[5][l]
	}
}

// winogradGrad16 sets z = A g on every lane.
func winogradGrad16(z *[6][16]float32, g *[4][16]float32) {
	for l := 0; l < 16; l++ {
		g0, g1, g2, g3 := g[0][l], g[1][l], g[2][l], g[3][l]
		e, o := g0+g2, g1+g3
		e2 := g0 + float32(4*g2)
		o2 := float32(2*g1) + float32(8*g3)
		z[0][l], z[1][l], z[2][l], z[3][l], z[4][l], z[5][l] = g0, e+o, e-o, e2+o2, e2-o2, g3
	}
}

// winogradInput4Generic is the reference of WinogradInput4: per item, the
// 1-D transform on each column of the tiles, then on each row.
func winogradInput4Generic(v []float32, vPos, vItem int, x []float32, off []int32, xRow, xItem, items int) {
	var d, r [6][16]float32
	var cols [6][6][16]float32 // column c, row r, lane
	for it := 0; it < items; it++ {
		base := it * xItem
		for c := 0; c < 6; c++ {
			for l, o := range off {
				b := int(o) + base + c
				for k := range d {
					d[k][l] = x[b+k*xRow]
				}
			}
			winogradIn16(&cols[c], &d)
		}
		for i := 0; i < 6; i++ {
			for c := range d {
				d[c] = cols[c][i]
			}
			winogradIn16(&r, &d)
			for j := range r {
				copy(v[(6*i+j)*vPos+it*vItem:][:len(off)], r[j][:])
			}
		}
	}
}

// winogradOutput4Generic is the reference of WinogradOutput4.
func winogradOutput4Generic(y []float32, off []int32, yRow, yItem int, m []float32, mPos, mItem int, bias []float32, items int) {
	var d [6][16]float32
	var r [4][16]float32
	var cols [6][4][16]float32 // column c, row i, lane
	for it := 0; it < items; it++ {
		for c := 0; c < 6; c++ {
			for k := range d {
				copy(d[k][:], m[(6*k+c)*mPos+it*mItem:][:len(off)])
			}
			winogradOut16(&cols[c], &d)
		}
		for i := 0; i < 4; i++ {
			for c := range d {
				d[c] = cols[c][i]
			}
			winogradOut16(&r, &d)
			for l, o := range off {
				row := y[int(o)+it*yItem+i*yRow:][:4]
				row[0], row[1], row[2], row[3] = r[0][l], r[1][l], r[2][l], r[3][l]
				if bias != nil {
					for j := range row {
						row[j] += bias[it]
					}
				}
			}
		}
	}
}

// winogradGradOutput4Generic is the reference of WinogradGradOutput4.
func winogradGradOutput4Generic(z []float32, zPos, zItem int, g []float32, off []int32, gRow, gItem, items int) {
	var d [4][16]float32
	var r [6][16]float32
	var cols [4][6][16]float32 // column c, row i, lane
	for it := 0; it < items; it++ {
		for c := 0; c < 4; c++ {
			for l, o := range off {
				b := int(o) + it*gItem + c
				for k := range d {
					d[k][l] = g[b+k*gRow]
				}
			}
			winogradGrad16(&cols[c], &d)
		}
		for i := 0; i < 6; i++ {
			for c := range d {
				d[c] = cols[c][i]
			}
			winogradGrad16(&r, &d)
			for j := range r {
				copy(z[(6*i+j)*zPos+it*zItem:][:len(off)], r[j][:])
			}
		}
	}
}
