package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestWinogradFilterKernels runs every path and the generic twins of the
// filter transforms over the same random layouts, for every lane count, a
// few item counts, both filter orientations, with NaN, Inf and huge
// values among the inputs, and requires the same bits in every written
// cell and intact guard cells.
func TestWinogradFilterKernels(t *testing.T) { kernelPaths(t, testWinogradFilterKernels) }

func testWinogradFilterKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	for lanes := 1; lanes <= 16; lanes++ {
		for _, items := range []int{1, 2, 3, 7} {
			for _, special := range []bool{false, true} {
				// Forward: 9 taps -> 36 positions; taps and items strided.
				fTap := lanes + rng.IntN(3)
				fItem := 9*fTap + rng.IntN(4)
				f := winogradValues(rng, (items-1)*fItem+8*fTap+lanes, special)
				uItem := lanes + rng.IntN(3)
				uPos := items*uItem + rng.IntN(3)
				uLen := 35*uPos + (items-1)*uItem + lanes
				for _, rot := range []bool{false, true} {
					u, check := wgGuarded(uLen)
					WinogradFilter4(u, uPos, uItem, f, fTap, fItem, rot, lanes, items)
					check(t)
					want, _ := wgGuarded(uLen)
					winogradFilter4Generic(want, uPos, uItem, f, fTap, fItem, rot, lanes, items)
					compareCells(t, "filter", lanes, items, u, want)
				}

				// Gradient: 36 positions -> 9 taps.
				uItem = lanes + rng.IntN(3)
				uPos = items*uItem + rng.IntN(3)
				u := winogradValues(rng, 35*uPos+(items-1)*uItem+lanes, special)
				gItem := lanes + rng.IntN(3)
				gTap := items*gItem + rng.IntN(3)
				g, check := wgGuarded(8*gTap + (items-1)*gItem + lanes)
				WinogradFilterGrad4(g, gTap, gItem, u, uPos, uItem, lanes, items)
				check(t)
				want, _ := wgGuarded(8*gTap + (items-1)*gItem + lanes)
				winogradFilterGrad4Generic(want, gTap, gItem, u, uPos, uItem, lanes, items)
				compareCells(t, "filter grad", lanes, items, g, want)
			}
		}
	}
}

// TestWinogradFilterTransforms checks the generic twins against G g Gᵀ and
// Gᵀ dU G in float64, and the rotation against a filter rotated by hand.
func TestWinogradFilterTransforms(t *testing.T) {
	g := [6][3]float64{{1.0 / 4, 0, 0}, {-1.0 / 6, -1.0 / 6, -1.0 / 6}, {-1.0 / 6, 1.0 / 6, -1.0 / 6},
		{1.0 / 24, 1.0 / 12, 1.0 / 6}, {1.0 / 24, -1.0 / 12, 1.0 / 6}, {0, 0, 1}}
	rng := rand.New(rand.NewPCG(6, 1))
	f := winogradValues(rng, 9, false)
	u := make([]float32, 36)
	WinogradFilter4(u, 1, 0, f, 1, 0, false, 1, 1)
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			var s float64
			for r := 0; r < 3; r++ {
				for c := 0; c < 3; c++ {
					s += g[i][r] * float64(f[3*r+c]) * g[j][c]
				}
			}
			if math.Abs(s-float64(u[6*i+j])) > 1e-5*(1+math.Abs(s)) {
				t.Fatalf("U[%d][%d] = %v, want %v", i, j, u[6*i+j], s)
			}
		}
	}
	var rotated [9]float32
	for k := range rotated {
		rotated[k] = f[8-k]
	}
	ur, want := make([]float32, 36), make([]float32, 36)
	WinogradFilter4(ur, 1, 0, f, 1, 0, true, 1, 1)
	WinogradFilter4(want, 1, 0, rotated[:], 1, 0, false, 1, 1)
	for p := range ur {
		if ur[p] != want[p] {
			t.Fatalf("rotated U[%d] = %v, want %v", p, ur[p], want[p])
		}
	}
	du := winogradValues(rng, 36, false)
	dg := make([]float32, 9)
	WinogradFilterGrad4(dg, 1, 0, du, 1, 0, 1, 1)
	for r := 0; r < 3; r++ {
		for c := 0; c < 3; c++ {
			var s float64
			for i := 0; i < 6; i++ {
				for j := 0; j < 6; j++ {
					s += g[i][r] * float64(du[6*i+j]) * g[j][c]
				}
			}
			if math.Abs(s-float64(dg[3*r+c])) > 1e-5*(1+math.Abs(s)) {
				t.Fatalf("dg[%d][%d] = %v, want %v", r, c, dg[3*r+c], s)
			}
		}
	}
}
