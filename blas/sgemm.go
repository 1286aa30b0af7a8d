package blas

import (
	"fmt"

	"github.com/neurocortex/neurocortex/simd"
)

// Sgemm computes C = op(A)·op(B), or C += op(A)·op(B) if accumulate, where
// op(X) is X or, if the trans flag is set, Xᵀ. op(A) is m×k, op(B) is k×n
// and C is m×n; all are row-major with leading dimensions (row strides)
// lda, ldb and ldc. Each element follows the canonical order (see the
// package comment), so the bits do not depend on the blocking, the number
// of threads or the micro-kernel in use.
//
// Sgemm panics, naming the sizes, if a leading dimension is smaller than
// its row or a slice is too short. C must not overlap A or B.
func Sgemm(transA, transB bool, m, n, k int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int, accumulate bool) {
	gemmCheck("Sgemm", transA, transB, m, n, k, a, lda, b, ldb, c, ldc)
	g := gemm{transA: transA, transB: transB, m: m, n: n, k: k,
		a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, load: accumulate}
	g.run(Threads())
}

// gemmCheck panics unless the arguments describe valid matrices.
func gemmCheck(op string, transA, transB bool, m, n, k int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	if m < 0 || n < 0 || k < 0 {
		panic(fmt.Sprintf("blas: %s: negative size m=%d n=%d k=%d", op, m, n, k))
	}
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	matCheck(op, "a", ar, ac, a, lda)
	matCheck(op, "b", br, bc, b, ldb)
	matCheck(op, "c", m, n, c, ldc)
}

func matCheck(op, name string, rows, cols int, x []float32, ld int) {
	if ld < max(1, cols) {
		panic(fmt.Sprintf("blas: %s: ld%s=%d < %d columns of the %dx%d matrix %s", op, name, ld, cols, rows, cols, name))
	}
	if rows > 0 && cols > 0 && len(x) < (rows-1)*ld+cols {
		panic(fmt.Sprintf("blas: %s: len(%s)=%d too short for a %dx%d matrix with ld%s=%d (need %d)",
			op, name, len(x), rows, cols, name, ld, (rows-1)*ld+cols))
	}
}

// gemm is one call of the driver.
type gemm struct {
	transA, transB bool
	m, n, k        int
	a              []float32
	lda            int
	b              []float32
	ldb            int
	c              []float32
	ldc            int
	load           bool  // accumulate into C
	packA          PackA // produces op(A) when not nil
	packB          PackB // produces op(B) when not nil

	mr, nr int // micro-kernel tile
	mh     int // rows of C per A panel (simd.GemmPanelRows), <= mr
	// aPre holds op(A) packed whole (every k block, panel after panel),
	// when the column chunks share one packing of a small A; nil when each
	// worker packs its own A blocks.
	aPre   []float32
	kc     int // k block
	bBytes int // packed B block size in bytes (see run)
}

// gemmGroup is the workers that share one column range and the packed B
// blocks of it: each packs a slice of the panels, then all wait at the
// barrier and read the whole block. Two buffers alternate, so one barrier
// per block suffices: a worker packing block t+1 knows every worker of the
// group is past block t-1.
type gemmGroup struct {
	bar  barrier
	b    [2][]float32
	free *bufList // where b came from
}

func (g *gemm) run(threads int) {
	if g.m == 0 || g.n == 0 {
		return
	}
	if g.k == 0 {
		if !g.load {
			for i := 0; i < g.m; i++ {
				clear(g.c[i*g.ldc : i*g.ldc+g.n])
			}
		}
		return
	}
	g.mr, g.nr = simd.GemmTile()
	g.mh = simd.GemmPanelRows(g.m)
	g.kc = blockSize(g.k, kcMax, 1)
	want := 1
	if g.m*g.n*g.k >= parallelMin {
		want = threads
	}
	tm, tn := g.grid(want)
	got := pool.acquire(tm * tn)
	defer pool.release(got)
	if got < tm*tn {
		tm, tn = g.grid(got)
	}
	t := tm * tn
	if tm == 1 && t > 1 {
		g.runColumns(t)
		return
	}
	// A B block shared by a group is packed by all, then read whole by
	// every member. When the members' row ranges are short (few A panels
	// reuse each B panel), keep the block about the size of a core's L2
	// rather than the L3, at the price of more barriers: the packing then
	// writes to L2 and alternates with the compute at a finer grain.
	// Large row ranges read each B panel often enough that the large
	// block (fewer barriers) wins. A lone worker packs lazily.
	g.bBytes = bBlockBytes
	if r0, r1 := g.rowRange(0, tm); tm > 1 && r1-r0 <= sharedRowsMax {
		g.bBytes = min(bBlockBytes, sharedBBlockBytes)
	}

	groups := make([]gemmGroup, tn)
	for j := range groups {
		c0, c1 := g.colRange(j, tn)
		size := g.bBlockLen(c1 - c0)
		groups[j].bar.n = int32(tm)
		groups[j].free = workerScratch(j * tm)
		groups[j].b[0] = groups[j].free.get(size)
		groups[j].b[1] = groups[j].b[0]
		if tm > 1 {
			groups[j].b[1] = groups[j].free.get(size)
		}
	}
	work := func(w int) {
		gi, gj := w%tm, w/tm
		r0, r1 := g.rowRange(gi, tm)
		c0, c1 := g.colRange(gj, tn)
		g.worker(w, r0, r1, c0, c1, &groups[gj], gi, tm)
	}
	if t == 1 {
		work(0)
	} else {
		pool.run(t, work)
	}
	for j := range groups {
		groups[j].free.put(groups[j].b[0])
		if tm > 1 {
			groups[j].free.put(groups[j].b[1])
		}
	}
}

