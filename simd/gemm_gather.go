package simd

import "fmt"

// An im2col GEMM whose A operand is read in place. For a stride-1
// convolution computed pixel by pixel (the rows of A are output pixels of
// one image row, its columns the filter taps), A[i, p] = x[off[p] + i]:
// row i of A is row 0 shifted by i elements, and the im2col matrix never
// needs to be packed. The kernel broadcasts A straight from the padded
// image, and the tile it computes (pixels × output channels) is stored
// transposed, into the channel planes of the output.

// GatherOffsets are the column offsets of an in-place A (one per k step),
// checked once for many GemmGatherT calls.
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

// GatherRows is the most rows (pixels) of A one GemmGatherT call takes.
const GatherRows = 14

// GemmGatherFast reports whether GemmGatherT runs as assembly (AVX-512);
// elsewhere it is the generic loop, correct but slower than packing.
func GemmGatherFast() bool { return gemm.name == "avx512" }

// GemmGatherT computes, for i < rows (1..GatherRows) and j < cols
// (1..32), with k = off.Len() steps,
//
//	acc = bias[j] (0 if bias is nil)
//	for p := 0; p < k; p++ { acc = fma(x[xoff+off[p]+i], b[p*32+j], acc) }
//	y[j*ldy+i] = acc
//
// one rounding per fma, in p order: the canonical GEMM order of the tile
// C = A·B with A[i, p] = x[xoff+off[p]+i] and B packed as one 32-column
// panel (b[p*32+j], zero past cols: see GemmPackT), stored transposed.
// xoff >= 0, and x must hold GatherRows elements at every x[xoff+off[p]:],
// whatever rows is. It panics, naming the sizes, if an argument is out of range.
func GemmGatherT(y []float32, ldy, rows, cols int, x []float32, xoff int, off GatherOffsets, b, bias []float32) {
	k := len(off.off)
	switch {
	case rows < 1 || rows > GatherRows || cols < 1 || cols > 32:
		panic(fmt.Sprintf("simd: GemmGatherT: tile %dx%d outside %dx32", rows, cols, GatherRows))
	case ldy < rows || len(y) < (cols-1)*ldy+rows:
		panic(fmt.Sprintf("simd: GemmGatherT: y len %d too short for %d lines of %d at stride %d", len(y), cols, rows, ldy))
	case len(b) < k*32:
		panic(fmt.Sprintf("simd: GemmGatherT: B panel len %d < k*32 = %d*32", len(b), k))
	case bias != nil && len(bias) < cols:
		panic(fmt.Sprintf("simd: GemmGatherT: %d biases for %d columns", len(bias), cols))
	case xoff < 0 || k > 0 && (xoff+off.min < 0 || xoff+off.max+GatherRows > len(x)):
		panic(fmt.Sprintf("simd: GemmGatherT: A rows at %d+[%d, %d] (+%d) outside x len %d", xoff, off.min, off.max, GatherRows, len(x)))
	}
	gemmGatherT(y, ldy, rows, cols, x, xoff, off.off, b, bias)
}

// gemmGatherTGeneric is the reference of GemmGatherT (arguments checked).
func gemmGatherTGeneric(y []float32, ldy, rows, cols int, x []float32, xoff int, off []int32, b, bias []float32) {
	for j := 0; j < cols; j++ {
		var b0 float32
		if bias != nil {
			b0 = bias[j]
		}
		for i := 0; i < rows; i++ {
			acc := b0
			for p, o := range off {
				acc = FMA32(x[xoff+int(o)+i], b[p*32+j], acc)
			}
			y[j*ldy+i] = acc
		}
	}
}
