package ops

import (
	"fmt"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// Conv2d and its gradients allocate their outputs with tensor.Empty, so
// every path must write every element. With poisoning on, Empty storage
// starts as NaN: an element a path skips comes out NaN instead of the
// value computed into zeroed storage.
func TestConv2dWritesEveryOutput(t *testing.T) {
	cases := []struct {
		n, cin, h, w, cout, k int
		p                     Conv2dParams
		bias                  bool
	}{
		{2, 3, 9, 7, 5, 3, Conv2dParams{PadH: 1, PadW: 1}, true},                           // im2col
		{2, 3, 9, 7, 5, 3, Conv2dParams{PadH: 1, PadW: 1}, false},                          // im2col, no bias
		{2, 4, 11, 10, 6, 3, Conv2dParams{StrideH: 2, StrideW: 2, PadH: 1, PadW: 2}, true}, // strided: gx has taps no output reads
		{1, 2, 8, 8, 3, 2, Conv2dParams{StrideH: 3, StrideW: 3}, true},                     // stride > kernel: unread inputs
		{2, 4, 9, 9, 4, 3, Conv2dParams{PadH: 2, PadW: 2, DilationH: 2, DilationW: 2}, true},
		{2, 6, 8, 8, 4, 3, Conv2dParams{PadH: 1, PadW: 1, Groups: 2}, true},
		{2, 8, 10, 9, 8, 3, Conv2dParams{PadH: 1, PadW: 1, Groups: 8}, true}, // depthwise
		{2, 8, 10, 9, 8, 5, Conv2dParams{PadH: 2, PadW: 2, Groups: 8}, false},
		{2, 16, 9, 7, 16, 3, Conv2dParams{PadH: 1, PadW: 1}, true}, // Winograd
		{1, 16, 6, 10, 17, 3, Conv2dParams{}, false},               // Winograd, no padding
		{2, 1, 12, 12, 4, 5, Conv2dParams{PadH: 2, PadW: 2}, true}, // one input channel
		{2, 3, 9, 16, 32, 3, Conv2dParams{PadH: 1, PadW: 1}, true}, // gathered tiles (AVX-512)
		{2, 3, 9, 13, 56, 3, Conv2dParams{PadW: 1}, false},         // gathered, short tiles and channel block
	}
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			rng := laRNG(uint64(40 + i))
			x := laRand(rng, c.n, c.cin, c.h, c.w)
			w := laRand(rng, c.cout, c.cin/max(c.p.Groups, 1), c.k, c.k)
			var b *tensor.Tensor
			if c.bias {
				b = laRand(rng, c.cout)
			}
			run := func(poison bool) []*tensor.Tensor {
				defer tensor.SetDebugPoison(tensor.SetDebugPoison(poison))
				y := Conv2d(x, w, b, c.p)
				gy := laRand(laRNG(99), y.Shape()...)
				gx, gw, gb := Conv2dBackward(x, w, gy, c.p, c.bias)
				out := []*tensor.Tensor{y.Clone(), gx.Clone(), gw.Clone()}
				if gb != nil {
					out = append(out, gb.Clone())
				}
				// Recycle, so that the next run's Empty storage may be these
				// buffers, poisoned on release.
				for _, r := range []*tensor.Tensor{y, gx, gw} {
					r.Release()
				}
				return out
			}
			want := run(false)
			for rep := 0; rep < 2; rep++ {
				got := run(true)
				for j := range want {
					if !tensor.Equal(got[j], want[j]) {
						t.Fatalf("output %d (y, gx, gw, gb) differs when its storage starts as NaN", j)
					}
				}
			}
		})
	}
}
