//go:build gc && !purego

package simd

// winogradFilter4AVX512 is WinogradFilter4 on the lanes of mask (the low
// lanes bits), f pointing at tap 0 of item 0 and fTap possibly negative:
//
//	for it := 0; it < items; it++ {
//		for l := 0; l < 16; l++ {
//			if mask&(1<<l) != 0 {
//				g[t] = f[it*fItem+t*fTap+l] for t < 9
//				u[p*uPos+it*uItem+l] = (G g Gᵀ)[p] for p < 36
//			}
//		}
//	}
//
//go:noescape
func winogradFilter4AVX512(u *float32, uPos, uItem int, f *float32, fTap, fItem, items, mask int)

// winogradFilterGrad4AVX512 is WinogradFilterGrad4 on the lanes of mask.
//
//go:noescape
func winogradFilterGrad4AVX512(dg *float32, gTap, gItem int, u *float32, uPos, uItem, items, mask int)

// winogradFilter4AVX2 and winogradFilterGrad4AVX2 are the AVX-512 kernels
// on 8 lanes with AVX2: mask holds the VMASKMOVPS masks of the lanes
// (winogradHalfMask), full is 1 when all 8 are used (plain stores).
//
//go:noescape
func winogradFilter4AVX2(u *float32, uPos, uItem int, f *float32, fTap, fItem, items int, mask *int32, full int)

//go:noescape
func winogradFilterGrad4AVX2(dg *float32, gTap, gItem int, u *float32, uPos, uItem, items int, mask *int32, full int)

func winogradFilter4(u []float32, uPos, uItem int, f []float32, fTap, fItem int, rot bool, lanes, items int) {
	if !hasAVX512 && !hasAVX2 {
		winogradFilter4Generic(u, uPos, uItem, f, fTap, fItem, rot, lanes, items)
		return
	}
	t0 := 0
	if rot {
		// The rotated filter reads the taps backwards from tap 8.
		t0, fTap = 8*fTap, -fTap
	}
	if hasAVX512 {
		winogradFilter4AVX512(&u[0], uPos, uItem, &f[t0], fTap, fItem, items, 1<<lanes-1)
		return
	}
	for h := 0; h < lanes; h += 8 {
		mask, full := winogradHalfMask(lanes - h)
		winogradFilter4AVX2(&u[h], uPos, uItem, &f[t0+h], fTap, fItem, items, &mask[0], full)
	}
}

func winogradFilterGrad4(g []float32, gTap, gItem int, u []float32, uPos, uItem int, lanes, items int) {
	switch {
	case hasAVX512:
		winogradFilterGrad4AVX512(&g[0], gTap, gItem, &u[0], uPos, uItem, items, 1<<lanes-1)
	case hasAVX2:
		for h := 0; h < lanes; h += 8 {
			mask, full := winogradHalfMask(lanes - h)
			winogradFilterGrad4AVX2(&g[h], gTap, gItem, &u[h], uPos, uItem, items, &mask[0], full)
		}
	default:
		winogradFilterGrad4Generic(g, gTap, gItem, u, uPos, uItem, lanes, items)
	}
}

// winogradHalfMask returns the VMASKMOVPS masks of the first min(n, 8)
// of 8 lanes, and 1 if that is all of them.
func winogradHalfMask(n int) (mask [8]int32, full int) {
	for l := range mask {
		if l < n {
			mask[l] = -1
		}
	}
	if n >= 8 {
		full = 1
	}
	return mask, full
}
