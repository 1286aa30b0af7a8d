package autodiff

import (
	"errors"
	"fmt"
	"time"

	"github.com/neurocortex/neurocortex/ops"
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
// identity-like ops: an owned gy returned as is, or reshaped whole, stays
// owned). Gradients from Custom ops are never owned: user code may keep
// them. An owned gradient may also be added to in place.
func (tp *Tape) sweep(last int, g *tensor.Tensor) error {
	s := &sweepState{tp: tp, grads: make([]*tensor.Tensor, last+1), owned: make([]bool, last+1)}
	s.grads[last], s.owned[last] = g, true
	prof := tp.Profile
	var mark time.Time
	if prof != nil {
		mark = prof.clock()
	}
	for i := last; i >= 0; i-- {
		n := tp.nodes[i]
		gy := s.grads[i]
		if gy == nil {
			continue
		}
		gyOwned := s.owned[i]
		s.grads[i] = nil
		if n.retain != nil {
			n.retain.Grad = gy.Clone()
		}
		from, gin, err := s.backward(n, gy)
		if err != nil {
			return err
		}
		for k, x := range from.in {
			gx := gin[k]
			if gx == nil {
				continue
			}
			owned := from.freshGrad(gin, k, gy, gyOwned, n)
			if !x.requiresGrad {
				if owned {
					gx.Release() // computed for an input that wants none
				}
				continue
			}
			if err := s.give(from, k, gx, owned); err != nil {
				return err
			}
		}
		if prof != nil {
			mark = prof.backward(n.scope, gy, gin, mark)
		}
		if gyOwned && !overlapsAny(gy, gin) {
			gy.Release()
		}
		for k, d := range s.dead {
			d.Release()
			s.dead[k] = nil
		}
		s.dead = s.dead[:0]
	}
	return nil
}

// sweepState is the reverse pass in progress: the gradient reaching each
// node's output (nil until one does) and whether the sweep owns it.
type sweepState struct {
	tp    *Tape
	grads []*tensor.Tensor
	owned []bool
	dead  []*tensor.Tensor // owned gradients consumed by the current op
}

// backward runs n's VJP on gy and returns the gradients of from's inputs:
// from is n itself, or the ReLU feeding n when n's fused VJP can skip it
// (see fusedReLU).
func (s *sweepState) backward(n *node, gy *tensor.Tensor) (from *node, gin []*tensor.Tensor, err error) {
	if p := s.fusedReLU(n); p != nil {
		gin, err = n.callWith(p, func() []*tensor.Tensor { return []*tensor.Tensor{n.throughReLU(gy)} })
		return p, gin, err
	}
	gin, err = n.callWith(n, func() []*tensor.Tensor { return n.vjp(gy) })
	return n, gin, err
}

// give hands gx, the gradient of input k (x) of node n, to x: a leaf
// accumulates it, an op's output collects it for that op's turn. owned
// says whether the sweep owns gx (see sweep).
func (s *sweepState) give(n *node, k int, gx *tensor.Tensor, owned bool) error {
	tp, x := s.tp, n.in[k]
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
	xn := x.node
	if xn == nil {
		adopted, err := accumulateLeaf(x, gx, owned, n.name(), k)
		if err == nil && owned && !adopted {
			s.dead = append(s.dead, gx)
		}
		return err
	}
	if xn.tape != tp || xn.index >= n.index || tp.nodes[xn.index] != xn {
		return fmt.Errorf("autodiff: backward of %s: input %d was recorded on another tape or released", n.name(), k)
	}
	j := xn.index
	switch {
	case s.grads[j] == nil:
		s.grads[j], s.owned[j] = gx, owned
	case s.owned[j]:
		ops.AddInto(s.grads[j], s.grads[j], gx)
		if owned {
			s.dead = append(s.dead, gx)
		}
	case owned:
		ops.AddInto(gx, s.grads[j], gx)
		s.grads[j], s.owned[j] = gx, true
	default:
		sum := s.grads[j].Clone()
		ops.AddInto(sum, sum, gx)
		s.grads[j], s.owned[j] = sum, true
	}
	return nil
}

// freshGrad reports whether gin[k], a gradient of n's input k computed
// by op's VJP for gradient gy (op is n, or the node whose fused VJP skipped
// n), is the sweep's to recycle (see sweep). An owned gy handed on as is,
// or whole as a view of another shape, stays owned.
func (n *node) freshGrad(gin []*tensor.Tensor, k int, gy *tensor.Tensor, gyOwned bool, op *node) bool {
	gx := gin[k]
	if op.custom || n.custom {
		return false
	}
	ofGy := tensor.Overlaps(gx, gy)
	switch {
	case ofGy && !gyOwned:
		return false // gy, or a view of it, that the sweep does not own
	case !ofGy && !gx.OwnsStorage():
		return false
	}
	for j, o := range gin {
		if j != k && o != nil && tensor.Overlaps(gx, o) {
			return false
		}
	}
	for _, in := range [][]*Var{n.in, op.in} {
		for _, x := range in {
			if tensor.Overlaps(gx, x.Value) {
				return false
			}
		}
	}
	// An owned gy comes back as is, or reshaped: a whole view takes over
	// its storage (tensor.HandOver), which the sweep then recycles with gx.
	return !ofGy || gx == gy || gy.HandOver(gx)
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

// callWith runs vjp, n's VJP (or its fused VJP, which returns the
// gradients of from's inputs), turning a panic (a programmer error inside
// an op's backward) into an error that names the op.
func (n *node) callWith(from *node, vjp func() []*tensor.Tensor) (gin []*tensor.Tensor, err error) {
	if n.vjp == nil {
		return nil, fmt.Errorf("autodiff: backward of %s: graph was released", n.name())
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("autodiff: backward of %s: %v", n.name(), r)
		}
	}()
	gin = vjp()
	if len(gin) != len(from.in) {
		return nil, fmt.Errorf("autodiff: backward of %s: %d gradients for %d inputs", n.name(), len(gin), len(from.in))
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
	ops.AddInto(x.Grad, x.Grad, g)
	return false, nil
}
