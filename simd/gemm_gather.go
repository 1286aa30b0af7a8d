package simd

import "fmt"

// GEMM tiles with one operand read in place, for im2col products whose
// matrix need never be packed. At stride 1 the taps of consecutive output
// pixels of an image row are consecutive elements of the padded image, so
// a run of pixels is x[off[p] : off[p]+n] for tap p.
//
// GemmGatherT takes the pixels as the rows of A (A[i, p] = x[off[p] + i],
// broadcast from the image) against 32 output channels of packed filters,
// and stores the tile (pixels × channels) transposed, into the channel
// planes of the output. It also serves a weight gradient, the rows then
// being taps and the steps pixels. GemmGatherB takes the pixels as the
// columns of B (B[p, j] = x[off[p] + j], loaded as vectors) against a few
// output channels of packed filters, for the layers with few channels.

// GatherOffsets are the offsets of an in-place operand (one per k step),
// checked once for many GemmGatherT or GemmGatherB calls.
type GatherOffsets struct {
	off      []int32
	min, max int
}

// NewGatherOffsets copies off into a GatherOffsets.
func NewGatherOffsets(off []int) GatherOffsets {
	g := GatherOffsets{off: make([]int32, len(off))}
	for p, o := range off {
		if o < 0 || o > 1<<31-1 {
			panic(fmt.Sprintf("simd: NewGatherOffsets: offset %d of step %d outside [0, 2³¹)", o, p))
		}
		g.off[p] = int32(o)
		if p == 0 || o < g.min {
			g.min = o
		}
		g.max = max(g.max, o)
	}
	return g
}

// Len returns the number of steps.
func (g GatherOffsets) Len() int { return len(g.off) }

// GatherRows is the most rows (pixels or taps) of A one GemmGatherT call
// takes, in two runs of GatherSplit rows.
const (
	GatherRows  = 14
	GatherSplit = 7
)

// GemmGatherFast reports whether GemmGatherT runs as assembly (AVX-512);
// elsewhere it is the generic loop, correct but slower than packing.
func GemmGatherFast() bool { return gemm.name == "avx512" }

// GemmGatherT computes, for i < rows (1..GatherRows) and j < cols
// (1..32), with k = off.Len() steps,
//
//	acc = bias[j] (0 if bias is nil)
//	for p := 0; p < k; p++ { acc = fma(A[i, p], b[p*32+j], acc) }
//	y[j*ldy+i] = acc
//
// one rounding per fma, in p order: the canonical GEMM order of the tile
// C = A·B, B packed as one 32-column panel (b[p*32+j], zero past cols: see
// GemmPackT), stored transposed. A is read in place from x in two runs:
// A[i, p] = x[xoff+off[p]+i] for i < GatherSplit and
// x[xoff2+off[p]+i-GatherSplit] past them (xoff2 = xoff+GatherSplit makes
// one run). xoff and xoff2 are >= 0, and x must hold GatherSplit elements
// at every x[xoff+off[p]:] and, if rows > GatherSplit, x[xoff2+off[p]:],
// whatever rows is. It panics, naming the sizes, if an argument is out of
// range.
func GemmGatherT(y []float32, ldy, rows, cols int, x []float32, xoff, xoff2 int, off GatherOffsets, b, bias []float32) {
	k := len(off.off)
	outside := func(o int) bool { return o < 0 || k > 0 && (o+off.min < 0 || o+off.max+GatherSplit > len(x)) }
	switch {
	case rows < 1 || rows > GatherRows || cols < 1 || cols > 32:
		panic(fmt.Sprintf("simd: GemmGatherT: tile %dx%d outside %dx32", rows, cols, GatherRows))
	case ldy < rows || len(y) < (cols-1)*ldy+rows:
		panic(fmt.Sprintf("simd: GemmGatherT: y len %d too short for %d lines of %d at stride %d", len(y), cols, rows, ldy))
	case len(b) < k*32:
		panic(fmt.Sprintf("simd: GemmGatherT: B panel len %d < k*32 = %d*32", len(b), k))
	case bias != nil && len(bias) < cols:
		panic(fmt.Sprintf("simd: GemmGatherT: %d biases for %d columns", len(bias), cols))
	case outside(xoff) || rows > GatherSplit && outside(xoff2):
		panic(fmt.Sprintf("simd: GemmGatherT: A runs at %d and %d +[%d, %d] (+%d) outside x len %d",
			xoff, xoff2, off.min, off.max, GatherSplit, len(x)))
	}
	if rows <= GatherSplit {
		xoff2 = xoff
	}
	gemmGatherT(y, ldy, rows, cols, x, xoff, xoff2, off.off, b, bias)
}

