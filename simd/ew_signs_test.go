package simd

import (
	"math"
	"testing"
)

// TestSplitSignsBits checks SplitSigns and SplitSignsGrad on every path
// against the documented cases, bit for bit (NaN payloads too: nothing but
// the sign flip touches a value), with guard cells, at every length around
// the vector widths, and in place for the gradient.
func TestSplitSignsBits(t *testing.T) {
	kernelPaths(t, func(t *testing.T) {
		for _, n := range testLengths() {
			x, g := reluGradInputs(n, uint64(n)+100)
			goff, _ := reluGradInputs(n, uint64(n)+200)
			wantOn, wantOff, wantG := make([]float32, n), make([]float32, n), make([]float32, n)
			for i, v := range x {
				switch {
				case v > 0:
					wantOn[i], wantG[i] = v, g[i]
				case v < 0:
					wantOff[i] = math.Float32frombits(math.Float32bits(v) ^ 1<<31)
					wantG[i] = math.Float32frombits(math.Float32bits(goff[i]) ^ 1<<31)
				case v != v:
					wantOn[i], wantOff[i], wantG[i] = v, v, v
				}
			}
			on, checkOn := guarded(t, n)
			off, checkOff := guarded(t, n)
			SplitSigns(on, off, x)
			checkOn()
			checkOff()
			if i := sameBits(on, wantOn); i >= 0 {
				t.Fatalf("n=%d: on[%d] = %#x for x %#x, want %#x", n, i, math.Float32bits(on[i]), math.Float32bits(x[i]), math.Float32bits(wantOn[i]))
			}
			if i := sameBits(off, wantOff); i >= 0 {
				t.Fatalf("n=%d: off[%d] = %#x for x %#x, want %#x", n, i, math.Float32bits(off[i]), math.Float32bits(x[i]), math.Float32bits(wantOff[i]))
			}
			dst, checkDst := guarded(t, n)
			SplitSignsGrad(dst, x, g, goff)
			checkDst()
			if i := sameBits(dst, wantG); i >= 0 {
				t.Fatalf("n=%d: grad[%d] = %#x for x %#x, want %#x", n, i, math.Float32bits(dst[i]), math.Float32bits(x[i]), math.Float32bits(wantG[i]))
			}
			SplitSignsGrad(g, x, g, goff) // in place
			if i := sameBits(g, wantG); i >= 0 {
				t.Fatalf("n=%d in place: grad[%d] differs", n, i)
			}
		}
	})
}

func TestSplitSignsLengths(t *testing.T) {
	a, b := make([]float32, 4), make([]float32, 5)
	for name, f := range map[string]func(){
		"SplitSigns on":       func() { SplitSigns(b, a, a) },
		"SplitSigns off":      func() { SplitSigns(a, b, a) },
		"SplitSignsGrad dst":  func() { SplitSignsGrad(b, a, a, a) },
		"SplitSignsGrad goff": func() { SplitSignsGrad(a, a, a, b) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: mismatched lengths did not panic", name)
				}
			}()
			f()
		}()
	}
}
