package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

var mathVecCases = []struct {
	name    string
	vec     func(dst, x []float32)
	generic func(dst, x []float32)
	scalar  func(float32) float32
	lo, hi  float32
}{
	{"ExpTo", ExpTo, expToGeneric, Exp, -110, 95},
	{"LogTo", LogTo, logToGeneric, Log, 0, 1e4},
	{"TanhTo", TanhTo, tanhToGeneric, Tanh, -12, 12},
	{"SigmoidTo", SigmoidTo, sigmoidToGeneric, Sigmoid, -110, 30},
	{"ErfTo", ErfTo, erfToGeneric, Erf, -5, 5},
	{"SoftplusTo", SoftplusTo, softplusToGeneric, Softplus, -110, 100},
	{"SqrtTo", SqrtTo, nil, Sqrt, 0, 1e4},
}

// TestMathVecBits requires every code path of every vector math kernel to
// give the bits of the scalar function, at every length, in place and out
// of place, without touching the guard cells.
func TestMathVecBits(t *testing.T) {
	for _, c := range mathVecCases {
		t.Run(c.name, func(t *testing.T) {
			kernelPaths(t, func(t *testing.T) {
				rng := rand.New(rand.NewPCG(7, 1))
				for _, n := range testLengths() {
					in := randomInput(rng, n, c.lo, c.hi)
					want := make([]float32, n)
					for i, v := range in {
						want[i] = c.scalar(v)
					}
					x, checkX := guarded(t, n)
					dst, checkDst := guarded(t, n)
					copy(x, in)
					c.vec(dst, x)
					checkX()
					checkDst()
					if i := sameBits(dst, want); i >= 0 {
						t.Fatalf("n=%d: %s(%g)[%d] = %g (%#x), scalar gives %g", n, c.name, in[i], i, dst[i], dst[i], want[i])
					}
					if i := sameBits(x, in); i >= 0 {
						t.Fatalf("n=%d: %s changed its input at %d", n, c.name, i)
					}
					c.vec(x, x) // in place
					checkX()
					if i := sameBits(x, want); i >= 0 {
						t.Fatalf("n=%d: in-place %s(%g)[%d] = %g, scalar gives %g", n, c.name, in[i], i, x[i], want[i])
					}
					if c.generic != nil {
						g := make([]float32, n)
						c.generic(g, in)
						if i := sameBits(g, want); i >= 0 {
							t.Fatalf("n=%d: generic %s differs from the scalar at %d", n, c.name, i)
						}
					}
				}
			})
		})
	}
}

func TestMathVecShortDst(t *testing.T) {
	for _, c := range mathVecCases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s with a short dst did not panic", c.name)
				}
			}()
			c.vec(make([]float32, 3), make([]float32, 4))
		}()
	}
}

// TestMathVecSweep compares the fast paths with the scalar functions on a
// dense sweep over all float32 bit patterns (every 2^11th one, in short
// mode every 2^14th), far more inputs than TestMathVecBits' random ones.
func TestMathVecSweep(t *testing.T) {
	stride := uint32(1 << 11)
	if testing.Short() {
		stride = 1 << 14
	}
	var in []float32
	for b := uint64(0); b < 1<<32; b += uint64(stride) {
		in = append(in, math.Float32frombits(uint32(b)))
	}
	want := make([]float32, len(in))
	got := make([]float32, len(in))
	for _, c := range mathVecCases {
		if c.generic == nil {
			continue // no fast path
		}
		for i, v := range in {
			want[i] = c.scalar(v)
		}
		t.Run(c.name, func(t *testing.T) {
			kernelPaths(t, func(t *testing.T) {
				c.vec(got, in)
				if i := sameBits(got, want); i >= 0 {
					t.Fatalf("%s(%g = %#x) = %g (%#x), scalar gives %g (%#x)", c.name, in[i], math.Float32bits(in[i]),
						got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]))
				}
			})
		})
	}
}

// FuzzMathVec feeds arbitrary bit patterns to every vector math kernel on
// every code path and requires the bits of the scalar function.
func FuzzMathVec(f *testing.F) {
	f.Add([]byte{0, 0, 0x80, 0x7f, 0, 0, 0xc0, 0x7f, 1, 0, 0, 0, 0x42, 0xb1, 0x72, 0x42})
	f.Fuzz(func(t *testing.T, data []byte) {
		x := make([]float32, len(data)/4)
		for i := range x {
			x[i] = math.Float32frombits(uint32(data[4*i]) | uint32(data[4*i+1])<<8 | uint32(data[4*i+2])<<16 | uint32(data[4*i+3])<<24)
		}
		save512, save2, saveNEON := hasAVX512, hasAVX2, hasNEON
		defer func() { hasAVX512, hasAVX2, hasNEON = save512, save2, saveNEON }()
		got := make([]float32, len(x))
		for _, c := range mathVecCases {
			hasAVX512, hasAVX2, hasNEON = save512, save2, saveNEON
			for path := 0; path < 4; path++ {
				c.vec(got, x)
				for i, v := range x {
					if w := c.scalar(v); math.Float32bits(got[i]) != math.Float32bits(w) {
						t.Fatalf("path %d: %s(%g = %#x) = %#x, scalar %#x", path, c.name, v, math.Float32bits(v), math.Float32bits(got[i]), math.Float32bits(w))
					}
				}
				switch path { // switch the fastest remaining path off
				case 0:
					hasAVX512 = false
				case 1:
					hasAVX2 = false
				case 2:
					hasNEON = false
				}
			}
		}
	})
}

// TestKernelsDoNotAllocate: the tails go through stack buffers, so no
// kernel allocates, on any path.
func TestKernelsDoNotAllocate(t *testing.T) {
	x := make([]float32, 37)
	y := make([]float32, 37)
	for i := range x {
		x[i] = float32(i) / 10
	}
	kernelPaths(t, func(t *testing.T) {
		for _, c := range mathVecCases {
			if a := testing.AllocsPerRun(10, func() { c.vec(y, x) }); a != 0 {
				t.Errorf("%s allocates %v times per call", c.name, a)
			}
		}
		if a := testing.AllocsPerRun(10, func() {
			Axpy(2, x, y)
			Scale(0.5, y)
			AddTo(y, x, y)
			SubTo(y, x, y)
			MulTo(y, x, y)
			ReluTo(y, x)
			_ = Sum(x) + Dot(x, y) + Max(x) + SumSquares(x)
		}); a != 0 {
			t.Errorf("vector kernels allocate %v times per call", a)
		}
	})
}
