//go:build gc && !purego

package simd

import "unsafe"

// depthwiseConvAVX512 computes DepthwisePlan.Conv from the base x of the
// input slice and off, with offs, tapMask and outMask the plan's tables
// (tapMask rows of ntaps masks, one per 16-column block): the columns 16
// at a time, rows eight, then four at a time (independent accumulators), each
// tap's input a zero-masked load,
//
//	for b := 0; b < nb; b++ {
//		for r := 0; r < rows; r++ {
//			acc := bias (16 lanes)
//			for t := 0; t < ntaps; t++ {
//				acc = fma(w[t], load(x[off+offs[t]+r*ldx+16*b:], tapMask[b*ntaps+t]), acc)
//			}
//			store(y[r*ldy+16*b:], acc, outMask[b])
//		}
//	}
//
//go:noescape
func depthwiseConvAVX512(y, x *float32, off int, w *float32, offs *int, tapMask, outMask *uint16, rows, nb, ldy, ldx, ntaps int, bias float32)

// depthwiseDotAVX512 runs DepthwisePlan.DotLanes for ntaps <= 16 taps
// (offs and tapMask start at the first; the rows of tapMask are mstride
// apart) on the 16 lanes per tap in acc[:16*ntaps], each tap's lanes one
// register:
//
//	for b := b0; b < b1; b++ {
//		for r := 0; r < rows; r++ {
//			gv := load(gy[r*ldg+16*b:], outMask[b])
//			for t := 0; t < ntaps; t++ {
//				acc[t] = fma(gv, load(x[off+offs[t]+r*ldx+16*b:], tapMask[b*mstride+t]), acc[t])
//			}
//		}
//	}
//
//go:noescape
func depthwiseDotAVX512(acc *float32, gy, x *float32, off int, offs *int, tapMask, outMask *uint16, rows, ldg, ldx, ntaps, mstride, b0, b1 int)

// depthwiseConvAVX2 is depthwiseConvAVX512 with AVX2 and FMA.
//
//go:noescape
func depthwiseConvAVX2(y, x *float32, off int, w *float32, offs *int, tapMask, outMask *uint16, rows, nb, ldy, ldx, ntaps int, bias float32)

// depthwiseDotAVX2 is depthwiseDotAVX512 with AVX2 and FMA, for ntaps <= 4
// taps (their lanes fill eight of the sixteen registers).
//
//go:noescape
func depthwiseDotAVX2(acc *float32, gy, x *float32, off int, offs *int, tapMask, outMask *uint16, rows, ldg, ldx, ntaps, mstride, b0, b1 int)

// depthwiseConv3AVX512 computes DepthwisePlan.Conv for a 3×3 grid of taps
// (dwGrid3) on nstrips strips of four output rows, ystrip and xstrip bytes
// apart. In a strip, output j (j < 4) is at y[yoff:] plus j*ystep bytes
// and input row s (s < 6, a "slot") at x[xoff:] plus s*xstep bytes; output
// j takes kernel row a from slot j+a (the caller orders the rows so: with
// the kernel rows going backwards, the strip runs bottom up). The slots of
// the first strip are input rows row0, row0+rowDir, ..., those of the next
// four rows further on; a slot outside [0, inRows) reads as zero and is
// not loaded. With nt (whole rows of 16-column blocks, 64-byte aligned)
// the stores are non-temporal: the outputs of a convolution are megabytes
// that the caches would only have to read in before they are overwritten.
// Per block b of 16 columns (the masks of tap (0, c) for
// column c, from tapMask rows of 9):
//
//	acc[j] := bias
//	for a := 0; a < 3; a++ {
//		for c := 0; c < 3; c++ {
//			acc[j] = fma(w[3a+c], load(slot(j+a)[16*b+cols[c]/4:], tapMask[9b+c]), acc[j])
//		}
//	}
//	store(output j [16*b:], acc[j], outMask[b])
//
//go:noescape
func depthwiseConv3AVX512(y *float32, yoff, ystep int, x *float32, xoff, xstep, ystrip, xstrip, nstrips int, cols *[3]int, w *float32, tapMask, outMask *uint16, nb, row0, rowDir, inRows, nt int, pf uintptr, pfLeft int, bias float32)

