package nn

import (
	"math"

	"github.com/neurocortex/neurocortex/internal/fmath"
)

// Schedule gives the learning rate for a step (counted from 0). Apply it
// before each optimiser step: opt.SetLR(sched.LR(step)).
type Schedule interface {
	LR(step int) float64
}

// ConstantLR is a fixed learning rate.
type ConstantLR float64

// LR returns the constant.
func (c ConstantLR) LR(int) float64 { return float64(c) }

// StepLR multiplies the base rate by Gamma every StepSize steps:
// Base * Gamma^(step/StepSize) (PyTorch's StepLR).
type StepLR struct {
	Base     float64
	Gamma    float64
	StepSize int
}

// LR returns the rate for step.
func (s StepLR) LR(step int) float64 {
	if s.StepSize <= 0 || step < 0 {
		return s.Base
	}
	return s.Base * powInt(s.Gamma, int64(step/s.StepSize))
}

// CosineLR warms up linearly from Base/Warmup to Base over the first
// Warmup steps, then follows a half cosine from Base down to Min at step
// Total, and stays at Min afterwards (cosine annealing, Loshchilov & Hutter
// 2017, without restarts).
type CosineLR struct {
	Base, Min     float64
	Warmup, Total int
}

// LR returns the rate for step.
func (c CosineLR) LR(step int) float64 {
	if step < c.Warmup {
		return c.Base * float64(step+1) / float64(c.Warmup)
	}
	span := c.Total - c.Warmup
	if span <= 0 || step >= c.Total {
		if step >= c.Total {
			return c.Min
		}
		return c.Base
	}
	p := float64(step-c.Warmup) / float64(span)
	return c.Min + 0.5*(c.Base-c.Min)*(1+cosPi(p))
}

// cosPi returns cos(pi*p) with the portable fmath.SinCos, so schedules
// give the same rates on every platform; math.Cos may differ in the last
// bit between architectures.
func cosPi(p float64) float64 {
	_, c := fmath.SinCos(float64(math.Pi * p))
	return c
}
