package blas

// Blocking. The packed A block (mc×kc) should sit in the per-core L2 cache
// (1 MiB here) and the packed B block (kc×nc) in the shared L3 (32 MiB);
// kc bounds the k steps a C tile stays in registers. A long kc pays: each
// kernel call loads and stores its C tile once per k block (a C far
// larger than L2, at a power-of-two row stride), and the panels (28 KiB
// of A, 64 KiB of B at kc = 512) stream from L2, which keeps up with the
// kernel. Measured at n = 1024 and 2048 on one core, alternating: on this
// Zen 4, kc = 342 (the old limit of 384 split evenly) ran at 95-99
// GFLOP/s, 512 at 105, 1024 at 106-108; on the 16-core Xeon of the device
// machine (two FMA units, whose kernel wants its panels nearer) 512 ran at
// 119-123, 342 at 109-113 and 1024 at 97-113. 512 is the best common
// choice. Every im2col K up to 512 (56 channels, 3x3) runs as one block.
var (
	kcMax             = 512       // k steps per block
	aBlockBytes       = 512 << 10 // packed A block, half the L2
	bBlockBytes       = 8 << 20   // packed B block, a quarter of the L3
	sharedBBlockBytes = 1 << 20   // packed B block shared by short row groups
	sharedRowsMax     = 256       // rows per worker up to which that applies
	parallelMin       = 1 << 20   // m*n*k below which one thread is faster
	lazyBytes         = 384 << 10 // B panels a lone worker packs at a time
)

// blockSize splits total into the fewest blocks of at most limit and
// returns the common block size, rounded up to a multiple of unit, so that
// the blocks come out even rather than leaving a short tail.
func blockSize(total, limit, unit int) int {
	limit = max(unit, limit/unit*unit)
	nb := (total + limit - 1) / limit
	b := (total + nb - 1) / nb
	return (b + unit - 1) / unit * unit
}

// grid chooses how to split C over at most t workers: tm row groups times
// tn column groups. Any split gives the same bits; this one minimises a
// rough cost in cycles of the busiest worker: its FMAs (16 lanes a cycle
// on a core that runs one zmm FMA a cycle), its packing (about a third of
// a cycle per element of A, a quarter per element of B, with the
// vectorised packs of simd), and, where row groups share B blocks, the
// barriers and a 2% toll on the FMAs: a shared block is packed eagerly
// rather than panel by panel as the kernel reaches it, its panels are
// read from the other cores' caches, and a barrier makes every member
// wait for the slowest, which on a busy machine (another process taking a
// core for a while) costs far more than the barrier itself. Measured on 2
// cores, splitting the columns (each worker packing its own B panels, A
// packed twice) beat sharing B at every square size from 256 to 2048.
func (g *gemm) grid(t int) (tm, tn int) {
	mt := (g.m + g.mh - 1) / g.mh
	nt := (g.n + g.nr - 1) / g.nr
	tm, tn = 1, 1
	best := -1.0
	k := float64(g.k)
	blocksK := float64((g.k + g.kc - 1) / g.kc)
	for a := 1; a <= min(t, mt); a++ {
		for b := 1; a*b <= t && b <= nt; b++ {
			r := (mt + a - 1) / a * g.mh
			rows := float64(r)
			cols := (nt + b - 1) / b * g.nr
			nc := g.ncFor(cols)
			if a > 1 && r <= sharedRowsMax {
				nc = blockSize(cols, sharedBBlockBytes/(4*g.kc), g.nr)
			}
			blocksN := float64((cols + nc - 1) / nc)
			cost := rows*float64(cols)*k/16 + // FMAs
				rows*k*blocksN/3 + // packing A (once per column block)
				float64(cols)*k/float64(a)/4 // packing B, shared by the row groups
			if a > 1 {
				cost = cost*1.02 + 20000*blocksN*blocksK
			}
			if best < 0 || cost < best {
				best, tm, tn = cost, a, b
			}
		}
	}
	return tm, tn
}
