package autodiff

import (
	"errors"
	"fmt"
	"time"

	"github.com/neurocortex/neurocortex/tensor"
)

// Backward computes the gradient of loss, which must hold one element, with
// respect to every Param it depends on, adding it to their Grad.
//
// The recorded ops are visited in reverse record order and each op's input
// gradients are accumulated in input order, so the summation order is
// fixed. Every gradient is checked against its input's shape first; a
// mismatch is an error that names the op. Unless KeepGraph is set, the
// graph is released afterwards (the op results keep their values).
func (tp *Tape) Backward(loss *Var) error {
	if tp.err != nil {
		return tp.err
	}
	if tp.noGrad {
		return errors.New("autodiff: Backward on a NoGrad tape")
	}
	if loss.Value.Size() != 1 {
		return fmt.Errorf("autodiff: Backward: loss has shape %v, want one element", loss.Value.Shape())
	}
	if !loss.requiresGrad {
		return errors.New("autodiff: Backward: loss does not depend on any Param")
	}
	seed := tensor.Full(1, loss.Value.Shape()...)
	if loss.node == nil {
		_, err := accumulateLeaf(loss, seed, true, "Backward", -1)
		return err
	}
	ln := loss.node
	if ln.tape != tp || ln.index >= len(tp.nodes) || tp.nodes[ln.index] != ln {
		return errors.New("autodiff: Backward: loss was not recorded on this tape, or its graph was released (set KeepGraph to call Backward twice)")
	}
	err := tp.sweep(ln.index, seed)
	if !tp.KeepGraph {
		tp.release()
	}
	if tp.Profile != nil {
		tp.Profile.restart()
	}
	return err
}

// sweep runs the reverse pass from node last, whose output gradient is g.
//
// Gradients the sweep owns outright are recycled as soon as they are
// consumed (tensor.Release), so that the next op's gradient reuses their
// storage instead of faulting in fresh pages. The sweep owns g, the sums
// it allocates, and every gradient a built-in op's VJP returns that owns
// its storage and shares it with neither gy, another gradient of the same
// call nor an input's value (VJPs return gy itself, or views of it, for
// identity-like ops). Gradients from Custom ops are never owned: user code
// may keep them. An owned gradient may also be added to in place.
func (tp *Tape) sweep(last int, g *tensor.Tensor) error {
	grads := make([]*tensor.Tensor, last+1)
	owned := make([]bool, last+1)
	grads[last], owned[last] = g, true
	var dead []*tensor.Tensor // owned gradients consumed by the current op
	prof := tp.Profile
	var mark time.Time
	if prof != nil {
		mark = prof.clock()
	}
	for i := last; i >= 0; i-- {
		n := tp.nodes[i]
		gy := grads[i]
		if gy == nil {
			continue
		}
		gyOwned := owned[i]
		grads[i] = nil
		if n.retain != nil {
			n.retain.Grad = gy.Clone()
		}
		gin, err := n.call(gy)
		if err != nil {
			return err
		}
		for k, x := range n.in {
			gx := gin[k]
			if gx == nil || !x.requiresGrad {
				continue
			}
			if !tensor.SameShape(gx.Shape(), x.Value.Shape()) {
				return fmt.Errorf("autodiff: backward of %s: gradient of input %d has shape %v, input has shape %v",
					n.name(), k, gx.Shape(), x.Value.Shape())
			}
			if tp.CheckFinite {
				if j := firstNonFinite(gx); j >= 0 {
					tp.err = &NonFiniteError{Seq: n.seq, Op: n.op, Scope: n.scope, Backward: true,
						Input: k, Index: j, Value: gx.Data()[j], Shape: gx.Shape(), BadInput: -1}
					return tp.err
				}
			}
			fresh := n.freshGrad(gin, k, gy)
			xn := x.node
			if xn == nil {
				adopted, err := accumulateLeaf(x, gx, fresh, n.name(), k)
				if err != nil {
					return err
				}
				if fresh && !adopted {
					dead = append(dead, gx)
				}
				continue
			}
			if xn.tape != tp || xn.index >= i || tp.nodes[xn.index] != xn {
				return fmt.Errorf("autodiff: backward of %s: input %d was recorded on another tape or released", n.name(), k)
			}
			j := xn.index
			switch {
			case grads[j] == nil:
				grads[j], owned[j] = gx, fresh
			case owned[j]:
				addInPlace(grads[j], gx)
				if fresh {
					dead = append(dead, gx)
				}
			case fresh:
				addInto(gx, grads[j], gx)
				grads[j], owned[j] = gx, true
			default:
				sum := grads[j].Clone()
				addInPlace(sum, gx)
				grads[j], owned[j] = sum, true
			}
		}
		if prof != nil {
			mark = prof.backward(n.scope, gy, gin, mark)
		}
		if gyOwned && !overlapsAny(gy, gin) {
			gy.Release()
		}
		for k, d := range dead {
			d.Release()
			dead[k] = nil
		}
		dead = dead[:0]
	}
	return nil
}

