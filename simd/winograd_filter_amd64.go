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

func winogradFilter4(u []float32, uPos, uItem int, f []float32, fTap, fItem int, rot bool, lanes, items int) {
	if !hasAVX512 {
		winogradFilter4Generic(u, uPos, uItem, f, fTap, fItem, rot, lanes, items)
		return
	}
	f0 := &f[0]
	if rot {
		// The rotated filter reads the taps backwards from tap 8.
		f0, fTap = &f[8*fTap], -fTap
	}
	winogradFilter4AVX512(&u[0], uPos, uItem, f0, fTap, fItem, items, 1<<lanes-1)
}

func winogradFilterGrad4(g []float32, gTap, gItem int, u []float32, uPos, uItem int, lanes, items int) {
	if !hasAVX512 {
		winogradFilterGrad4Generic(g, gTap, gItem, u, uPos, uItem, lanes, items)
		return
	}
	winogradFilterGrad4AVX512(&g[0], gTap, gItem, &u[0], uPos, uItem, items, 1<<lanes-1)
}
