package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// dwCase is a depthwise geometry for the plan tests: outputs cols wide
// from inputs inCols wide, with the taps of a kh×kw kernel at dilation d
// and column padding pad, rows shifted by rowOff, and planes copies of
// each tap planeStride apart (the input gradient's multiplier channels);
// back walks the kernel backwards (the input gradient's taps).
type dwCase struct {
	cols, inCols, kh, kw, d, pad, rowOff, planes int
	back                                         bool
}

func (c dwCase) taps(ldx, planeStride int) []DepthwiseTap {
	var taps []DepthwiseTap
	for a := 0; a < c.kh; a++ {
		for b := 0; b < c.kw; b++ {
			for q := 0; q < c.planes; q++ {
				tp := DepthwiseTap{Row: c.rowOff + a*c.d, Col: b*c.d - c.pad, Off: q * planeStride}
				if c.back {
					tp.Row, tp.Col = c.rowOff-a*c.d, c.pad-b*c.d
				}
				taps = append(taps, tp)
			}
		}
	}
	return taps
}

var dwCases = []dwCase{
	{32, 32, 3, 3, 1, 1, 0, 1, false}, {32, 32, 3, 3, 1, 1, -2, 1, false}, {30, 32, 3, 3, 1, 0, 0, 1, false},
	{1, 1, 3, 3, 1, 1, 0, 1, false}, {5, 7, 3, 2, 2, 1, 0, 1, false}, {15, 15, 1, 1, 1, 0, 0, 1, false},
	{16, 16, 5, 5, 1, 2, 0, 1, false}, {17, 17, 3, 3, 1, 1, 0, 2, false}, {33, 35, 3, 3, 1, 0, 0, 3, true},
	{48, 48, 1, 4, 3, 4, 0, 1, false}, {50, 40, 3, 3, 2, 6, 0, 1, false}, {28, 28, 11, 11, 1, 5, 0, 1, true},
	{20, 20, 3, 3, 1, 1, 0, 6, false},
	// 3×3 grids (the kernels that load each input row once), forwards and
	// backwards, narrow, wide and ragged.
	{32, 32, 3, 3, 1, 1, 0, 1, true}, {32, 32, 3, 3, 1, 1, 3, 1, true}, {7, 9, 3, 3, 1, 0, 0, 1, false},
	{7, 5, 3, 3, 1, 2, 2, 1, true}, {50, 50, 3, 3, 1, 1, 0, 1, true}, {64, 66, 3, 3, 1, 0, -1, 1, false},
	{3, 3, 3, 3, 1, 17, 0, 1, false}, {40, 40, 3, 3, 1, -1, 0, 1, true},
}

// dwInput returns an input for rows output rows of c: rows ldx apart with
// NaN in the columns past inCols and in whole guard rows around what the
// taps read, and the offset of the origin, so that a kernel reading an
// element it should take as zero shows up as a NaN.
func dwInput(rng *rand.Rand, c dwCase, rows int, special bool) (x []float32, off, ldx, planeStride int, taps []DepthwiseTap) {
	ldx = c.inCols + 3
	span := (c.kh - 1) * c.d
	if c.back {
		span = -span
	}
	minRow, maxRow := min(c.rowOff, c.rowOff+span), max(c.rowOff, c.rowOff+span)+rows-1
	planeRows := maxRow - minRow + 3
	planeStride = planeRows * ldx
	x = make([]float32, c.planes*planeStride)
	for i := range x {
		x[i] = float32(math.NaN())
	}
	for q := 0; q < c.planes; q++ {
		for r := 1; r < planeRows-1; r++ {
			gemmFill(rng, x[q*planeStride+r*ldx:][:c.inCols], special)
		}
	}
	off = (1 - minRow) * ldx
	return x, off, ldx, planeStride, c.taps(ldx, planeStride)
}

// convRef is Conv as its doc states it, output by output: the reference
// of every path.
func (p *DepthwisePlan) convRef(y []float32, rows int, x []float32, off int, w []float32, bias float32) {
	for r := 0; r < rows; r++ {
		for c := 0; c < p.cols; c++ {
			acc := bias
			for t := range p.taps {
				acc = FMA32(w[t], p.in(x, off, r, c, t), acc)
			}
			y[r*p.ldy+c] = acc
		}
	}
}

