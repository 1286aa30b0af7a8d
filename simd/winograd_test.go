package simd

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// winogradCase is one random layout for the Winograd kernels: len(off)
// lanes at random, possibly repeated offsets, items strided in both arrays.
type winogradCase struct {
	lanes, items, row, tItem, aPos, aItem int
	off                                   []int32
}

func newWinogradCase(rng *rand.Rand, lanes, items, rows int) winogradCase {
	c := winogradCase{lanes: lanes, items: items}
	c.row = rows + rng.IntN(5)
	c.tItem = rng.IntN(3) * (rows*c.row + rng.IntN(7))
	c.aItem = lanes + rng.IntN(3)
	c.aPos = items*c.aItem + rng.IntN(3)
	c.off = make([]int32, lanes)
	for l := range c.off {
		c.off[l] = int32(rng.IntN(40))
	}
	return c
}

// tileLen is the length of the tile array that holds every lane's tiles.
func (c winogradCase) tileLen(rows, cols int) int {
	mx := 0
	for _, o := range c.off {
		mx = max(mx, int(o))
	}
	return mx + (c.items-1)*c.tItem + (rows-1)*c.row + cols
}

func winogradValues(rng *rand.Rand, n int, special bool) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
		if special && rng.IntN(50) == 0 {
			x[i] = []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0, float32(math.Copysign(0, -1)), 3e38}[rng.IntN(6)]
		}
	}
	return x
}

// guarded returns a slice of n NaN-filled elements with NaN guard cells on
// both sides, and a check that the guards survived.
func wgGuarded(n int) ([]float32, func(t *testing.T)) {
	const g = 19
	buf := make([]float32, n+2*g)
	for i := range buf {
		buf[i] = float32(math.NaN())
	}
	return buf[g : g+n : g+n], func(t *testing.T) {
		t.Helper()
		for i := 0; i < g; i++ {
			if !math.IsNaN(float64(buf[i])) || !math.IsNaN(float64(buf[g+n+i])) {
				t.Fatalf("guard cell overwritten")
			}
		}
	}
}

func wgSameBits(a, b float32) bool {
	return math.Float32bits(a) == math.Float32bits(b) || (a != a && b != b)
}

// TestWinogradKernels runs the fast paths and the generic twins over the
// same layouts, for every lane count and a few item counts, with NaN, Inf
// and huge values (Inf - Inf, overflow of 4*x) among the inputs, and
// requires the same bits in every written cell and intact guard cells.
func TestWinogradKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 3))
	old512, old2 := hasAVX512, hasAVX2
	defer func() { hasAVX512, hasAVX2 = old512, old2 }()
	// Each fast path in turn (AVX-512, then AVX2), against the generic twin.
	type path struct{ avx512, avx2 bool }
	paths := []path{{old512, old2}, {false, old2}, {false, false}}
	for lanes := 1; lanes <= 16; lanes++ {
		for _, items := range []int{1, 2, 3, 5} {
			for _, special := range []bool{false, true} {
				// Input transform: 6x6 tiles -> 36 positions.
				c := newWinogradCase(rng, lanes, items, 6)
				x := winogradValues(rng, c.tileLen(6, 6)+2*min(1, lanes%3), special) // 2 more: room for the fast path
				vLen := 35*c.aPos + (items-1)*c.aItem + lanes
				var outs [3][]float32
				for k, p := range paths {
					hasAVX512, hasAVX2 = p.avx512, p.avx2
					v, check := wgGuarded(vLen)
					WinogradInput4(v, c.aPos, c.aItem, x, c.off, c.row, c.tItem, items)
					check(t)
					outs[k] = v
				}
				compareCells(t, "input", lanes, items, outs[0], outs[2])
				compareCells(t, "input (AVX2)", lanes, items, outs[1], outs[2])

				// Output-gradient transform: 4x4 tiles -> 36 positions.
				c = newWinogradCase(rng, lanes, items, 4)
				gy := winogradValues(rng, c.tileLen(4, 4), special)
				vLen = 35*c.aPos + (items-1)*c.aItem + lanes
				for k, p := range paths {
					hasAVX512, hasAVX2 = p.avx512, p.avx2
					z, check := wgGuarded(vLen)
					WinogradGradOutput4(z, c.aPos, c.aItem, gy, c.off, c.row, c.tItem, items)
					check(t)
					outs[k] = z
				}
				compareCells(t, "grad", lanes, items, outs[0], outs[2])
				compareCells(t, "grad (AVX2)", lanes, items, outs[1], outs[2])

				// Output transform: 36 positions -> 4x4 tiles, distinct
				// tiles per lane (the scatter's targets must not overlap).
				c = newWinogradCase(rng, lanes, items, 4)
				pattern := rng.IntN(3)
				for l := range c.off {
					switch pattern {
					case 0: // tiles side by side (one store per row of 4)
						c.off[l] = int32(4 * l)
					case 1: // groups of 4 side by side, with gaps
						c.off[l] = int32(4*l + l/4)
					default:
						c.off[l] = int32(5*l + rng.IntN(2))
					}
				}
				c.row = 16*5 + rng.IntN(3)
				c.tItem = 4*c.row + rng.IntN(3)
				m := winogradValues(rng, 35*c.aPos+(items-1)*c.aItem+lanes, special)
				var bias []float32
				if rng.IntN(2) == 0 {
					bias = winogradValues(rng, items, special)
				}
				yLen := c.tileLen(4, 4)
				for k, p := range paths {
					hasAVX512, hasAVX2 = p.avx512, p.avx2
					y, check := wgGuarded(yLen)
					WinogradOutput4(y, c.off, c.row, c.tItem, m, c.aPos, c.aItem, bias, items)
					check(t)
					outs[k] = y
				}
				compareCells(t, "output", lanes, items, outs[0], outs[2])
				compareCells(t, "output (AVX2)", lanes, items, outs[1], outs[2])
			}
		}
	}
}

