package ops

import (
	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
)

// The weight gradient on the Winograd path. With U = G g Gᵀ, the forward
// pass is Y_t = Aᵀ (U ⊙ V_t) A per tile t, so
//
//	dg = Gᵀ dU G,  dU[p] = Σ_t Z_t[p]·V_t[p],  Z_t = A dY_t Aᵀ,
//
// dY_t being the 4x4 block of gy of tile t, zero past Ho and Wo.
//
// Canonical order: the tiles (numbered sample by sample, row by row) are
// cut into chunks of winogradChunkTiles; per chunk and position p,
// dU[p][co][ci] = Σ_t fma(Z_t[p][co], V_t[p][ci], acc) over the chunk's
// tiles in order from zero (the canonical GEMM order), V_t by
// simd.WinogradInput4 and Z_t by simd.WinogradGradOutput4; the chunks are
// added by blas.SumTree; then dg = Gᵀ dU G in simd.WinogradFilterGrad4's order.
// The bits depend on the chunk size (a constant), never on the threads.

// winogradChunkTiles is the tiles of one leaf of the weight gradient's sum
// tree: a constant, so that the bits do not depend on the threads.
const winogradChunkTiles = 128

// convWinogradBackwardWeight sets gwd [cout, cin, 3, 3] to the weight
// gradient in the order above.
func convWinogradBackwardWeight(g *convGeom, xd, gyd, gwd []float32) {
	c := winogradGeom(g.n, g.cin, g.h, g.w, g.ph, g.pw, g.cout)
	plane := c.hq * c.wq
	// gy in whole 4x4 tiles: itself, or copied into zero-padded planes
	// (gy's geometry as an unpadded input of 4·th×4·tw planes).
	gRow, gPlane := c.wo, c.ho*c.wo
	gc := wgConv{n: c.n, cin: c.cout, h: c.ho, w: c.wo, hq: 4 * c.th, wq: 4 * c.tw}
	gPadded := c.ho%4 != 0 || c.wo%4 != 0
	if gPadded {
		gRow, gPlane = gc.wq, gc.hq*gc.wq
	}
	// Small images (a chunk holds whole samples): each chunk pads the
	// samples of its tiles, within its own cache. Else x and gy are padded
	// whole first.
	local := c.th*c.tw <= winogradChunkTiles && !winogradLocalOff
	var xq []float32
	gq := gyd
	if !local {
		xq = convGetBuf(c.n*c.cin*plane + 8) // +8: the fast input transform reads 2 floats past a tile
		defer convPutBuf(xq)
		c.padInput(xq, xd)
		if gPadded {
			gq = convGetBuf(c.n * c.cout * gPlane)
			defer convPutBuf(gq)
			gc.padInput(gq, gyd)
		}
	}
	xOff, gOff := winogradLaneOffsets(c.cin, plane), winogradLaneOffsets(c.cout, gPlane)
	// Per chunk, dU[p] by wgGemm over the tiles of a sub-block: as
	// V[p]ᵀ·Z[p] (cin×cout: V in A panels of mr channels, Z in B panels of
	// nr channels) or, when that fills the micro-kernel's tiles better, as
	// Z[p]ᵀ·V[p] (cout×cin). fma(v, z, acc) is fma(z, v, acc): either is
	// the order above.
	mr, nr := simd.GemmTile()
	fill := func(m, n int) float64 {
		return float64(m) / float64((m+mr-1)/mr*mr) * float64(n) / float64((n+nr-1)/nr*nr)
	}
	zA := fill(c.cout, c.cin) >= fill(c.cin, c.cout) // ties: dU by output channel, as gw
	if winogradGWFlip != 0 {
		zA = winogradGWFlip == 2
	}
	vW, zW := mr, nr // panel widths
	gm, gn := c.cin, c.cout
	if zA {
		vW, zW = nr, mr
		gm, gn = c.cout, c.cin
	}
	sub := winogradBlock(c.cin, c.cout)
	vSize, zSize := wgPad(wgPanels(c.cin, sub, vW)), wgPad(wgPanels(c.cout, sub, zW))
	// dU is [rows][36][cols] (rows, cols = gm, gn): the GEMM of position
	// p writes columns p·cols on, the rows 36·cols apart, so that the
	// filter transform below reads each row's 36 positions contiguously.
	rowLen := 36 * gn
	du := convGetBuf(gm * rowLen)
	defer convPutBuf(du)
	tiles := c.tiles()
	blas.SumTree((tiles+winogradChunkTiles-1)/winogradChunkTiles, du, func(k int, out []float32) {
		v := convGetBuf(36 * vSize)
		z := convGetBuf(36 * zSize)
		defer convPutBuf(v)
		defer convPutBuf(z)
		t1 := min(tiles, (k+1)*winogradChunkTiles)
		n0, x, gy := 0, xq, gq
		if local {
			var n1 int
			n0, n1 = c.samples(k*winogradChunkTiles, t1)
			x = convGetBuf((n1-n0)*c.cin*plane + 8)
			defer convPutBuf(x)
			c.padSamples(x, xd, n0, n1)
			if gPadded {
				gy = convGetBuf((n1 - n0) * c.cout * gPlane)
				defer convPutBuf(gy)
				gc.padSamples(gy, gyd, n0, n1)
			} else {
				gy = gyd[n0*c.cout*gPlane:]
			}
		}
		for s0 := k * winogradChunkTiles; s0 < t1; s0 += sub {
			s1 := min(t1, s0+sub)
			for t := s0; t < s1; {
				per := c.th * c.tw
				n, ty, tx := t/per, t%per/c.tw, t%c.tw
				run := min(s1-t, c.tw-tx)
				xo := (n-n0)*c.cin*plane + 4*ty*c.wq + 4*tx
				for ci := 0; ci < c.cin; {
					lanes := min(16, c.cin-ci, vW-ci%vW) // within one panel
					simd.WinogradInput4(v[wgPanelAt(ci, t-s0, sub, vW):], vSize, vW, x[xo:],
						xOff[ci:ci+lanes], c.wq, 4, run)
					ci += lanes
				}
				gOrigin := (n-n0)*c.cout*gPlane + 4*ty*gRow + 4*tx
				for co := 0; co < c.cout; {
					lanes := min(16, c.cout-co, zW-co%zW)
					simd.WinogradGradOutput4(z[wgPanelAt(co, t-s0, sub, zW):], zSize, zW, gy[gOrigin:],
						gOff[co:co+lanes], gRow, 4, run)
					co += lanes
				}
				t += run
			}
			for p := 0; p < 36; p++ {
				a, b := v[p*vSize:], z[p*zSize:]
				if zA {
					a, b = b, a
				}
				wgGemm(gm, gn, s1-s0, sub, a, b, out[p*gn:], rowLen, s0 > k*winogradChunkTiles)
			}
		}
	})
	// Row r of dU holds cout (if zA, else cin) index r. Per row, dg = Gᵀ dU G
	// into 9 tap planes of its columns (lanes along the row), then each
	// column's 9 taps into gw.
	blas.ParallelFor(gm, func(r int) {
		row := du[r*rowLen : (r+1)*rowLen]
		taps := convGetBuf(9 * gn)
		defer convPutBuf(taps)
		for col := 0; col < gn; col += 16 {
			simd.WinogradFilterGrad4(taps[col:], gn, 0, row[col:], gn, 0, min(16, gn-col), 1)
		}
		f, step := r, c.cin // filter index of (row r, column 0), and per column
		if zA {
			f, step = r*c.cin, 1
		}
		for col := 0; col < gn; col++ {
			d := gwd[(f+col*step)*9:][:9]
			d[0], d[1], d[2] = taps[col], taps[gn+col], taps[2*gn+col]
			d[3], d[4], d[5] = taps[3*gn+col], taps[4*gn+col], taps[5*gn+col]
			d[6], d[7], d[8] = taps[6*gn+col], taps[7*gn+col], taps[8*gn+col]
		}
	})
}

// winogradGWFlip forces the orientation of the weight gradient's GEMMs
// (tests: 1 Vᵀ·Z, 2 Zᵀ·V; 0 chooses).
var winogradGWFlip int

// winogradLaneOffsets returns the offsets i*plane, i < n: lanes over
// channels.
func winogradLaneOffsets(n, plane int) []int32 {
	off := make([]int32, n)
	for i := range off {
		off[i] = int32(i * plane)
	}
	return off
}