// dotRef is DotLanes as its doc states it, lane by lane: the reference of
// every path.
func (p *DepthwisePlan) dotRef(acc []float32, g []float32, rows int, x []float32, off, b0, b1 int) {
	for t := range p.taps {
		a := acc[t*Lanes : (t+1)*Lanes]
		for b := b0; b < b1; b++ {
			for r := 0; r < rows; r++ {
				for l := 0; l < Lanes; l++ {
					var v float32
					if c := b*Lanes + l; c < p.cols {
						v = g[r*p.ldy+c]
					}
					a[l] = FMA32(v, p.in(x, off, r, b*Lanes+l, t), a[l])
				}
			}
		}
	}
}

// TestDepthwiseConv checks every path (the generic twin included)
// against the fma loop the doc states, at widths around the 16-column
// blocks and rows around the four-row strips, with NaN in every input
// element that must read as zero and in guard cells around each output row.
func TestDepthwiseConv(t *testing.T) { kernelPaths(t, testDepthwiseConv) }

func testDepthwiseConv(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	for _, c := range dwCases {
		for _, rows := range []int{1, 3, 4, 5, 8, 9} {
			for _, special := range []bool{false, true} {
				x, off, ldx, _, taps := dwInput(rng, c, rows, special)
				ldy := c.cols + 2
				p := NewDepthwisePlan(c.cols, ldy, c.inCols, ldx, taps)
				w := make([]float32, len(taps))
				gemmFill(rng, w, special)
				bias := []float32{float32(rng.NormFloat64()), float32(math.Copysign(0, -1))}[rng.IntN(2)]
				run := func(conv func(y []float32, rows int, x []float32, off int, w []float32, bias float32)) []float32 {
					y := make([]float32, rows*ldy+1)
					for i := range y {
						y[i] = float32(math.NaN())
					}
					conv(y[:(rows-1)*ldy+c.cols], rows, x, off, w, bias)
					return y
				}
				got, want := run(p.Conv), run(p.convRef)
				for j := range got {
					guard := j%ldy >= c.cols || j >= (rows-1)*ldy+c.cols
					if guard && got[j] == got[j] {
						t.Fatalf("%+v rows=%d: guard y[%d] written: %v", c, rows, j, got[j])
					}
					if !gemmSame(got[j], want[j]) {
						t.Fatalf("%+v rows=%d special=%v: y[%d] = %v, want %v", c, rows, special, j, got[j], want[j])
					}
				}
			}
		}
	}
}

// TestDepthwiseDotLanes checks every path against the lane loop the doc
// states, block by block with the rows split over two chained calls, and the
// folded lanes against the canonical Dot of the planes laid out block by
// block.
func TestDepthwiseDotLanes(t *testing.T) { kernelPaths(t, testDepthwiseDotLanes) }

func testDepthwiseDotLanes(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	for _, c := range dwCases {
		for _, rows := range []int{1, 2, 5, 8} {
			for _, special := range []bool{false, true} {
				name := fmt.Sprintf("%+v rows=%d special=%v", c, rows, special)
				x, off, ldx, _, taps := dwInput(rng, c, rows, special)
				ldg := c.cols + 1
				p := NewDepthwisePlan(c.cols, ldg, c.inCols, ldx, taps)
				g := make([]float32, rows*ldg)
				for i := range g {
					g[i] = float32(math.NaN()) // the guard column
				}
				for r := 0; r < rows; r++ {
					gemmFill(rng, g[r*ldg:][:c.cols], special)
				}
				run := func(dot func(acc []float32, g []float32, rows int, x []float32, off, b0, b1 int)) []float32 {
					acc := make([]float32, Lanes*len(taps)+1)
					acc[len(acc)-1] = float32(math.NaN())
					split := rows / 2
					for b := 0; b < p.Blocks(); b++ {
						dot(acc[:len(acc)-1], g, split, x, off, b, b+1)
						dot(acc[:len(acc)-1], g[split*ldg:], rows-split, x, off+split*ldx, b, b+1)
					}
					return acc
				}
				got, want := run(p.DotLanes), run(p.dotRef)
				for j := range got {
					if !gemmSame(got[j], want[j]) {
						t.Fatalf("%s: lane %d = %v, want %v", name, j, got[j], want[j])
					}
				}
				sums := make([]float32, len(taps))
				FoldLanes(sums, got)
				// The planes laid out block by block: the 16 columns of
				// block k of every row, zero past cols, then block k+1.
				nb := (c.cols + 15) / 16
				for ti, tp := range taps {
					a, b := make([]float32, nb*rows*16), make([]float32, nb*rows*16)
					for col := 0; col < c.cols; col++ {
						for r := 0; r < rows; r++ {
							i := (col/16*rows+r)*16 + col%16
							a[i] = g[r*ldg+col]
							if ic := col + tp.Col; ic >= 0 && ic < c.inCols {
								b[i] = x[off+tp.Off+(r+tp.Row)*ldx+ic]
							}
						}
					}
					if d := Dot(a, b); !gemmSame(sums[ti], d) {
						t.Fatalf("%s: tap %d folds to %v, Dot of the block-major planes %v", name, ti, sums[ti], d)
					}
				}
			}
		}
	}
}

