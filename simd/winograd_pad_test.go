package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestWinogradPad checks every path against the definition, for images of
// 1 to 33 columns and padded rows around the 16- and 32-lane edges, with
// NaN guard cells around dst and src (a masked load that reached past the
// image would carry a NaN in).
func TestWinogradPad(t *testing.T) { kernelPaths(t, testWinogradPad) }

func testWinogradPad(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 2))
	for _, w := range []int{1, 2, 5, 7, 14, 15, 16, 17, 30, 31, 32, 33} {
		for _, h := range []int{1, 3, 7} {
			for k := 0; k < 4; k++ {
				ph, pw := rng.IntN(3), rng.IntN(3)
				hq, wq := ph+h+rng.IntN(4), pw+w+rng.IntN(4)
				planes := 1 + rng.IntN(3)
				src, checkSrc := wgGuarded(planes * h * w)
				for i := range src {
					src[i] = float32(rng.NormFloat64())
				}
				{
					dst, check := wgGuarded(planes * hq * wq)
					WinogradPad(dst, hq, wq, ph, pw, src, h, w, planes)
					check(t)
					checkSrc(t)
					for c := 0; c < planes; c++ {
						for r := 0; r < hq; r++ {
							for j := 0; j < wq; j++ {
								want := float32(0)
								if r >= ph && r < ph+h && j >= pw && j < pw+w {
									want = src[(c*h+r-ph)*w+j-pw]
								}
								if got := dst[(c*hq+r)*wq+j]; math.Float32bits(got) != math.Float32bits(want) {
									t.Fatalf("%dx%d at (%d, %d) in %dx%d, plane %d (%d, %d) = %v, want %v",
										h, w, ph, pw, hq, wq, c, r, j, got, want)
								}
							}
						}
					}
				}
			}
		}
	}
}

// BenchmarkWinogradPad pads 256 planes of 14x14 and 28x28 by one pixel
// into 18x18 and 30x30 (Winograd's whole 6x6 windows of 4x4 tiles) on
// each path.
func BenchmarkWinogradPad(b *testing.B) {
	for _, h := range []int{14, 28} {
		const planes = 256
		hq := (h+3)/4*4 + 2
		src := make([]float32, planes*h*h)
		dst := make([]float32, planes*hq*hq)
		b.Run(fmt.Sprintf("%dpx", h), func(b *testing.B) {
			benchPaths(b, func(b *testing.B) {
				b.SetBytes(4 * int64(len(dst)))
				for i := 0; i < b.N; i++ {
					WinogradPad(dst, hq, hq, 1, 1, src, h, h, planes)
				}
			})
		})
	}
}
