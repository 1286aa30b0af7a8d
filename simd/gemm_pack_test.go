package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// packPaths runs f on every path (see eachPath).
func packPaths(f func(name string)) { eachPath(f) }

// packSrc returns a source of n distinct values, NaNs with payloads
// included, so that a misplaced element shows.
func packSrc(rng *rand.Rand, n int) []float32 {
	src := make([]float32, n)
	for i := range src {
		src[i] = float32(i) + 0.25
		if rng.IntN(7) == 0 {
			src[i] = math.Float32frombits(0x7fc00000 | uint32(i))
		}
	}
	return src
}

// packCheck compares got and want bit for bit; both carry a NaN guard
// cell on each side that must survive.
func packCheck(t *testing.T, what string, got, want []float32) {
	t.Helper()
	for i := range got {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("%s: dst[%d] = %#x, want %#x", what, i, math.Float32bits(got[i]), math.Float32bits(want[i]))
		}
	}
}

func packDst(n int) (got, want []float32) {
	got = make([]float32, n+2)
	for i := range got {
		got[i] = math.Float32frombits(gemmGuard)
	}
	want = append([]float32(nil), got...)
	return got, want
}

// TestGemmPackT checks GemmPackT against its generic twin for every width
// and row count of a panel, at line counts around the loop edges.
func TestGemmPackT(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	packPaths(func(name string) {
		for w := 1; w <= 32; w++ {
			for cnt := 0; cnt <= w; cnt++ {
				for _, kc := range []int{1, 3, 15, 16, 17, 40} {
					ld := kc + rng.IntN(9)
					off := rng.IntN(5)
					src := packSrc(rng, off+max(cnt-1, 0)*ld+kc+rng.IntN(3))
					got, want := packDst(kc * w)
					GemmPackT(got[1:len(got)-1], w, src, off, ld, cnt, kc)
					gemmPackTGeneric(want[1:len(want)-1], w, src, off, ld, cnt, kc)
					packCheck(t, name, got, want)
					for p := 0; p < kc; p++ {
						for i := 0; i < cnt; i++ {
							if math.Float32bits(got[1+p*w+i]) != math.Float32bits(src[off+i*ld+p]) {
								t.Fatalf("%s w=%d cnt=%d kc=%d: line %d lane %d is not src[%d]", name, w, cnt, kc, p, i, off+i*ld+p)
							}
						}
					}
				}
			}
		}
	})
}

// TestGemmPackRows checks GemmPackRows against its generic twin for every
// panel width, at column counts around whole panels.
func TestGemmPackRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	packPaths(func(name string) {
		for w := 1; w <= 32; w++ {
			for _, cols := range []int{1, w - 1, w, w + 1, 2*w + 3, 3 * w} {
				if cols < 1 {
					continue
				}
				for _, kc := range []int{1, 2, 5} {
					ld := cols + rng.IntN(9)
					off := rng.IntN(5)
					src := packSrc(rng, off+(kc-1)*ld+cols)
					panels := (cols + w - 1) / w
					got, want := packDst(panels * kc * w)
					GemmPackRows(got[1:len(got)-1], w, src, off, ld, cols, kc)
					gemmPackRowsGeneric(want[1:len(want)-1], w, src, off, ld, cols, kc)
					packCheck(t, name, got, want)
				}
			}
		}
	})
}

func TestGemmPackPanics(t *testing.T) {
	src := make([]float32, 100)
	d := make([]float32, 200)
	for name, f := range map[string]func(){
		"T wide":      func() { GemmPackT(d, 33, src, 0, 10, 1, 1) },
		"T cnt":       func() { GemmPackT(d, 4, src, 0, 10, 5, 1) },
		"T short dst": func() { GemmPackT(d[:7], 4, src, 0, 10, 4, 2) },
		"T src":       func() { GemmPackT(d, 4, src, 0, 30, 4, 11) },
		"T off":       func() { GemmPackT(d, 4, src, -1, 10, 4, 2) },
		"R wide":      func() { GemmPackRows(d, 0, src, 0, 10, 1, 1) },
		"R short dst": func() { GemmPackRows(d[:15], 4, src, 0, 10, 5, 2) },
		"R src":       func() { GemmPackRows(d, 4, src, 0, 50, 5, 3) },
		"R negative":  func() { GemmPackRows(d, 4, src, 0, 10, -1, 2) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// BenchmarkGemmPackRows packs a 256x500 block of B (row stride 512) into
// panels of 16 and 32 lanes, the last one partial, on each path.
func BenchmarkGemmPackRows(b *testing.B) {
	const kc, cols, ld = 256, 500, 512
	src := make([]float32, kc*ld)
	for _, w := range []int{16, 32} {
		d := make([]float32, (cols+w-1)/w*w*kc)
		b.Run(fmt.Sprintf("w=%d", w), func(b *testing.B) {
			benchPaths(b, func(b *testing.B) {
				b.SetBytes(4 * kc * cols)
				for i := 0; i < b.N; i++ {
					GemmPackRows(d, w, src, 0, ld, cols, kc)
				}
			})
		})
	}
}
