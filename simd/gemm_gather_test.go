package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestGemmGatherT checks every path of GemmGatherT against the generic
// loop bit for bit (specials included) and, on normal values, against a
// float64 reference, at every tile corner, several k around the kernel's
// unroll, with and without bias, y surrounded by guard cells.
func TestGemmGatherT(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, g := range gemmPaths() {
		for _, special := range []bool{false, true} {
			for _, k := range []int{1, 2, 3, 4, 5, 7, 8, 9, 31, 75, 294} {
				for _, rc := range [][2]int{{14, 32}, {1, 1}, {13, 31}, {14, 17}, {7, 32}, {14, 16}, {2, 15}} {
					for _, withBias := range []bool{false, true} {
						name := fmt.Sprintf("%s/special=%v/k=%d/%dx%d/bias=%v", g.name, special, k, rc[0], rc[1], withBias)
						gatherCase(t, name, g, rng, k, rc[0], rc[1], withBias, special, 5+GatherSplit)
						gatherCase(t, name+"/two runs", g, rng, k, rc[0], rc[1], withBias, special, 3*40+1)
					}
				}
			}
		}
	}
}

func gatherCase(t *testing.T, name string, g gemmImpl, rng *rand.Rand, k, rows, cols int, withBias, special bool, xoff2 int) {
	t.Helper()
	// An image of rows of width w, steps at increasing offsets with gaps
	// (as a convolution's taps), plus the GatherRows slack.
	w := 40
	offs := make([]int, k)
	for p := range offs {
		offs[p] = p/3*w + p%3*2
	}
	xoff := 5
	x := make([]float32, max(xoff, xoff2)+offs[k-1]+GatherSplit)
	gemmFill(rng, x, special)
	b := make([]float32, k*32)
	gemmFill(rng, b, special)
	for p := 0; p < k; p++ {
		clear(b[p*32+cols : p*32+32])
	}
	var bias []float32
	if withBias {
		bias = make([]float32, cols)
		gemmFill(rng, bias, special)
	}
	ldy := rows + 3
	const guard = 4
	y := make([]float32, guard+(cols-1)*ldy+rows+guard)
	want := make([]float32, len(y))
	for i := range y {
		y[i] = math.Float32frombits(gemmGuard)
		want[i] = y[i]
	}
	off := NewGatherOffsets(offs)
	gemmGatherTGeneric(want[guard:], ldy, rows, cols, x, xoff, xoff2, off.off, b, bias)
	withGemm(g, func() { GemmGatherT(y[guard:], ldy, rows, cols, x, xoff, xoff2, off, b, bias) })
	for i := range y {
		if !gemmSame(y[i], want[i]) {
			t.Fatalf("%s: y[%d] = %v (%#x), generic %v (%#x)", name, i, y[i], math.Float32bits(y[i]), want[i], math.Float32bits(want[i]))
		}
	}
	if special {
		return
	}
	for j := 0; j < cols; j++ {
		for i := 0; i < rows; i++ {
			var ref, mag float64
			if bias != nil {
				ref, mag = float64(bias[j]), math.Abs(float64(bias[j]))
			}
			base := xoff + i
			if i >= GatherSplit {
				base = xoff2 + i - GatherSplit
			}
			for p, o := range offs {
				v := float64(x[base+o]) * float64(b[p*32+j])
				ref += v
				mag += math.Abs(v)
			}
			got := float64(y[guard+j*ldy+i])
			if math.Abs(got-ref) > float64(k+1)*0x1p-23*mag {
				t.Fatalf("%s: y[%d,%d] = %v, float64 reference %v", name, i, j, got, ref)
			}
		}
	}
}

// TestGemmGatherTPanics checks that bad arguments are refused with a
// message, before any memory is touched.
func TestGemmGatherTPanics(t *testing.T) {
	off := NewGatherOffsets([]int{0, 10, 20})
	x := make([]float32, 20+GatherRows)
	b := make([]float32, 3*32)
	y := make([]float32, 32*14)
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"rows", func() { GemmGatherT(y, 14, 15, 32, x, 0, 7, off, b, nil) }},
		{"cols", func() { GemmGatherT(y, 14, 14, 33, x, 0, 7, off, b, nil) }},
		{"y", func() { GemmGatherT(y[:100], 14, 14, 32, x, 0, 7, off, b, nil) }},
		{"b", func() { GemmGatherT(y, 14, 14, 32, x, 0, 7, off, b[:90], nil) }},
		{"bias", func() { GemmGatherT(y, 14, 14, 32, x, 0, 7, off, b, make([]float32, 3)) }},
		{"x", func() { GemmGatherT(y, 14, 14, 32, x, 8, 15, off, b, nil) }},
		{"xoff", func() { GemmGatherT(y, 14, 14, 32, x, -1, 6, off, b, nil) }},
		{"xoff2", func() { GemmGatherT(y, 14, 14, 32, x, 0, 8, off, b, nil) }},
		{"xoff2 negative", func() { GemmGatherT(y, 14, 8, 32, x, 0, -1, off, b, nil) }},
		{"offset", func() { NewGatherOffsets([]int{-1}) }},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", c.name)
				}
			}()
			c.f()
		}()
	}
}

