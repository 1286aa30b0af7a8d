package nn

import (
	"github.com/neurocortex/neurocortex/autodiff"
)

// SGD is stochastic gradient descent with optional momentum, Nesterov
// momentum and L2 weight decay, with PyTorch's semantics: per element, in
// float32 with every product rounded before it is added,
//
//	g = grad + wd*p
//	buf = g on the first step, else mu*buf + (1-dampening)*g
//	g = g + mu*buf (Nesterov) or g = buf
//	p = p - lr*g
type SGD struct {
	optBase
	Momentum    float32
	Dampening   float32
	Nesterov    bool
	WeightDecay float32
}

// NewSGD returns plain SGD with learning rate lr; set the exported fields
// for momentum and weight decay.
func NewSGD(params []*autodiff.Var, lr float64) *SGD {
	return &SGD{optBase: newOptBase("sgd", params, lr, "momentum_buffer")}
}

// Step updates every parameter that has a gradient.
func (o *SGD) Step() {
	lr := float32(o.lr)
	mu, wd, damp := o.Momentum, o.WeightDecay, 1-o.Dampening
	for i, p := range o.params {
		if p.Grad == nil {
			continue
		}
		pd, gd := p.Value.Data(), p.Grad.Data()
		var buf []float32
		fresh := false
		if mu != 0 {
			t, f := o.slot(0, i)
			buf, fresh = t.Data(), f
		}
		for j, g := range gd {
			if wd != 0 {
				g += float32(wd * pd[j])
			}
			if mu != 0 {
				if fresh {
					buf[j] = g
				} else {
					buf[j] = float32(mu*buf[j]) + float32(damp*g)
				}
				if o.Nesterov {
					g += float32(mu * buf[j])
				} else {
					g = buf[j]
				}
			}
			pd[j] -= float32(lr * g)
		}
	}
	o.step++
}