// freshGrad reports whether gin[k], returned by n's VJP for gradient gy,
// is the sweep's to recycle (see sweep).
func (n *node) freshGrad(gin []*tensor.Tensor, k int, gy *tensor.Tensor) bool {
	gx := gin[k]
	if n.custom || !gx.OwnsStorage() || tensor.Overlaps(gx, gy) {
		return false
	}
	for j, o := range gin {
		if j != k && o != nil && tensor.Overlaps(gx, o) {
			return false
		}
	}
	for _, x := range n.in {
		if tensor.Overlaps(gx, x.Value) {
			return false
		}
	}
	return true
}

// overlapsAny reports whether any of gs shares storage with g.
func overlapsAny(g *tensor.Tensor, gs []*tensor.Tensor) bool {
	for _, o := range gs {
		if o != nil && tensor.Overlaps(g, o) {
			return true
		}
	}
	return false
}

// call runs n's VJP, turning a panic (a programmer error inside an op's
// backward) into an error that names the op.
func (n *node) call(gy *tensor.Tensor) (gin []*tensor.Tensor, err error) {
	if n.vjp == nil {
		return nil, fmt.Errorf("autodiff: backward of %s: graph was released", n.name())
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("autodiff: backward of %s: %v", n.name(), r)
		}
	}()
	gin = n.vjp(gy)
	if len(gin) != len(n.in) {
		return nil, fmt.Errorf("autodiff: backward of %s: %d gradients for %d inputs", n.name(), len(gin), len(n.in))
	}
	return gin, nil
}

func (n *node) name() string {
	s := fmt.Sprintf("op #%d %s", n.seq, n.op)
	if n.scope != "" {
		s += " [" + n.scope + "]"
	}
	return s
}

// accumulateLeaf adds g into the leaf x's Grad, allocating it on first use,
// or adopting g itself when the sweep owns it (adopted reports that).
func accumulateLeaf(x *Var, g *tensor.Tensor, owned bool, op string, input int) (adopted bool, err error) {
	if x.Grad == nil {
		if owned {
			x.Grad = g
			return true, nil
		}
		x.Grad = g.Clone()
		return false, nil
	}
	if !tensor.SameShape(x.Grad.Shape(), g.Shape()) {
		return false, fmt.Errorf("autodiff: backward of %s: input %d (%s) has a Grad of shape %v, gradient has shape %v",
			op, input, x.Name, x.Grad.Shape(), g.Shape())
	}
	addInPlace(x.Grad, g)
	return false, nil
}

// addInto sets dst = a + b elementwise (same shapes; dst may be b).
func addInto(dst, a, b *tensor.Tensor) {
	d, x, y := dst.Data(), a.Data(), b.Data()
	x, y = x[:len(d)], y[:len(d)]
	for i := range d {
		d[i] = x[i] + y[i]
	}
}

// addInPlace sets dst = dst + src elementwise (same shape).
func addInPlace(dst, src *tensor.Tensor) {
	d, s := dst.Data(), src.Data()
	s = s[:len(d)]
	for i := range d {
		d[i] += s[i]
	}
}
