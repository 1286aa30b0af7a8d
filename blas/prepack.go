package blas

import (
	"fmt"

	"github.com/neurocortex/neurocortex/simd"
)

// PrepackedA is op(A) packed once into the micro-kernel's panels, for many
// products with the same left operand (a convolution's filters applied to
// every sample of a batch). Its Pack method is a PackA for SgemmPackA and
// SgemmPack: a block of it is one contiguous copy per panel, because a
// panel holds all k columns of its mr rows, column by column.
type PrepackedA struct {
	m, k, mr int
	mh       int // rows per panel (simd.GemmPanelRows(m)), as the driver uses
	data     []float32
	// the source, for a caller whose tile differs (only if the kernel
	// selection changed since PrepackA, as tests do)
	transA bool
	a      []float32
	lda    int
}

// PrepackA packs the m×k matrix op(A) (A row-major with leading dimension
// lda, transposed if transA). Call Release when done with it, so that its
// buffer serves the next call.
func PrepackA(transA bool, m, k int, a []float32, lda int) *PrepackedA {
	if m < 0 || k < 0 {
		panic(fmt.Sprintf("blas: PrepackA: negative size m=%d k=%d", m, k))
	}
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	matCheck("PrepackA", "a", ar, ac, a, lda)
	mr, _ := simd.GemmTile()
	mh := simd.GemmPanelRows(m)
	p := &PrepackedA{m: m, k: k, mr: mr, mh: mh, transA: transA, a: a, lda: lda}
	p.data = scratch.get((m + mh - 1) / mh * mr * k)
	for i, q := 0, 0; i < m; i, q = i+mh, q+1 {
		packA(p.data[q*k*mr:], a, lda, transA, i, min(mh, m-i), 0, k, mr)
	}
	return p
}

// Release hands the packed copy back for reuse; p must not be used after.
func (p *PrepackedA) Release() {
	scratch.put(p.data)
	p.data = nil
}

// Pack writes rows [i0, i0+rows) and columns [p0, p0+kc) of op(A) as
// panels of mr rows into dst, as PackA specifies. The driver asks for
// the panels it packed (whole panels of mh rows, or one short last panel),
// which are plain copies; any other block is packed from the source.
func (p *PrepackedA) Pack(dst []float32, i0, rows, p0, kc, mr int) {
	if mr != p.mr || i0%p.mh != 0 || (p.mh != mr && rows > p.mh) {
		packA(dst, p.a, p.lda, p.transA, i0, rows, p0, kc, mr)
		return
	}
	for ir := 0; ir < rows; ir += mr {
		q := (i0 + ir) / p.mh
		panel := p.data[q*p.k*mr : (q+1)*p.k*mr]
		copy(dst[ir/mr*kc*mr:(ir/mr+1)*kc*mr], panel[p0*mr:(p0+kc)*mr])
	}
}