func TestDepthwisePlanPanics(t *testing.T) {
	taps := []DepthwiseTap{{Row: 0, Col: -1}, {Row: 1, Col: 1}}
	p := NewDepthwisePlan(8, 8, 8, 10, taps)
	x, y, acc := make([]float32, 30), make([]float32, 16), make([]float32, 32)
	for name, f := range map[string]func(){
		"no taps":      func() { NewDepthwisePlan(8, 8, 8, 8, nil) },
		"overlap":      func() { NewDepthwisePlan(8, 7, 8, 8, taps) },
		"short w":      func() { p.Conv(y, 1, x, 0, []float32{1}, 0) },
		"short y":      func() { p.Conv(y[:9], 2, x, 0, []float32{1, 2}, 0) },
		"x past":       func() { p.Conv(y, 2, x, 10, []float32{1, 2}, 0) },
		"x before":     func() { p.Conv(y, 1, x, -9, []float32{1, 2}, 0) },
		"short lanes":  func() { p.DotLanes(acc[:31], y, 1, x, 0, 0, 1) },
		"dot x past":   func() { p.DotLanes(acc, y, 2, x, 11, 0, 1) },
		"blocks":       func() { p.DotLanes(acc, y, 1, x, 0, 0, 2) },
		"blocks order": func() { p.DotLanes(acc, y, 1, x, 0, 1, 0) },
		"short fold":   func() { FoldLanes(make([]float32, 3), acc) },
		"negative row": func() { p.Conv(y, -1, x, 0, []float32{1, 2}, 0) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}

// TestDepthwisePlane checks ConvPlane and DotPlane on planes shorter and
// longer than the kernel, NaN rows around the plane that they must not
// read: the AVX-512 kernels against the generic twins, and those against
// Conv and the chain of DotLanes on a copy of the plane framed by zero
// rows.
func TestDepthwisePlane(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	old := hasAVX512
	defer func() { hasAVX512 = old }()
	for _, c := range dwCases {
		if c.kh != 3 || c.kw != 3 || c.d != 1 || c.planes != 1 {
			continue
		}
		for _, inRows := range []int{1, 3, 4, 6, 9} {
			for _, rows := range []int{1, 4, 5, 7, 8, 10} {
				name := fmt.Sprintf("%+v inRows=%d rows=%d", c, inRows, rows)
				ldx, guard := c.inCols+2, 3
				x := make([]float32, (inRows+2*guard)*ldx)
				for i := range x {
					x[i] = float32(math.NaN())
				}
				for r := 0; r < inRows; r++ {
					gemmFill(rng, x[(guard+r)*ldx:][:c.inCols], true)
				}
				off := guard * ldx
				taps := c.taps(ldx, 0)
				p := NewDepthwisePlan(c.cols, c.cols+1, c.inCols, ldx, taps)
				if !p.Grid3() {
					t.Fatalf("%s: not a grid", name)
				}
				// The framed copy: input rows minRow..rows-1+maxRow.
				minRow, maxRow := min(taps[0].Row, taps[8].Row), max(taps[0].Row, taps[8].Row)
				n := rows + maxRow - minRow
				framed := make([]float32, n*ldx)
				for i := 0; i < n; i++ {
					if r := minRow + i; r >= 0 && r < inRows {
						copy(framed[i*ldx:(i+1)*ldx], x[off+r*ldx:])
					}
				}
				w := make([]float32, 9)
				gemmFill(rng, w, true)
				bias := float32(math.Copysign(0, -1))
				ldy := c.cols + 1
				g := make([]float32, rows*ldy)
				gemmFill(rng, g, false)
				conv := func(fast bool) []float32 {
					hasAVX512 = fast && old
					y := make([]float32, rows*ldy+1)
					for i := range y {
						y[i] = float32(math.NaN())
					}
					p.ConvPlane(y[:(rows-1)*ldy+c.cols], rows, x, off, inRows, w, bias, x[:rows])
					return y
				}
				dot := func(fast bool) []float32 {
					hasAVX512 = fast && old
					acc := make([]float32, 9*Lanes)
					p.DotPlane(acc, g, rows, x, off, inRows, g)
					return acc
				}
				hasAVX512 = false
				wantY := make([]float32, rows*ldy+1)
				for i := range wantY {
					wantY[i] = float32(math.NaN())
				}
				p.Conv(wantY[:(rows-1)*ldy+c.cols], rows, framed, -minRow*ldx, w, bias)
				wantAcc := make([]float32, 9*Lanes)
				for b := 0; b < p.Blocks(); b++ {
					p.DotLanes(wantAcc, g, rows, framed, -minRow*ldx, b, b+1)
				}
				for _, fast := range []bool{false, true} {
					for i, v := range conv(fast) {
						if !gemmSame(v, wantY[i]) {
							t.Fatalf("%s fast=%v: ConvPlane y[%d] = %v, want %v", name, fast, i, v, wantY[i])
						}
					}
					for i, v := range dot(fast) {
						if !gemmSame(v, wantAcc[i]) {
							t.Fatalf("%s fast=%v: DotPlane lane %d = %v, want %v", name, fast, i, v, wantAcc[i])
						}
					}
				}
			}
		}
	}
}

// TestDepthwiseConvNonTemporal runs ConvPlane on whole aligned rows of
// 16-column blocks, streamed (the AVX-512 kernel stores them past the
// caches), and
// checks them against the generic twin.
func TestDepthwiseConvNonTemporal(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 14))
	old := hasAVX512
	defer func() { hasAVX512 = old }()
	for _, c := range []dwCase{{32, 32, 3, 3, 1, 1, -1, 1, false}, {48, 48, 3, 3, 1, 1, 1, 1, true}} {
		for _, rows := range []int{4, 6, 13} {
			x := make([]float32, rows*c.inCols)
			gemmFill(rng, x, false)
			p := NewDepthwisePlan(c.cols, c.cols, c.inCols, c.inCols, c.taps(c.inCols, 0))
			p.Stream(true)
			w := make([]float32, 9)
			gemmFill(rng, w, false)
			run := func(fast bool) []float32 {
				hasAVX512 = fast && old
				buf := make([]float32, rows*c.cols+32)
				for i := range buf {
					buf[i] = float32(math.NaN())
				}
				a := int(uintptr(unsafe.Pointer(&buf[0]))%64) / 4
				y := buf[(16-a)%16:][:rows*c.cols]
				p.ConvPlane(y, rows, x, 0, rows, w, 0.5, x)
				return buf
			}
			got, want := run(true), run(false)
			for i := range got {
				if !gemmSame(got[i], want[i]) {
					t.Fatalf("%+v rows=%d: y[%d] = %v, want %v", c, rows, i, got[i], want[i])
				}
			}
		}
	}
}

// TestFoldLanes checks the AVX-512 fold against the generic one, special
// values included.
func TestFoldLanes(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 15))
	old := hasAVX512
	defer func() { hasAVX512 = old }()
	for _, n := range []int{0, 1, 2, 9, 17} {
		acc := make([]float32, n*Lanes)
		gemmFill(rng, acc, true)
		run := func(fast bool) []float32 {
			hasAVX512 = fast && old
			out := make([]float32, n+1)
			out[n] = float32(math.NaN())
			FoldLanes(out[:n], acc)
			return out
		}
		got, want := run(true), run(false)
		for i := range got {
			if !gemmSame(got[i], want[i]) {
				t.Fatalf("n=%d: sum %d = %v, want %v", n, i, got[i], want[i])
			}
		}
	}
}