// rowRange returns the rows of C of row group gi of tm: whole panels of mh
// rows, as even as the panels allow.
func (g *gemm) rowRange(gi, tm int) (int, int) {
	tiles := (g.m + g.mh - 1) / g.mh
	return min(g.m, gi*tiles/tm*g.mh), min(g.m, (gi+1)*tiles/tm*g.mh)
}

// colRange returns the columns of C of column group gj of tn.
func (g *gemm) colRange(gj, tn int) (int, int) {
	tiles := (g.n + g.nr - 1) / g.nr
	return min(g.n, gj*tiles/tn*g.nr), min(g.n, (gj+1)*tiles/tn*g.nr)
}

func (g *gemm) mcFor(rows int) int {
	return blockSize(rows, aBlockBytes/(4*g.kc), g.mh)
}

func (g *gemm) ncFor(cols int) int { return blockSize(cols, g.ncLimit(), g.nr) }

// ncLimit is the most columns of a packed B block: the B block budget,
// whole panels, at least one.
func (g *gemm) ncLimit() int {
	bytes := g.bBytes
	if bytes == 0 {
		bytes = bBlockBytes
	}
	return max(g.nr, bytes/(4*g.kc)/g.nr*g.nr)
}

// bBlockLen is the length of a buffer that holds the packed B blocks of
// any column range of at most cols columns. (ncFor is not monotonic in
// its argument: blockSize evens out the blocks, so 128 columns may make
// one block of 128 where 160 make two of 96.)
func (g *gemm) bBlockLen(cols int) int {
	return min(g.ncLimit(), (cols+g.nr-1)/g.nr*g.nr) * g.kc
}

// worker computes, as worker id of the pool, rows [r0, r1) and columns
// [c0, c1) of C as member rank of a group of size workers sharing the
// packed B blocks of grp.
//
// A group of several workers packs each B block together and meets at the
// barrier before using it. A worker alone packs each B panel just before
// its first use instead (during the first A block), while the panel is
// about to be read from L1, rather than packing the whole B block first
// and reading it back from L3.
func (g *gemm) worker(id, r0, r1, c0, c1 int, grp *gemmGroup, rank, size int) {
	mr, nr, kc := g.mr, g.nr, g.kc
	mc := g.mcFor(r1 - r0)
	nc := g.ncFor(c1 - c0)
	var abuf []float32
	if g.aPre == nil {
		free := workerScratch(id)
		abuf = free.get((mc + g.mh - 1) / g.mh * mr * kc)
		defer free.put(abuf)
	}
	iter := 0
	for jc := c0; jc < c1; jc += nc {
		ncur := min(nc, c1-jc)
		panels := (ncur + nr - 1) / nr
		for pc := 0; pc < g.k; pc += kc {
			kcur := min(kc, g.k-pc)
			bb := grp.b[iter&1][:panels*kcur*nr]
			iter++
			if size > 1 {
				p0, p1 := rank*panels/size, (rank+1)*panels/size
				if cols := min(ncur, p1*nr) - p0*nr; cols > 0 {
					g.packPanels(bb[p0*kcur*nr:p1*kcur*nr], pc, kcur, jc+p0*nr, cols)
				}
				grp.bar.wait()
			}
			load := g.load || pc > 0
			for ic := r0; ic < r1; ic += mc {
				mcur := min(mc, r1-ic)
				a := abuf
				if g.aPre != nil {
					a = g.aPre[pc*g.panelsA()*mr+ic/g.mh*kcur*mr:]
				} else {
					g.packBlockA(abuf, ic, mcur, pc, kcur)
				}
				lazy := size == 1 && ic == r0
				g.macro(a, bb, ic, mcur, jc, ncur, pc, kcur, load, lazy)
			}
		}
	}
}

// panelsA returns the number of A panels (of mh rows) of all of op(A).
func (g *gemm) panelsA() int { return (g.m + g.mh - 1) / g.mh }

// prepackA packs all of op(A) into g.aPre with t workers, panel by panel:
// k block pc (of kcur steps) at pc·panelsA·mr, its panel q at q·kcur·mr
// from there.
func (g *gemm) prepackA(t int) {
	panels := g.panelsA()
	jobs := panels * ((g.k + g.kc - 1) / g.kc)
	g.aPre = scratch.get(panels * g.mr * g.k)
	pool.run(t, func(w int) {
		for j := w; j < jobs; j += t {
			pc, q := j/panels*g.kc, j%panels
			kcur := min(g.kc, g.k-pc)
			g.packBlockA(g.aPre[pc*panels*g.mr+q*kcur*g.mr:], q*g.mh, min(g.mh, g.m-q*g.mh), pc, kcur)
		}
	})
}

