package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// binaryCases check AddTo, SubTo, MulTo, DivTo against one IEEE operation per
// element; the guard cells and aliasing rules are those of TestMathVecBits.
var binaryCases = []struct {
	name string
	vec  func(dst, a, b []float32)
	op   func(a, b float32) float32
}{
	{"AddTo", AddTo, func(a, b float32) float32 { return a + b }},
	{"SubTo", SubTo, func(a, b float32) float32 { return a - b }},
	{"MulTo", MulTo, func(a, b float32) float32 { return a * b }},
	{"DivTo", DivTo, func(a, b float32) float32 { return a / b }},
}

func TestBinaryBits(t *testing.T) {
	for _, c := range binaryCases {
		t.Run(c.name, func(t *testing.T) {
			kernelPaths(t, func(t *testing.T) {
				rng := rand.New(rand.NewPCG(7, 2))
				for _, n := range testLengths() {
					ina := randomInput(rng, n, -10, 10)
					inb := randomInput(rng, n, -10, 10)
					want := make([]float32, n)
					for i := range want {
						want[i] = c.op(ina[i], inb[i])
					}
					a, checkA := guarded(t, n)
					b, checkB := guarded(t, n)
					dst, checkDst := guarded(t, n)
					copy(a, ina)
					copy(b, inb)
					c.vec(dst, a, b)
					checkA()
					checkB()
					checkDst()
					if i := sameFloats(dst, want); i >= 0 {
						t.Fatalf("n=%d: %s(%g, %g)[%d] = %g, want %g", n, c.name, ina[i], inb[i], i, dst[i], want[i])
					}
					c.vec(a, a, b) // dst aliases a
					if i := sameFloats(a, want); i >= 0 {
						t.Fatalf("n=%d: %s with dst = a wrong at %d", n, c.name, i)
					}
					copy(a, ina)
					c.vec(b, a, b) // dst aliases b
					checkB()
					if i := sameFloats(b, want); i >= 0 {
						t.Fatalf("n=%d: %s with dst = b wrong at %d", n, c.name, i)
					}
				}
			})
		})
	}
}

func TestAxpyScaleReluBits(t *testing.T) {
	kernelPaths(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 3))
		for _, n := range testLengths() {
			for _, alpha := range []float32{0, 1, -1, 0.3, float32(math.Inf(1)), float32(math.NaN()), -2.5e-30} {
				inx := randomInput(rng, n, -10, 10)
				iny := randomInput(rng, n, -10, 10)
				x, checkX := guarded(t, n)
				y, checkY := guarded(t, n)
				copy(x, inx)
				copy(y, iny)

				Axpy(alpha, x, y)
				checkX()
				checkY()
				for i := range y {
					if w := FMA32(alpha, inx[i], iny[i]); !sameFloat(y[i], w) {
						t.Fatalf("n=%d: Axpy(%g, %g, %g) = %g, want %g", n, alpha, inx[i], iny[i], y[i], w)
					}
				}

				copy(x, inx)
				Scale(alpha, x)
				checkX()
				for i := range x {
					if w := alpha * inx[i]; !sameFloat(x[i], w) {
						t.Fatalf("n=%d: Scale(%g, %g) = %g, want %g", n, alpha, inx[i], x[i], w)
					}
				}
			}
			inx := randomInput(rng, n, -10, 10)
			x, checkX := guarded(t, n)
			dst, checkDst := guarded(t, n)
			copy(x, inx)
			ReluTo(dst, x)
			checkX()
			checkDst()
			ReluTo(x, x)
			for i, v := range inx {
				w := v
				if v < 0 {
					w = 0
				}
				if !sameFloat(dst[i], w) || !sameFloat(x[i], w) {
					t.Fatalf("n=%d: ReluTo(%g) = %g (in place %g), want %g", n, v, dst[i], x[i], w)
				}
			}
		}
	})
}

func TestVecShortArgs(t *testing.T) {
	short, long := make([]float32, 3), make([]float32, 4)
	calls := map[string]func(){
		"Axpy":        func() { Axpy(1, long, short) },
		"AddTo dst":   func() { AddTo(short, long, long) },
		"AddTo b":     func() { AddTo(long, long, short) },
		"SubTo":       func() { SubTo(short, long, long) },
		"MulTo":       func() { MulTo(long, long, short) },
		"DivTo":       func() { DivTo(short, long, long) },
		"ReluTo":      func() { ReluTo(short, long) },
		"ScaleTo":     func() { ScaleTo(short, long, 1) },
		"AbsTo":       func() { AbsTo(short, long) },
		"AddScalarTo": func() { AddScalarTo(short, long, 1) },
		"Dot":         func() { Dot(long, short) },
	}
	for name, f := range calls {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s with a short slice did not panic", name)
				}
			}()
			f()
		}()
	}
}

