package ops

import (
	"fmt"
	"testing"
)

// TestConv2dWinogradLocal checks that padding and cropping per block of
// tiles (small images) gives the bits of padding and cropping the whole
// tensors, for blocks that split samples and for images larger than a
// block (which always take the whole-tensor path).
func TestConv2dWinogradLocal(t *testing.T) {
	defer func() { winogradTiles, winogradLocalOff = 0, false }()
	cases := append([]convCase{
		{n: 3, cin: 16, h: 21, w: 18, cout: 16, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}, bias: true},
		{n: 40, cin: 16, h: 7, w: 7, cout: 16, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}},
		{n: 11, cin: 16, h: 14, w: 14, cout: 17, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}},
		// whole tiles written straight into y by blocks that start past
		// sample 0 (the MT maps of the moving-MNIST system: 12x12)
		{n: 12, cin: 16, h: 12, w: 12, cout: 32, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}, bias: true},
		{n: 5, cin: 16, h: 8, w: 8, cout: 16, kh: 3, kw: 3, p: Conv2dParams{PadH: 1, PadW: 1}},
	}, wgCases...)
	for i, c := range cases {
		g := c.wgEligible(t)
		x, w, b := c.tensors(uint64(1100 + i))
		gy := laRand(laRNG(uint64(1150+i)), c.n, c.cout, g.ho, g.wo)
		for _, tiles := range []int{16, 48, 0} {
			winogradTiles = tiles
			winogradLocalOff = true
			y := Conv2d(x, w, b, c.p)
			gx, gw, _ := Conv2dBackward(x, w, gy, c.p, false)
			winogradLocalOff = false
			laThreads([]int{1, 3}, func(th int) {
				name := fmt.Sprintf("%v tiles=%d threads=%d", c, tiles, th)
				laSameBits(t, name+" forward", Conv2d(x, w, b, c.p), y)
				gx2, gw2, _ := Conv2dBackward(x, w, gy, c.p, false)
				laSameBits(t, name+" input gradient", gx2, gx)
				laSameBits(t, name+" weight gradient", gw2, gw)
			})
		}
	}
}
