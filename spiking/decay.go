package spiking

import "github.com/neurocortex/neurocortex/internal/fmath"

// Decay returns exp(-dt/tau) rounded to float32: the factor by which an
// exponentially decaying quantity with time constant tau shrinks in one
// step of dt. It is computed portably (package internal/fmath), once per step size.
func Decay(dt, tau float32) float32 {
	return float32(fmath.Exp(-float64(dt) / float64(tau)))
}