// depthwiseConv3x8AVX512 is depthwiseConv3AVX512 on strips of eight output
// rows (ten slots): twice the independent accumulators.
//
//go:noescape
func depthwiseConv3x8AVX512(y *float32, yoff, ystep int, x *float32, xoff, xstep, ystrip, xstrip, nstrips int, cols *[3]int, w *float32, tapMask, outMask *uint16, nb, row0, rowDir, inRows, nt int, pf uintptr, pfLeft int, bias float32)

// depthwiseDot3AVX512 runs DepthwisePlan.DotLanes for a 3×3 grid of taps
// (dwGrid3) on the 9×16 lanes in acc: input row s (s < rows+2) at
// x[xoff+s*ldx:] is loaded once, as three shifted vectors (zero, and not
// loaded, if row0+s is outside [0, inRows)), for the kernel rows a whose
// output row s-d[a] is one of the rows,
//
//	for b := b0; b < b1; b++ {
//		for s := 0; s < rows+2; s++ {
//			for a := 0; a < 3; a++ {
//				if r := s - d[a]; 0 <= r && r < rows {
//					gv := load(gy[goff+r*ldg+16*b:], outMask[b])
//					for c := 0; c < 3; c++ {
//						acc[3a+c] = fma(gv, load(x[xoff+s*ldx+16*b+cols[c]/4:], tapMask[9b+c]), acc[3a+c])
//					}
//				}
//			}
//		}
//	}
//
// which for each tap takes the rows in order, as DotLanes does.
//
//go:noescape
func depthwiseDot3AVX512(acc *float32, gy *float32, goff int, x *float32, xoff, ldg, ldx, rows int, cols *[3]int, d0, d1, d2 int, tapMask, outMask *uint16, b0, b1, row0, inRows int, pf uintptr, pfLeft int)

// foldLanesAVX512 sets out[t] to the fold of the 16 lanes acc[16t:16t+16]
// for t < n, by the tree of foldLanes (each addition the same, lane by
// lane).
//
//go:noescape
func foldLanesAVX512(out, acc *float32, n int)

func foldLanesN(out, acc []float32) {
	if !hasAVX512 || len(out) == 0 {
		foldLanesGeneric(out, acc)
		return
	}
	foldLanesAVX512(&out[0], &acc[0], len(out))
}

// dwAllRows numbers the input rows of Conv and DotLanes, which the caller
// guarantees, so that every row a kernel reads counts as inside: from
// dwAllRows on, of 2*dwAllRows.
const dwAllRows = 1 << 40

func depthwiseConv(p *DepthwisePlan, y []float32, rows int, x []float32, off int, w []float32, bias float32) {
	if !hasAVX512 {
		if hasAVX2 {
			depthwiseConvAVX2(&y[0], unsafe.SliceData(x), off, &w[0], &p.offs[0], &p.tapMask[0], &p.outMask[0], rows, len(p.outMask), p.ldy, p.ldx, len(p.taps), bias)
			return
		}
		depthwiseConvGeneric(p, y, rows, x, off, w, bias)
		return
	}
	if p.grid != nil && rows >= 4 {
		conv3(p, y, rows, x, off, dwAllRows, 2*dwAllRows, w, bias, nil)
		return
	}
	depthwiseConvAVX512(&y[0], unsafe.SliceData(x), off, &w[0], &p.offs[0], &p.tapMask[0], &p.outMask[0], rows, len(p.outMask), p.ldy, p.ldx, len(p.taps), bias)
}

func planeKernels() bool { return hasAVX512 }

func depthwiseConvPlane(p *DepthwisePlan, y []float32, rows int, x []float32, off, inRows int, w []float32, bias float32, ahead []float32) {
	if !hasAVX512 || rows < 4 {
		depthwiseConvPlaneGeneric(p, y, rows, x, off, inRows, w, bias)
		return
	}
	conv3(p, y, rows, x, off, 0, inRows, w, bias, ahead)
}

// prefetch returns the address and the number of cache lines of the
// prefetch hint ahead.
func prefetch(ahead []float32) (uintptr, int) {
	if len(ahead) == 0 {
		return 0, 0
	}
	return uintptr(unsafe.Pointer(&ahead[0])), (len(ahead) + 15) / 16
}

