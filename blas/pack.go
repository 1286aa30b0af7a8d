package blas

// Packing copies a block of op(A) or op(B) into the panel layout of the
// simd micro-kernel (see simd.GemmTile): a block of op(A) becomes panels
// of mr rows, A[i,p] at panel[p*mr+i]; a block of op(B) becomes panels of
// nr columns, B[p,j] at panel[p*nr+j]. The last panel of a block is padded
// with zeros to the full tile, so the kernel may read it whole.
//
// Both operands reduce to the same two shapes of copy. A panel whose w
// lines run along the stored rows of the matrix (op(B) = B, op(A) = Aᵀ) is
// a series of contiguous row copies ("packCopy"); one whose lines run
// across the stored rows (op(A) = A, op(B) = Bᵀ) is a transposition
// ("packGather").

// packA packs rows [i0, i0+rows) and columns [p0, p0+kc) of op(A) into
// ceil(rows/mr) panels of kc*mr elements in dst.
func packA(dst []float32, a []float32, lda int, trans bool, i0, rows, p0, kc, mr int) {
	for ir, panel := 0, 0; ir < rows; ir, panel = ir+mr, panel+1 {
		cnt := min(mr, rows-ir)
		d := dst[panel*kc*mr : (panel+1)*kc*mr]
		if trans {
			// op(A)[i,p] = a[p*lda+i]: row p of the panel is contiguous.
			packCopy(d, a, lda, p0*lda+i0+ir, mr, cnt, kc)
		} else {
			packGather(d, a, lda, (i0+ir)*lda+p0, mr, cnt, kc)
		}
	}
}

// packB packs rows [p0, p0+kc) and columns [j0, j0+cols) of op(B) into
// ceil(cols/nr) panels of kc*nr elements in dst.
func packB(dst []float32, b []float32, ldb int, trans bool, p0, kc, j0, cols, nr int) {
	if !trans {
		packRows(dst, b, ldb, p0*ldb+j0, nr, cols, kc)
		return
	}
	for jr, panel := 0, 0; jr < cols; jr, panel = jr+nr, panel+1 {
		cnt := min(nr, cols-jr)
		d := dst[panel*kc*nr : (panel+1)*kc*nr]
		if trans {
			// op(B)[p,j] = b[j*ldb+p]: column j of the panel is contiguous.
			packGather(d, b, ldb, (j0+jr)*ldb+p0, nr, cnt, kc)
		} else {
			packCopy(d, b, ldb, p0*ldb+j0+jr, nr, cnt, kc)
		}
	}
}

// packCopy fills the kc lines of width w of panel d: line p takes the cnt
// elements src[off+p*ld:], then w-cnt zeros.
func packCopy(d, src []float32, ld, off, w, cnt, kc int) {
	for p := 0; p < kc; p++ {
		line := d[p*w : p*w+w]
		copy(line[:cnt], src[off+p*ld:off+p*ld+cnt])
		clear(line[cnt:])
	}
}

// packRows packs kc rows of cols contiguous elements (row p at
// src[off+p*ld:]) into ceil(cols/w) panels of kc lines of width w, the
// last one padded with zeros. It walks the source row by row, each row in
// one run of cols elements, rather than panel by panel: a B streamed from
// memory is then read in long runs that the hardware prefetcher follows,
// instead of kc short pieces at a stride of a whole row per panel.
func packRows(d, src []float32, ld, off, w, cols, kc int) {
	full := cols / w
	rest := cols - full*w
	panel := kc * w
	for p := 0; p < kc; p++ {
		row := src[off+p*ld : off+p*ld+cols]
		o := p * w
		for q := 0; q < full; q++ {
			copy(d[o:o+w], row[q*w:q*w+w])
			o += panel
		}
		if rest > 0 {
			line := d[o : o+w]
			copy(line, row[full*w:])
			clear(line[rest:])
		}
	}
}

// packGather fills the kc lines of width w of panel d with a transposed
// block: element i of line p is src[off+i*ld+p] for i < cnt, zero after.
// It walks two source rows at a time contiguously and writes each pair of
// neighbours with stride w (about twice as fast as one row at a time); the
// panel (kc*w floats) stays in the L1 cache while it is written.
func packGather(d, src []float32, ld, off, w, cnt, kc int) {
	d = d[:kc*w]
	i := 0
	for ; i+2 <= cnt; i += 2 {
		r0 := src[off+i*ld : off+i*ld+kc]
		r1 := src[off+(i+1)*ld : off+(i+1)*ld+kc]
		r1 = r1[:len(r0)]
		j := i
		for p, v := range r0 {
			q := d[j : j+2 : j+2]
			q[0], q[1] = v, r1[p]
			j += w
		}
	}
	if i < cnt {
		row := src[off+i*ld : off+i*ld+kc]
		j := i
		for _, v := range row {
			d[j] = v
			j += w
		}
	}
	if cnt < w {
		for p := 0; p < kc; p++ {
			clear(d[p*w+cnt : p*w+w])
		}
	}
}
