package fmath

import (
	"math"
	"testing"
)

func TestAgainstMath(t *testing.T) {
	for x := -40.0; x <= 40; x += 0.0173 {
		if got, want := Exp(x), math.Exp(x); math.Abs(got-want) > 4e-16*want {
			t.Fatalf("Exp(%g) = %g, want %g", x, got, want)
		}
		s, c := SinCos(x)
		if math.Abs(s-math.Sin(x)) > 1e-15 || math.Abs(c-math.Cos(x)) > 1e-15 {
			t.Fatalf("SinCos(%g) = %g, %g, want %g, %g", x, s, c, math.Sin(x), math.Cos(x))
		}
	}
	for _, x := range []float64{-700, -1e-5, 1e-9, 88, 700} {
		if got, want := Exp(x), math.Exp(x); math.Abs(got-want) > 4e-16*want {
			t.Errorf("Exp(%g) = %.17g, want %.17g", x, got, want)
		}
	}
	for x := 1e-300; x < 1e300; x *= 1.37e3 {
		if got, want := Log(x), math.Log(x); math.Abs(got-want) > 4.5e-16*math.Max(1, math.Abs(want)) {
			t.Fatalf("Log(%g) = %.17g, want %.17g", x, got, want)
		}
	}
}

func TestSpecialValues(t *testing.T) {
	if Exp(0) != 1 || Log(1) != 0 {
		t.Fatalf("Exp(0) = %g, Log(1) = %g", Exp(0), Log(1))
	}
	if !math.IsInf(Exp(1000), 1) || Exp(-1000) != 0 || !math.IsNaN(Exp(math.NaN())) {
		t.Error("Exp special cases")
	}
	if !math.IsInf(Log(0), -1) || !math.IsNaN(Log(-1)) || !math.IsInf(Log(math.Inf(1)), 1) || !math.IsNaN(Log(math.NaN())) {
		t.Error("Log special cases")
	}
}

// TestGolden pins a few results: they must be the same bits on every
// platform, or every filter bank built from them changes.
func TestGolden(t *testing.T) {
	s, c := SinCos(2.5)
	got := []float64{Exp(-0.005), Exp(3.7), Log(0.3), s, c}
	want := goldenBits
	for i, g := range got {
		if math.Float64bits(g) != want[i] {
			t.Errorf("value %d = %#x (%v), want %#x", i, math.Float64bits(g), g, want[i])
		}
	}
}
