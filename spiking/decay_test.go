package spiking

import (
	"math"
	"testing"
)

func TestDecay(t *testing.T) {
	for _, c := range []struct{ dt, tau float32 }{{0.1, 20}, {0.5, 10}, {1, 100}, {0.25, 2}} {
		if got, want := Decay(c.dt, c.tau), float32(math.Exp(-float64(c.dt)/float64(c.tau))); got != want {
			t.Errorf("Decay(%v, %v) = %v, want %v", c.dt, c.tau, got, want)
		}
	}
}
