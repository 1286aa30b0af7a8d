package cortex

import (
	"math"
	"testing"
)

func TestPortableMath(t *testing.T) {
	for x := -40.0; x <= 40; x += 0.0173 {
		if got, want := exp64(x), math.Exp(x); math.Abs(got-want) > 4e-16*want {
			t.Fatalf("exp64(%g) = %g, want %g", x, got, want)
		}
		s, c := sincos64(x)
		if math.Abs(s-math.Sin(x)) > 1e-15 || math.Abs(c-math.Cos(x)) > 1e-15 {
			t.Fatalf("sincos64(%g) = %g, %g, want %g, %g", x, s, c, math.Sin(x), math.Cos(x))
		}
	}
}