// TestMulAddToBits checks MulAddTo on every kernel path against FMA32 per
// element, with guard cells, and with dst aliasing a or b.
func TestMulAddToBits(t *testing.T) {
	kernelPaths(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 4))
		for _, n := range testLengths() {
			ina := randomInput(rng, n, -10, 10)
			inb := randomInput(rng, n, -10, 10)
			ind := randomInput(rng, n, -100, 100)
			a, checkA := guarded(t, n)
			b, checkB := guarded(t, n)
			dst, checkDst := guarded(t, n)
			copy(a, ina)
			copy(b, inb)
			copy(dst, ind)
			MulAddTo(dst, a, b)
			checkA()
			checkB()
			checkDst()
			for i := range dst {
				if w := FMA32(ina[i], inb[i], ind[i]); !sameFloat(dst[i], w) {
					t.Fatalf("n=%d: MulAddTo(%g, %g, %g) = %g, want %g", n, ind[i], ina[i], inb[i], dst[i], w)
				}
			}
			MulAddTo(a, a, b) // dst aliases a: a = fma(a, b, a)
			checkA()
			for i := range a {
				if w := FMA32(ina[i], inb[i], ina[i]); !sameFloat(a[i], w) {
					t.Fatalf("n=%d: MulAddTo with dst = a wrong at %d", n, i)
				}
			}
		}
	})
}

// TestScaleToAddScalarToBits checks ScaleTo and AddScalarTo on every
// kernel path against one IEEE operation per element, with guard cells,
// signed zeros, infinities and NaN among the inputs and the scalars, and in
// place.
func TestScaleToAddScalarToBits(t *testing.T) {
	negZero := float32(math.Copysign(0, -1))
	inf := float32(math.Inf(1))
	kernelPaths(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 5))
		for _, n := range testLengths() {
			for _, s := range []float32{0, negZero, 1, -1, 0.3, inf, -inf, float32(math.NaN()), -2.5e-30, 3e38} {
				inx := randomInput(rng, n, -10, 10)
				for i := range inx {
					if rng.IntN(8) == 0 {
						inx[i] = []float32{0, negZero, inf, -inf, 1e-45, -3e38}[rng.IntN(6)]
					}
				}
				x, checkX := guarded(t, n)
				dst, checkDst := guarded(t, n)
				copy(x, inx)
				ScaleTo(dst, x, s)
				checkX()
				checkDst()
				for i, v := range inx {
					if w := s * v; !sameFloat(dst[i], w) {
						t.Fatalf("n=%d: ScaleTo(%g, %g) = %g, want %g", n, v, s, dst[i], w)
					}
				}
				AddScalarTo(dst, x, s)
				checkX()
				checkDst()
				for i, v := range inx {
					if w := v + s; !sameFloat(dst[i], w) {
						t.Fatalf("n=%d: AddScalarTo(%g, %g) = %g, want %g", n, v, s, dst[i], w)
					}
				}
				AddScalarTo(x, x, s) // in place
				checkX()
				for i, v := range inx {
					if w := v + s; !sameFloat(x[i], w) {
						t.Fatalf("n=%d: AddScalarTo in place wrong at %d", n, i)
					}
				}
			}
		}
	})
}

// TestAbsToBits checks AbsTo on every path: the sign bit cleared and
// nothing else changed (NaN payloads, -0, infinities, subnormals), with
// guard cells and in place.
func TestAbsToBits(t *testing.T) {
	kernelPaths(t, func(t *testing.T) {
		for _, n := range testLengths() {
			in, _ := reluGradInputs(n, uint64(n)+300)
			want := make([]float32, n)
			for i, v := range in {
				want[i] = math.Float32frombits(math.Float32bits(v) &^ (1 << 31))
			}
			x, checkX := guarded(t, n)
			dst, checkDst := guarded(t, n)
			copy(x, in)
			AbsTo(dst, x)
			checkX()
			checkDst()
			if i := sameBits(dst, want); i >= 0 {
				t.Fatalf("n=%d: AbsTo(%#x) = %#x", n, math.Float32bits(in[i]), math.Float32bits(dst[i]))
			}
			AbsTo(x, x)
			if i := sameBits(x, want); i >= 0 {
				t.Fatalf("n=%d in place: element %d differs", n, i)
			}
		}
	})
}