// gemmGatherTGeneric is the reference of GemmGatherT (arguments checked).
func gemmGatherTGeneric(y []float32, ldy, rows, cols int, x []float32, xoff, xoff2 int, off []int32, b, bias []float32) {
	for j := 0; j < cols; j++ {
		var b0 float32
		if bias != nil {
			b0 = bias[j]
		}
		for i := 0; i < rows; i++ {
			base := xoff + i
			if i >= GatherSplit {
				base = xoff2 + i - GatherSplit
			}
			acc := b0
			for p, o := range off {
				acc = FMA32(x[base+int(o)], b[p*32+j], acc)
			}
			y[j*ldy+i] = acc
		}
	}
}

// GemmGatherBTile returns the tile, rows × cols, of the GemmGatherB
// kernel this machine runs (AVX-512 14×32, AVX2 6×16): callers pack A in
// panels of that many rows and cut B in runs of that many columns. It
// returns 0, 0 where there is no such kernel (GemmGatherB then runs its
// generic loop, slower than packing).
func GemmGatherBTile() (rows, cols int) {
	switch gemm.name {
	case "avx512":
		return GatherRows, 32
	case "avx2":
		return 6, 16
	}
	return 0, 0
}

// GemmGatherB computes, for i < rows and j < cols (1..32), with k =
// off.Len() steps,
//
//	acc = c[i*ldc+j] if load, else bias[i] (0 if bias is nil)
//	for p := 0; p < k; p++ { acc = fma(a[p*ar+i], x[xoff+off[p]+j], acc) }
//	c[i*ldc+j] = acc
//
// one rounding per fma, in p order: the canonical GEMM order of the tile
// C = A·B with A packed as one panel of ar rows (1 <= rows <= ar <=
// GatherRows; rows past rows zero) and B read in place, B[p, j] =
// x[xoff+off[p]+j]. xoff >= 0, and x must hold 32 elements at every
// x[xoff+off[p]:] whatever cols is (the kernels read whole rows of B and
// drop the lanes past cols). It panics, naming the sizes, if an argument
// is out of range.
func GemmGatherB(c []float32, ldc, rows, cols int, a []float32, ar int, x []float32, xoff int, off GatherOffsets, bias []float32, load bool) {
	k := len(off.off)
	switch {
	case rows < 1 || rows > ar || ar > GatherRows || cols < 1 || cols > 32:
		panic(fmt.Sprintf("simd: GemmGatherB: tile %dx%d of a %d-row panel outside %dx32", rows, cols, ar, GatherRows))
	case ldc < cols || len(c) < (rows-1)*ldc+cols:
		panic(fmt.Sprintf("simd: GemmGatherB: c len %d too short for %d rows of %d at stride %d", len(c), rows, cols, ldc))
	case len(a) < k*ar:
		panic(fmt.Sprintf("simd: GemmGatherB: A panel len %d < k*%d = %d*%d", len(a), ar, k, ar))
	case bias != nil && len(bias) < rows:
		panic(fmt.Sprintf("simd: GemmGatherB: %d biases for %d rows", len(bias), rows))
	case xoff < 0 || k > 0 && (xoff+off.min < 0 || xoff+off.max+32 > len(x)):
		panic(fmt.Sprintf("simd: GemmGatherB: B rows at %d+[%d, %d] (+32) outside x len %d", xoff, off.min, off.max, len(x)))
	}
	gemmGatherB(c, ldc, rows, cols, a, ar, x, xoff, off.off, bias, load)
}

// gemmGatherBGeneric is the reference of GemmGatherB (arguments checked).
func gemmGatherBGeneric(c []float32, ldc, rows, cols int, a []float32, ar int, x []float32, xoff int, off []int32, bias []float32, load bool) {
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			var acc float32
			switch {
			case load:
				acc = c[i*ldc+j]
			case bias != nil:
				acc = bias[i]
			}
			for p, o := range off {
				acc = FMA32(a[p*ar+i], x[xoff+int(o)+j], acc)
			}
			c[i*ldc+j] = acc
		}
	}
}
