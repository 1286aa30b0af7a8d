//go:build gc && !purego

package simd

// The AVX-512 Winograd kernels compute the lanes whose bit is set in mask
// (the low len(off) bits) at the int32 offsets off, exactly as the generic
// twins of winograd_generic.go do; strides are in elements. Each moves the
// tiles between rows in memory and lanes in registers with 16x16, 16x8 or
// 16x4 transposes (gathers and scatters are slow on Zen 4). The AVX2
// kernels do the same on 8 lanes, mask holding 8 VMASKMOVPS lane masks.

//go:noescape
func winogradInput4AVX512(v *float32, vPos, vItem int, x *float32, off *int32, xRow, xItem, items, mask int)

//go:noescape
func winogradOutput4AVX512(y *float32, off *int32, yRow, yItem int, m *float32, mPos, mItem int, bias *float32, items, mask, runs int)

//go:noescape
func winogradGradOutput4AVX512(z *float32, zPos, zItem int, gy *float32, off *int32, gRow, gItem, items, mask int)

//go:noescape
func winogradInput4AVX2(v *float32, vPos, vItem int, x *float32, off *int32, xRow, xItem, items int, mask *int32)

//go:noescape
func winogradOutput4AVX2(y *float32, off *int32, yRow, yItem int, m *float32, mPos, mItem int, bias *float32, items, lanes int, mask *int32)

//go:noescape
func winogradGradOutput4AVX2(z *float32, zPos, zItem int, gy *float32, off *int32, gRow, gItem, items int, mask *int32)

func winogradInput4(v []float32, vPos, vItem int, x []float32, off []int32, xRow, xItem, items int) {
	// The assembly reads 8 floats from each tile row: 2 past the tile.
	_, last := winogradLanes(off)
	if !(hasAVX512 || hasAVX2) || last+(items-1)*xItem+5*xRow+8 > len(x) {
		winogradInput4Generic(v, vPos, vItem, x, off, xRow, xItem, items)
		return
	}
	if hasAVX512 {
		o, _ := winogradLanes(off)
		winogradInput4AVX512(&v[0], vPos, vItem, &x[0], &o[0], xRow, xItem, items, 1<<len(off)-1)
		return
	}
	for h := 0; h < len(off); h += 8 {
		o, mask := winogradHalf(off[h:])
		winogradInput4AVX2(&v[h], vPos, vItem, &x[0], &o[0], xRow, xItem, items, &mask[0])
	}
}

func winogradOutput4(y []float32, off []int32, yRow, yItem int, m []float32, mPos, mItem int, bias []float32, items int) {
	var b *float32
	if bias != nil {
		b = &bias[0]
	}
	switch {
	case hasAVX512:
		// Bit g of runs: lanes 4g..4g+3 are four tiles side by side in a row.
		runs := 0
		for g := 0; 4*g+3 < len(off); g++ {
			if o := off[4*g]; off[4*g+1] == o+4 && off[4*g+2] == o+8 && off[4*g+3] == o+12 {
				runs |= 1 << g
			}
		}
		winogradOutput4AVX512(&y[0], &off[0], yRow, yItem, &m[0], mPos, mItem, b, items, 1<<len(off)-1, runs)
	case hasAVX2:
		for h := 0; h < len(off); h += 8 {
			o, mask := winogradHalf(off[h:])
			winogradOutput4AVX2(&y[0], &o[0], yRow, yItem, &m[h], mPos, mItem, b, items, min(8, len(off)-h), &mask[0])
		}
	default:
		winogradOutput4Generic(y, off, yRow, yItem, m, mPos, mItem, bias, items)
	}
}

func winogradGradOutput4(z []float32, zPos, zItem int, g []float32, off []int32, gRow, gItem, items int) {
	switch {
	case hasAVX512:
		o, _ := winogradLanes(off)
		winogradGradOutput4AVX512(&z[0], zPos, zItem, &g[0], &o[0], gRow, gItem, items, 1<<len(off)-1)
	case hasAVX2:
		for h := 0; h < len(off); h += 8 {
			o, mask := winogradHalf(off[h:])
			winogradGradOutput4AVX2(&z[h], zPos, zItem, &g[0], &o[0], gRow, gItem, items, &mask[0])
		}
	default:
		winogradGradOutput4Generic(z, zPos, zItem, g, off, gRow, gItem, items)
	}
}

// winogradLanes returns off padded to 16 lanes with copies of off[0] (the
// assembly loads every lane and stores only the used ones), and the
// largest offset.
func winogradLanes(off []int32) (o [16]int32, last int) {
	copy(o[:], off)
	for l := range o {
		if l >= len(off) {
			o[l] = off[0]
		}
		last = max(last, int(o[l]))
	}
	return o, last
}

// winogradHalf returns the first 8 lanes of off, padded with copies of
// off[0], and their VMASKMOVPS masks (-1 for the lanes of off).
func winogradHalf(off []int32) (o, mask [8]int32) {
	for l := range o {
		o[l] = off[0]
		if l < len(off) {
			o[l] = off[l]
		}
	}
	mask, _ = winogradHalfMask(len(off))
	return o, mask
}
