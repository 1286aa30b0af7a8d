package simd

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// fmaExact rounds a*b+c once to float32 using math/big.
func fmaExact(a, b, c float32) float32 {
	if math.IsNaN(float64(a)) || math.IsNaN(float64(b)) || math.IsNaN(float64(c)) ||
		math.IsInf(float64(a), 0) || math.IsInf(float64(b), 0) || math.IsInf(float64(c), 0) {
		return float32(float64(a)*float64(b) + float64(c))
	}
	x := new(big.Float).SetPrec(0).SetMode(big.ToNearestEven)
	x.SetFloat64(float64(a))
	y := new(big.Float).SetFloat64(float64(b))
	z := new(big.Float).SetFloat64(float64(c))
	p := new(big.Float).SetPrec(400).Mul(x, y)
	p.Add(p, z)
	f, _ := p.Float32()
	if f == 0 {
		// big.Float has no signed-zero rules for sums; IEEE gives -0 only
		// when both a*b and c are -0 (round to nearest).
		if math.Signbit(float64(a)) != math.Signbit(float64(b)) && (a == 0 || b == 0) && math.Signbit(float64(c)) && c == 0 {
			return float32(math.Copysign(0, -1))
		}
		if p.Sign() == 0 {
			return 0
		}
	}
	return f
}

func TestFMA32Exact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(a, b, c float32) {
		t.Helper()
		got, want := FMA32(a, b, c), fmaExact(a, b, c)
		if want != want && got != got {
			return // NaN payloads are not part of the contract
		}
		if math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("FMA32(%g, %g, %g) = %g (%#x), want %g (%#x)", a, b, c, got, math.Float32bits(got), want, math.Float32bits(want))
		}
	}
	for i := 0; i < 300000; i++ {
		a := rng.Float32()*2 - 1
		b := rng.Float32()*2 - 1
		c := rng.Float32()*2 - 1
		check(a, b, c)
		// Halfway cases: c chosen so that a*b+c lands near a float32 midpoint.
		p := float64(a) * float64(b)
		c2 := float32(-p)
		check(a, b, c2)
		check(a, b, float32(math.Float32frombits(math.Float32bits(float32(p))|1))*-1)
		// Random bit patterns, including huge, tiny and subnormal values.
		x := math.Float32frombits(rng.Uint32())
		y := math.Float32frombits(rng.Uint32())
		z := math.Float32frombits(rng.Uint32())
		check(x, y, z)
	}
	// Constructed double-rounding cases: a*b = 1 + 2^-24 + 2^-50-ish.
	for i := 0; i < 100000; i++ {
		m := rng.Uint32()&0xffffff | 0x800000
		a := float32(m) * 0x1p-23
		b := float32(1 + 0x1p-23*float32(rng.IntN(8)))
		p := float64(a) * float64(b)
		mid := float32(p) // nearest
		c := -mid + float32(0x1p-24)*float32(rng.IntN(3)-1)
		check(a, b, c)
	}
	// Subnormal results.
	check(0x1p-70, 0x1p-70, 0x1p-149)
	check(1.5*0x1p-75, 0x1p-74, -0x1p-149)
	check(0, -1, 0)
	check(0, -1, float32(math.Copysign(0, -1)))
}