// conv3 runs the 3×3 kernel over rows >= 4 output rows, numbering the
// input row at x[off] row0: in strips of four, the last one overlapping
// the one before when the rows are not a multiple of four.
func conv3(p *DepthwisePlan, y []float32, rows int, x []float32, off, row0, inRows int, w []float32, bias float32, ahead []float32) {
	g := p.grid
	pf, lines := prefetch(ahead) // as many lines a strip as it has rows
	cols := [3]int{4 * g.col[0], 4 * g.col[1], 4 * g.col[2]}
	nt := 0
	if p.stream && p.cols%16 == 0 && p.ldy%16 == 0 && uintptr(unsafe.Pointer(&y[0]))%64 == 0 {
		nt = 1
	}
	// Strips of eight rows (eight independent accumulators) where the
	// plane has them, else of four: planes in cache run about a seventh
	// faster so (planes from memory wait on it either way).
	s, kernel := 8, depthwiseConv3x8AVX512
	if rows < 8 {
		s, kernel = 4, depthwiseConv3AVX512
	}
	strip := func(top, n int) {
		yoff, ystep := top*p.ldy, 4*p.ldy
		first, dir := top+g.minRow, 1 // input row of slot 0
		if g.d[0] != 0 {              // kernel rows backwards: bottom up
			yoff, ystep = (top+s-1)*p.ldy, -ystep
			first, dir = top+s+1+g.minRow, -1
		}
		kernel(&y[0], yoff, ystep, unsafe.SliceData(x), off+g.off+first*p.ldx, dir*4*p.ldx, 4*s*p.ldy, 4*s*p.ldx, n,
			&cols, &w[0], &p.tapMask[0], &p.outMask[0], len(p.outMask), row0+first, dir, inRows, nt, pf, lines, bias)
		pf, lines = 0, 0
	}
	strip(0, rows/s)
	if rows%s != 0 {
		strip(rows-s, 1)
	}
}

func depthwiseDot(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off, b0, b1 int) {
	if !hasAVX512 {
		if hasAVX2 {
			for t0 := 0; t0 < len(p.taps); t0 += 4 {
				k := min(4, len(p.taps)-t0)
				depthwiseDotAVX2(&acc[t0*Lanes], &g[0], unsafe.SliceData(x), off, &p.offs[t0], &p.tapMask[t0], &p.outMask[0],
					rows, p.ldy, p.ldx, k, len(p.taps), b0, b1)
			}
			return
		}
		depthwiseDotGeneric(p, acc, g, rows, x, off, b0, b1)
		return
	}
	if p.grid != nil {
		dot3(p, acc, g, rows, x, off, dwAllRows, 2*dwAllRows, b0, b1, nil)
		return
	}
	for t0 := 0; t0 < len(p.taps); t0 += 16 {
		k := min(16, len(p.taps)-t0)
		depthwiseDotAVX512(&acc[t0*Lanes], &g[0], unsafe.SliceData(x), off, &p.offs[t0], &p.tapMask[t0], &p.outMask[0],
			rows, p.ldy, p.ldx, k, len(p.taps), b0, b1)
	}
}

func depthwiseDotPlane(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off, inRows int, ahead []float32) {
	if !hasAVX512 {
		depthwiseDotPlaneGeneric(p, acc, g, rows, x, off, inRows)
		return
	}
	dot3(p, acc, g, rows, x, off, 0, inRows, 0, len(p.outMask), ahead)
}

// dot3 runs the 3×3 kernel, numbering the input row at x[off] row0.
func dot3(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off, row0, inRows, b0, b1 int, ahead []float32) {
	gr := p.grid
	pf, lines := prefetch(ahead)
	cols := [3]int{4 * gr.col[0], 4 * gr.col[1], 4 * gr.col[2]}
	depthwiseDot3AVX512(&acc[0], &g[0], 0, unsafe.SliceData(x), off+gr.off+gr.minRow*p.ldx, p.ldy, p.ldx, rows,
		&cols, gr.d[0], gr.d[1], gr.d[2], &p.tapMask[0], &p.outMask[0], b0, b1, row0+gr.minRow, inRows, pf, lines)
}
