package nn

import (
	"math"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/simd"
)

// Adam is the Adam optimiser (Kingma & Ba 2015) with PyTorch's semantics;
// with Decoupled set it is AdamW (Loshchilov & Hutter 2019). Per element,
// in float32 with every product rounded before it is added:
//
//	AdamW: p = p - (lr*wd)*p              (decoupled decay)
//	Adam:  g = grad + wd*p                (L2 penalty)
//	m = b1*m + (1-b1)*g
//	v = b2*v + (1-b2)*(g*g)
//	p = p - s*(m / (sqrt(v)*c + eps))
//
// where, for step t (from 1), s = lr/(1-b1^t) and c = 1/sqrt(1-b2^t) are
// computed once per step in float64 (powers by repeated squaring, which is
// exact IEEE arithmetic) and rounded to float32. sqrt is correctly rounded
// (simd.Sqrt).
type Adam struct {
	optBase
	Beta1, Beta2 float32
	Eps          float32
	WeightDecay  float32
	Decoupled    bool
}

// NewAdam returns Adam with PyTorch's defaults (betas 0.9, 0.999, eps
// 1e-8, no weight decay).
func NewAdam(params []*autodiff.Var, lr float64) *Adam {
	return &Adam{optBase: newOptBase("adam", params, lr, "exp_avg", "exp_avg_sq"), Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
}

// NewAdamW returns AdamW with PyTorch's defaults (weight decay 0.01).
func NewAdamW(params []*autodiff.Var, lr float64) *Adam {
	a := NewAdam(params, lr)
	a.kind = "adamw"
	a.Decoupled = true
	a.WeightDecay = 0.01
	return a
}

// Step updates every parameter that has a gradient.
func (o *Adam) Step() {
	t := o.step + 1
	b1, b2, eps, wd := o.Beta1, o.Beta2, o.Eps, o.WeightDecay
	omb1, omb2 := 1-b1, 1-b2
	s := float32(o.lr / (1 - powInt(float64(b1), t)))
	c := float32(1 / math.Sqrt(1-powInt(float64(b2), t)))
	decay := float32(o.lr * float64(wd))
	for i, p := range o.params {
		if p.Grad == nil {
			continue
		}
		pd, gd := p.Value.Data(), p.Grad.Data()
		mt, _ := o.slot(0, i)
		vt, _ := o.slot(1, i)
		m, v := mt.Data(), vt.Data()
		for j, g := range gd {
			if wd != 0 {
				if o.Decoupled {
					pd[j] -= float32(decay * pd[j])
				} else {
					g += float32(wd * pd[j])
				}
			}
			m[j] = float32(b1*m[j]) + float32(omb1*g)
			v[j] = float32(b2*v[j]) + float32(omb2*float32(g*g))
			den := float32(simd.Sqrt(v[j])*c) + eps
			pd[j] -= float32(s * float32(m[j]/den))
		}
	}
	o.step = t
}

// powInt returns x^n for n >= 0 by binary powering in float64, the same
// bits on every platform (math.Pow makes no such promise).
func powInt(x float64, n int64) float64 {
	r := 1.0
	for n > 0 {
		if n&1 == 1 {
			r *= x
		}
		x *= x
		n >>= 1
	}
	return r
}
