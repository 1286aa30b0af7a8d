package ops

import (
	"fmt"
	"testing"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// TestConv2dGatherSameBits checks that the gathered forward paths (the
// taps or the pixels read in place) give exactly the bits of the packed
// im2col path (the canonical order) on the shapes they take, at 1 and 3
// threads: strides (column strides through the phased planes) and
// dilations, groups, channel blocks and panels with short last ones, short
// pixel tiles, no bias.
func TestConv2dGatherSameBits(t *testing.T) {
	cases := []struct {
		n, cin, h, w, cout, k int
		p                     Conv2dParams
		bias                  bool
	}{
		{3, 6, 28, 28, 32, 7, Conv2dParams{PadH: 3, PadW: 3}, true}, // the refnet's V1
		{2, 3, 14, 14, 32, 5, Conv2dParams{PadH: 2, PadW: 2}, false},
		{2, 2, 13, 27, 64, 3, Conv2dParams{StrideH: 2, PadH: 1, PadW: 1}, true},
		{2, 4, 12, 24, 56, 3, Conv2dParams{PadW: 2, DilationH: 2, DilationW: 2}, true},
		{2, 6, 10, 14, 48, 3, Conv2dParams{PadH: 1, PadW: 1, Groups: 2}, true},
		{1, 1, 20, 12, 24, 3, Conv2dParams{PadH: 1, PadW: 1}, true},
		// column strides: the phased planes
		{2, 16, 24, 24, 32, 9, Conv2dParams{StrideH: 2, StrideW: 2, PadH: 4, PadW: 4}, false}, // the moving model's motion energy
		{2, 3, 15, 41, 56, 5, Conv2dParams{StrideW: 3, PadH: 2, PadW: 1, DilationW: 2}, true},
		{2, 4, 11, 26, 64, 3, Conv2dParams{StrideH: 3, StrideW: 2, PadW: 2, Groups: 2}, true},
		// pixels read in place (simd.GemmGatherB): few output channels
		{3, 1, 28, 28, 6, 5, Conv2dParams{PadH: 2, PadW: 2}, true}, // the refnet's retina
		{2, 1, 28, 28, 16, 11, Conv2dParams{PadH: 5, PadW: 5}, false},
		{2, 3, 32, 32, 32, 5, Conv2dParams{PadH: 2, PadW: 2}, true},
		{2, 4, 17, 60, 10, 3, Conv2dParams{StrideH: 2, PadW: 1, DilationH: 2, DilationW: 3, Groups: 2}, true},
		{1, 2, 9, 25, 15, 2, Conv2dParams{}, true},
		{2, 2, 19, 64, 6, 5, Conv2dParams{StrideH: 2, StrideW: 2, PadH: 2, PadW: 2}, true},
		{2, 3, 12, 70, 9, 4, Conv2dParams{StrideW: 3, PadW: 3, DilationW: 2, Groups: 3}, false},
	}
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			rng := laRNG(uint64(70 + i))
			x := laRand(rng, c.n, c.cin, c.h, c.w)
			w := laRand(rng, c.cout, c.cin/max(c.p.Groups, 1), c.k, c.k)
			var b *tensor.Tensor
			if c.bias {
				b = laRand(rng, c.cout)
			}
			if _, cols := simd.GemmGatherBTile(); cols == 0 {
				t.Skip("no gathered path on this machine")
			}
			if g := convGeometry("test", x, w, b, c.p); g.winograd() || g.direct() || !g.gatherForward() && !g.gatherBForward() {
				t.Fatal("the shape does not take a gathered path")
			}
			convGatherOff = true
			want := Conv2d(x, w, b, c.p)
			convGatherOff = false
			for _, th := range []int{1, 3} {
				old := blas.SetThreads(th)
				got := Conv2d(x, w, b, c.p)
				blas.SetThreads(old)
				if !tensor.Equal(got, want) {
					t.Fatalf("threads=%d: gathered forward differs from the packed im2col path", th)
				}
			}
		})
	}
}

// TestConv2dGatherWeightSameBits checks that the gathered weight gradient
// (and the bias gradient taken with it) gives exactly the bits of the
// packed im2col path, at 1 and 3 threads: row dilation and strides,
// groups, a short channel block.
func TestConv2dGatherWeightSameBits(t *testing.T) {
	cases := []struct {
		n, cin, h, w, cout, k int
		p                     Conv2dParams
	}{
		{3, 6, 28, 28, 32, 7, Conv2dParams{PadH: 3, PadW: 3}}, // the refnet's V1
		{2, 3, 36, 30, 56, 7, Conv2dParams{PadH: 1, DilationH: 2}},
		{2, 4, 26, 26, 64, 7, Conv2dParams{PadH: 3, PadW: 3, Groups: 2}},
		{2, 3, 50, 50, 32, 7, Conv2dParams{StrideH: 2, StrideW: 2, PadH: 3, PadW: 3}},
	}
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			if !simd.GemmGatherFast() {
				t.Skip("no gathered path on this machine")
			}
			rng := laRNG(uint64(80 + i))
			x := laRand(rng, c.n, c.cin, c.h, c.w)
			w := laRand(rng, c.cout, c.cin/max(c.p.Groups, 1), c.k, c.k)
			g := convGeometry("test", x, w, nil, c.p)
			if !g.gatherWeight() {
				t.Fatal("the shape does not take the gathered path")
			}
			gy := laRand(rng, c.n, c.cout, g.ho, g.wo)
			convGatherOff = true
			wantW, wantB := Conv2dBackwardParams(x, w, gy, c.p, true)
			convGatherOff = false
			for _, th := range []int{1, 3} {
				old := blas.SetThreads(th)
				gotW, gotB := Conv2dBackwardParams(x, w, gy, c.p, true)
				blas.SetThreads(old)
				if !tensor.Equal(gotW, wantW) || !tensor.Equal(gotB, wantB) {
					t.Fatalf("threads=%d: gathered weight gradient differs from the packed im2col path", th)
				}
			}
		})
	}
}