// TestGemmGatherB checks every path of GemmGatherB against the generic
// loop bit for bit (specials included) and, on normal values, against a
// float64 reference: every row count of the kernel variants, partial
// column masks, k around the unroll, bias, load, guard cells around c.
func TestGemmGatherB(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, g := range gemmPaths() {
		for _, special := range []bool{false, true} {
			for _, k := range []int{1, 3, 4, 5, 9, 49, 150} {
				for _, ar := range []int{GatherRows, 6} { // the AVX-512 and AVX2 panels
					for rows := 1; rows <= ar; rows++ {
						for _, cols := range []int{32, 1, 17, 28, 16, 9} {
							for mode := 0; mode < 3; mode++ { // zero, bias, load
								name := fmt.Sprintf("%s/special=%v/k=%d/%dx%d of %d/mode=%d", g.name, special, k, rows, cols, ar, mode)
								gatherBCase(t, name, g, rng, k, rows, cols, ar, mode, special)
							}
						}
					}
				}
			}
		}
	}
}

func gatherBCase(t *testing.T, name string, g gemmImpl, rng *rand.Rand, k, rows, cols, ar, mode int, special bool) {
	t.Helper()
	w := 45
	offs := make([]int, k)
	for p := range offs {
		offs[p] = p/5*w + p%5
	}
	xoff := 3
	x := make([]float32, xoff+offs[k-1]+32)
	gemmFill(rng, x, special)
	a := make([]float32, k*ar)
	gemmFill(rng, a, special)
	for p := 0; p < k; p++ {
		clear(a[p*ar+rows : (p+1)*ar])
	}
	var bias []float32
	if mode == 1 {
		bias = make([]float32, rows)
		gemmFill(rng, bias, special)
	}
	ldc := cols + 5
	const guard = 4
	c := make([]float32, guard+(rows-1)*ldc+cols+guard)
	for i := range c {
		c[i] = math.Float32frombits(gemmGuard)
	}
	if mode == 2 {
		for i := 0; i < rows; i++ {
			gemmFill(rng, c[guard+i*ldc:guard+i*ldc+cols], special)
		}
	}
	c0 := append([]float32(nil), c...)
	want := append([]float32(nil), c...)
	off := NewGatherOffsets(offs)
	gemmGatherBGeneric(want[guard:], ldc, rows, cols, a, ar, x, xoff, off.off, bias, mode == 2)
	withGemm(g, func() { GemmGatherB(c[guard:], ldc, rows, cols, a, ar, x, xoff, off, bias, mode == 2) })
	for i := range c {
		if !gemmSame(c[i], want[i]) {
			t.Fatalf("%s: c[%d] = %v (%#x), generic %v (%#x)", name, i, c[i], math.Float32bits(c[i]), want[i], math.Float32bits(want[i]))
		}
	}
	if special {
		return
	}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			var ref, mag float64
			switch mode {
			case 1:
				ref = float64(bias[i])
			case 2:
				ref = float64(c0[guard+i*ldc+j])
			}
			mag = math.Abs(ref)
			for p, o := range offs {
				v := float64(a[p*ar+i]) * float64(x[xoff+o+j])
				ref += v
				mag += math.Abs(v)
			}
			got := float64(c[guard+i*ldc+j])
			if math.Abs(got-ref) > float64(k+1)*0x1p-23*mag {
				t.Fatalf("%s: c[%d,%d] = %v, float64 reference %v", name, i, j, got, ref)
			}
		}
	}
}

// TestGemmGatherBPanics checks that bad arguments are refused.
func TestGemmGatherBPanics(t *testing.T) {
	off := NewGatherOffsets([]int{0, 10, 20})
	x := make([]float32, 20+32)
	a := make([]float32, 3*GatherRows)
	c := make([]float32, 14*32)
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"rows", func() { GemmGatherB(c, 32, 15, 32, a, GatherRows, x, 0, off, nil, false) }},
		{"rows past the panel", func() { GemmGatherB(c, 32, 7, 32, a, 6, x, 0, off, nil, false) }},
		{"cols", func() { GemmGatherB(c, 32, 14, 33, a, GatherRows, x, 0, off, nil, false) }},
		{"c", func() { GemmGatherB(c[:100], 32, 14, 32, a, GatherRows, x, 0, off, nil, false) }},
		{"a", func() { GemmGatherB(c, 32, 14, 32, a[:40], GatherRows, x, 0, off, nil, false) }},
		{"bias", func() { GemmGatherB(c, 32, 14, 32, a, GatherRows, x, 0, off, make([]float32, 13), false) }},
		{"x", func() { GemmGatherB(c, 32, 14, 32, a, GatherRows, x, 1, off, nil, false) }},
		{"xoff", func() { GemmGatherB(c, 32, 14, 32, a, GatherRows, x, -1, off, nil, false) }},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", tc.name)
				}
			}()
			tc.f()
		}()
	}
}

// FuzzGemmGather runs both gather kernels on tile sizes, step counts and
// values drawn from the input, on every path, and requires the bits of
// their generic loops.
func FuzzGemmGather(f *testing.F) {
	f.Add(uint8(14), uint8(32), uint16(49), uint8(3), uint64(1))
	f.Add(uint8(1), uint8(1), uint16(1), uint8(0), uint64(2))
	f.Add(uint8(6), uint8(28), uint16(300), uint8(5), uint64(3))
	f.Fuzz(func(t *testing.T, rows, cols uint8, k uint16, flags uint8, seed uint64) {
		r, c, kk := 1+int(rows)%GatherRows, 1+int(cols)%32, 1+int(k)%400
		rng := rand.New(rand.NewPCG(seed, 11))
		special := flags&1 != 0
		for _, g := range gemmPaths() {
			gatherCase(t, "fuzz T", g, rng, kk, r, c, flags&2 != 0, special, 1+int(seed%97))
			gatherBCase(t, "fuzz B", g, rng, kk, r, c, GatherRows, int(flags>>2)%3, special)
			gatherBCase(t, "fuzz B6", g, rng, kk, 1+r%6, c, 6, int(flags>>2)%3, special)
		}
	})
}
