package spiking

import (
	"math"
	"testing"
)

func TestExp64Log64(t *testing.T) {
	for _, x := range []float64{-700, -50, -10, -1, -0.1, -1e-5, 0, 1e-9, 0.3, 0.5, 1, 2.5, 10, 88, 700} {
		got, want := exp64(x), math.Exp(x)
		if math.Abs(got-want) > 4e-16*want {
			t.Errorf("exp64(%g) = %.17g, want %.17g", x, got, want)
		}
	}
	for _, x := range []float64{1e-300, 1e-5, 0.1, 0.7, 1, 1.5, 2, 10, 12345.678, 1e300} {
		got, want := log64(x), math.Log(x)
		if math.Abs(got-want) > 4e-16*math.Max(1, math.Abs(want)) {
			t.Errorf("log64(%g) = %.17g, want %.17g", x, got, want)
		}
	}
	if !math.IsInf(exp64(1000), 1) || exp64(-1000) != 0 || !math.IsNaN(exp64(math.NaN())) {
		t.Error("exp64 special cases")
	}
	if !math.IsInf(log64(0), -1) || !math.IsNaN(log64(-1)) {
		t.Error("log64 special cases")
	}
	if d := Decay(0.1, 20); d != float32(math.Exp(-0.1/20)) {
		t.Errorf("Decay(0.1, 20) = %v, want %v", d, float32(math.Exp(-0.005)))
	}
}
