package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestAddRows checks the fast path against the generic twin for every run
// length up to 40, with NaN guard cells between and after the rows.
func TestAddRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	old := hasAVX512
	defer func() { hasAVX512 = old }()
	for n := 1; n <= 40; n++ {
		for _, rows := range []int{1, 3, 8} {
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
			run := func(fast bool) []float32 {
				hasAVX512 = fast && old
				d := append([]float32(nil), base...)
				AddRows(d, ds, src, ss, rows, n)
				return d
			}
			got, want := run(true), run(false)
			for i := range got {
				if math.Float32bits(got[i]) != math.Float32bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
					t.Fatalf("n=%d rows=%d: d[%d] = %v, want %v", n, rows, i, got[i], want[i])
				}
			}
		}
	}
}