// packBlockA packs rows [i0, i0+rows) and columns [p0, p0+kc) of op(A)
// into panels of mh rows each, at the kernel's panel stride mr.
func (g *gemm) packBlockA(dst []float32, i0, rows, p0, kc int) {
	pack := func(d []float32, i, cnt int) {
		if g.packA != nil {
			g.packA(d, i, cnt, p0, kc, g.mr)
		} else {
			packA(d, g.a, g.lda, g.transA, i, cnt, p0, kc, g.mr)
		}
	}
	if g.mh == g.mr {
		pack(dst[:(rows+g.mr-1)/g.mr*g.mr*kc], i0, rows)
		return
	}
	for ir, q := 0, 0; ir < rows; ir, q = ir+g.mh, q+1 {
		pack(dst[q*kc*g.mr:(q+1)*kc*g.mr], i0+ir, min(g.mh, rows-ir))
	}
}

// packPanels packs rows [pc, pc+kc) and columns [j0, j0+cols) of op(B).
func (g *gemm) packPanels(dst []float32, pc, kc, j0, cols int) {
	if g.packB != nil {
		g.packB(dst, pc, kc, j0, cols, g.nr)
	} else {
		packB(dst, g.b, g.ldb, g.transB, pc, kc, j0, cols, g.nr)
	}
}

// macro runs the micro-kernel over an mcur×ncur block of C from packed
// blocks of A and B (k rows from pc), packing the B panels first if lazy.
// The B panel is the outer loop: it stays in L1 while the A panels stream
// from L2.
//
// Lazy packing takes a few panels at a time (about lazyBytes of them), so
// that each row of a B streamed from memory is read in runs of a few
// hundred bytes rather than one panel's width: the memory system streams
// those far better, and the panels still wait in L2.
func (g *gemm) macro(ap, bp []float32, ic, mcur, jc, ncur, pc, kc int, load, lazy bool) {
	mr, mh, nr, ldc := g.mr, g.mh, g.nr, g.ldc
	group := max(1, lazyBytes/(4*kc*nr)) * nr
	// Prefetching of the next group of a stored B (rows pfRow.. of
	// columns [pfCol, pfCol+pfCols) of the block), pfStep rows after each
	// kernel call, so that the whole group is asked for by the time its
	// packing starts.
	prefetch := lazy && g.packB == nil && !g.transB
	var pfRow, pfStep, pfCol, pfCols int
	for jr := 0; jr < ncur; jr += nr {
		nn := min(nr, ncur-jr)
		b := bp[jr/nr*kc*nr : (jr/nr+1)*kc*nr]
		if lazy && jr%group == 0 {
			cols := min(group, ncur-jr)
			g.packPanels(bp[jr/nr*kc*nr:(jr+cols+nr-1)/nr*kc*nr], pc, kc, jc+jr, cols)
			if prefetch {
				pfRow, pfCol = 0, jr+group
				pfCols = max(0, min(group, ncur-pfCol))
				calls := (cols + nr - 1) / nr * ((mcur + mh - 1) / mh)
				pfStep = (kc + calls - 1) / calls
			}
		}
		for ir := 0; ir < mcur; ir += mh {
			mm := min(mh, mcur-ir)
			a := ap[ir/mh*kc*mr : (ir/mh+1)*kc*mr]
			c := g.c[(ic+ir)*ldc+jc+jr:]
			// The C tile of the next call, into L2 while this one runs:
			// C is read and written once per call, from rows far apart.
			if nir, njr := ir+mh, jr; nir < mcur {
				g.prefetchC(ic+nir, min(mh, mcur-nir), jc+njr, nn)
			} else if njr += nr; njr < ncur {
				g.prefetchC(ic, min(mh, mcur), jc+njr, min(nr, ncur-njr))
			}
			if mm == mr && nn == nr {
				simd.GemmKernel(kc, a, b, c, ldc, load)
			} else {
				gemmEdge(mm, nn, kc, a, b, c, ldc, load)
			}
			if pfCols > 0 && pfRow < kc {
				r := min(pfStep, kc-pfRow)
				simd.PrefetchRows(g.b, (pc+pfRow)*g.ldb+jc+pfCol, g.ldb, r, pfCols)
				pfRow += r
			}
		}
	}
}

// prefetchC asks for rows [i, i+rows) and columns [j, j+cols) of C.
func (g *gemm) prefetchC(i, rows, j, cols int) {
	simd.PrefetchRows(g.c, i*g.ldc+j, g.ldc, rows, cols)
}

// gemmEdge computes the mm×nn corner of a tile at the edge of C with the
// edge kernel, which reads the zero-padded full-size panels and touches
// only that corner of C.
func gemmEdge(mm, nn, k int, a, b, c []float32, ldc int, load bool) {
	simd.GemmKernelEdge(mm, nn, k, a, b, c[:(mm-1)*ldc+nn], ldc, load)
}
