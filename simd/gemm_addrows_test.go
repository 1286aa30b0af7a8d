package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestAddRows checks every kernel path against the generic twin for every
// run length up to 80 (one to three AVX-512 strips, AddTo's vector part and
// tail), with NaN guard cells between and after the rows.
func TestAddRows(t *testing.T) {
	kernelPaths(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(17, 17))
		for n := 1; n <= 80; n++ {
			for _, rows := range []int{1, 3, 8, 40} {
				ds, ss := n+rng.IntN(4), n+rng.IntN(4)
				src := make([]float32, (rows-1)*ss+n)
				gemmFill(rng, src, true)
				base := make([]float32, (rows-1)*ds+n+2)
				for i := range base {
					base[i] = float32(math.NaN())
				}
				for r := 0; r < rows; r++ {
					gemmFill(rng, base[r*ds:r*ds+n], true)
				}
				got := append([]float32(nil), base...)
				AddRows(got, ds, src, ss, rows, n)
				want := append([]float32(nil), base...)
				addRowsGeneric(want, ds, src, ss, rows, n)
				for i := range got {
					if !sameFloat(got[i], want[i]) {
						t.Fatalf("n=%d rows=%d: d[%d] = %v, want %v", n, rows, i, got[i], want[i])
					}
				}
			}
		}
	})
}

// BenchmarkAddRows adds 64 rows of n, dst rows ds apart, against the
// generic twin: contiguous rows closer than a vector (taken in passes),
// rows wider apart, and rows of several 32-column strips.
func BenchmarkAddRows(b *testing.B) {
	for _, c := range [][2]int{{12, 12}, {24, 24}, {28, 28}, {28, 64}, {64, 64}, {100, 100}} {
		n, ds := c[0], c[1]
		const rows = 64
		dst, src := make([]float32, rows*ds), make([]float32, rows*n)
		for _, fast := range []bool{true, false} {
			name := fmt.Sprintf("n=%d/ds=%d/generic", n, ds)
			if fast {
				name = fmt.Sprintf("n=%d/ds=%d/fast", n, ds)
			}
			b.Run(name, func(b *testing.B) {
				b.SetBytes(int64(rows * n * 4))
				for b.Loop() {
					if fast {
						AddRows(dst, ds, src, n, rows, n)
					} else {
						addRowsGeneric(dst, ds, src, n, rows, n)
					}
				}
			})
		}
	}
}