// compareCells compares the written cells (and that the unwritten ones
// still hold NaN in both).
func compareCells(t *testing.T, name string, lanes, items int, got, want []float32) {
	t.Helper()
	for i := range got {
		if !wgSameBits(got[i], want[i]) {
			t.Fatalf("%s lanes=%d items=%d: cell %d = %v, generic %v", name, lanes, items, i, got[i], want[i])
		}
	}
}

// TestWinogradTransforms checks the generic twins against the matrices of
// F(4x4, 3x3) in float64: the transforms of a tile and its 2-D product.
func TestWinogradTransforms(t *testing.T) {
	bt := [6][6]float64{{4, 0, -5, 0, 1, 0}, {0, -4, -4, 1, 1, 0}, {0, 4, -4, -1, 1, 0},
		{0, -2, -1, 2, 1, 0}, {0, 2, -1, -2, 1, 0}, {0, 4, 0, -5, 0, 1}}
	at := [4][6]float64{{1, 1, 1, 1, 1, 0}, {0, 1, -1, 2, -2, 0}, {0, 1, 1, 4, 4, 0}, {0, 1, -1, 8, -8, 1}}
	rng := rand.New(rand.NewPCG(1, 2))
	x := winogradValues(rng, 36, false)
	v := make([]float32, 36)
	WinogradInput4(v, 1, 0, x, []int32{0}, 6, 0, 1)
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			var s float64
			for r := 0; r < 6; r++ {
				for c := 0; c < 6; c++ {
					s += bt[i][r] * float64(x[r*6+c]) * bt[j][c]
				}
			}
			if math.Abs(s-float64(v[6*i+j])) > 1e-4*(1+math.Abs(s)) {
				t.Fatalf("input V[%d][%d] = %v, want %v", i, j, v[6*i+j], s)
			}
		}
	}
	y := make([]float32, 16)
	WinogradOutput4(y, []int32{0}, 4, 0, x, 1, 0, []float32{0.5}, 1)
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			s := 0.5
			for r := 0; r < 6; r++ {
				for c := 0; c < 6; c++ {
					s += at[i][r] * float64(x[r*6+c]) * at[j][c]
				}
			}
			if math.Abs(s-float64(y[4*i+j])) > 1e-4*(1+math.Abs(s)) {
				t.Fatalf("output Y[%d][%d] = %v, want %v", i, j, y[4*i+j], s)
			}
		}
	}
	z := make([]float32, 36)
	WinogradGradOutput4(z, 1, 0, x, []int32{0}, 4, 0, 1)
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			var s float64
			for r := 0; r < 4; r++ {
				for c := 0; c < 4; c++ {
					s += at[r][i] * float64(x[r*4+c]) * at[c][j]
				}
			}
			if math.Abs(s-float64(z[6*i+j])) > 1e-4*(1+math.Abs(s)) {
				t.Fatalf("grad Z[%d][%d] = %v, want %v", i, j, z[6*i+j], s)
			}
		}
	}
}

// BenchmarkWinograd times each transform on 16 lanes of tiles side by side
// in a row, per item (channel).
func BenchmarkWinograd(b *testing.B) {
	const items, lanes = 64, 16
	rng := rand.New(rand.NewPCG(1, 1))
	off := make([]int32, lanes)
	for l := range off {
		off[l] = int32(4 * l)
	}
	row, plane := 4*lanes+2, (4*lanes+2)*6
	x := winogradValues(rng, items*plane+8, false)
	v := make([]float32, 36*items*lanes)
	b.Run("input", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			WinogradInput4(v, items*lanes, lanes, x, off, row, plane, items)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*items), "ns/item")
	})
	b.Run("output", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			WinogradOutput4(x, off, row, plane, v, items*lanes, lanes, nil, items)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*items), "ns/item")
	})
	b.Run("grad", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			WinogradGradOutput4(v, items*lanes, lanes, x, off, row, plane, items)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*items), "ns/item")
	})
}

// TestWinogradAsmGenerated checks that winograd_amd64.s is what
// _asm/winogradgen writes. It runs the go command, so it is skipped with
// -short.
func TestWinogradAsmGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out := t.TempDir()
	cmd := exec.Command(goCmd, "run", "./winogradgen", "-out", out)
	cmd.Dir = "_asm"
	for _, kv := range os.Environ() { // the generator runs on the host
		if !strings.HasPrefix(kv, "GOARCH=") && !strings.HasPrefix(kv, "GOOS=") && !strings.HasPrefix(kv, "GOFLAGS=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run winogradgen: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(filepath.Join(out, "winograd_amd64.s"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile("winograd_amd64.s"); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("winograd_amd64.s differs from what _asm/winogradgen writes (cd simd/_asm && go run ./winogradgen); %v", err)
	}
}
