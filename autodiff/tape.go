package autodiff

import (
	"github.com/neurocortex/neurocortex/tensor"
)

// VJP is the vector-Jacobian product of one recorded op: given the gradient
// gy of the loss with respect to the op's output, it returns the gradient
// with respect to each input, in input order. An entry may be nil when the
// input needs no gradient (see Tape.Custom).
type VJP func(gy *tensor.Tensor) []*tensor.Tensor

// node is one recorded op.
type node struct {
	tape  *Tape
	index int    // position in tape.nodes
	seq   int    // position among all ops run on the tape, recorded or not
	op    string // op name, e.g. "Conv2d"
	scope string // label from Tape.Scope
	in    []*Var
	vjp   VJP
	// retain, when set by RetainGrad, is the op's output Var, which
	// Backward gives a copy of its gradient.
	retain *Var
	custom bool // recorded by Custom: its gradients belong to user code
	// free, when set, hands back buffers only vjp uses; release calls it
	// once the graph is dropped.
	free func()
	// uses counts the ops recorded on the tape that consume the output;
	// throughReLU, when set, is a VJP that returns the gradient of the
	// input of the ReLU feeding this op (see fuse.go).
	uses        int
	throughReLU func(gy *tensor.Tensor) *tensor.Tensor
}

// Tape records operations in order for reverse-mode differentiation.
//
// A Tape is not safe for concurrent use; give each goroutine its own (NoGrad
// tapes are cheap). After Backward the recorded graph is released unless
// KeepGraph is set, and the tape may record a new computation.
type Tape struct {
	// KeepGraph keeps the recorded ops after Backward so that Backward can
	// run again on the same graph (PyTorch's retain_graph).
	KeepGraph bool
	// CheckFinite makes every op check its output, and Backward every
	// gradient, for NaN and Inf. The first offender is kept as the tape's
	// error (see Err) and returned by Backward.
	CheckFinite bool
	// Profile, when not nil, accumulates the time and bytes of the ops
	// run on the tape, forward and backward, per top-level scope (see
	// Profile). It works on NoGrad tapes too, forward only.
	Profile *Profile
	// Recycle makes the tape remember the values its ops compute so that
	// Release can recycle their storage (see Release). A tape with Recycle
	// set holds every value it computed until Release or Reset.
	Recycle bool

	noGrad bool
	values []*tensor.Tensor // op outputs to recycle, when Recycle is set
	nodes  []*node
	scope  string
	seq    int   // ops run so far
	err    error // first non-finite value seen, when CheckFinite
}

// NewTape returns an empty tape that records operations.
func NewTape() *Tape { return &Tape{} }

// NoGrad returns a tape that records nothing: its methods compute forward
// values only, their results never require a gradient, and no graph nodes
// are allocated. Forward computations on a NoGrad tape do not write their
// inputs, so goroutines may share read-only parameters as long as each uses
// its own NoGrad tape.
func NoGrad() *Tape { return &Tape{noGrad: true} }

// Recording reports whether tp records operations (false for NoGrad tapes).
func (tp *Tape) Recording() bool { return !tp.noGrad }

// Len returns the number of ops recorded and not yet released.
func (tp *Tape) Len() int { return len(tp.nodes) }

// Err returns the first non-finite value found when CheckFinite is set, or
// nil.
func (tp *Tape) Err() error { return tp.err }

// Scope labels the ops recorded until the returned function is called;
// nested scopes join with "/" ("v1/conv2"). Labels appear in the errors of
// Backward and CheckFinite. Use as: defer tp.Scope("v1")().
func (tp *Tape) Scope(label string) (end func()) {
	prev := tp.scope
	if prev != "" {
		tp.scope = prev + "/" + label
		return func() { tp.scope = prev }
	}
	tp.scope = label
	if tp.Profile != nil {
		tp.Profile.restart()
	}
	return func() {
		if tp.Profile != nil {
			tp.Profile.exit(label)
		}
		tp.scope = prev
	}
}

// Reset releases the recorded graph and clears the error and op counter so
// that tp can record a new computation.
func (tp *Tape) Reset() {
	tp.release()
	clear(tp.values)
	tp.values = tp.values[:0]
	tp.seq = 0
	tp.err = nil
	tp.scope = ""
}

func (tp *Tape) release() {
	for i, n := range tp.nodes {
		if n.free != nil {
			n.free()
		}
		n.in, n.vjp, n.retain, n.free, n.throughReLU = nil, nil, nil, nil, nil
		tp.nodes[i] = nil
	}
	tp.nodes = tp.nodes[:0]
}

// needs reports whether an op on these inputs must be recorded.
func (tp *Tape) needs(in ...*Var) bool {
	if tp.noGrad {
		return false
	}
	for _, v := range in {
		if v.requiresGrad {
			return true
		}
	}
	return false
}

// done wraps the result of an op that is not recorded.
func (tp *Tape) done(op string, y *tensor.Tensor, in ...*Var) *Var {
	tp.track(y, in)
	return tp.doneUser(op, y, in...)
}

// doneUser is done for a value that user code made (Custom): it is never
// recycled.
func (tp *Tape) doneUser(op string, y *tensor.Tensor, in ...*Var) *Var {
	tp.seq++
	if tp.CheckFinite && tp.err == nil {
		tp.checkForward(tp.seq-1, op, y, in)
	}
	if tp.Profile != nil {
		tp.Profile.forward(tp.scope, y, in)
	}
	return &Var{Value: y}
}

// record appends an op whose inputs need gradients and returns its output.
// The in slice is kept by the node.
func (tp *Tape) record(op string, y *tensor.Tensor, vjp VJP, in ...*Var) *Var {
	tp.track(y, in)
	return tp.recordUser(op, y, vjp, in...)
}

// recordUser is record for a value that user code made (Custom): it is
// never recycled, nor are the gradients its VJP returns.
func (tp *Tape) recordUser(op string, y *tensor.Tensor, vjp VJP, in ...*Var) *Var {
	seq := tp.seq
	tp.seq++
	if tp.CheckFinite && tp.err == nil {
		tp.checkForward(seq, op, y, in)
	}
	if tp.Profile != nil {
		tp.Profile.forward(tp.scope, y, in)
	}
	tp.countUses(in)
	n := &node{tape: tp, index: len(tp.nodes), seq: seq, op: op, scope: tp.scope, in: in, vjp: vjp}
	tp.nodes = append(tp.nodes, n)
	return &Var{Value: y, requiresGrad: true, node: n}
}

// Custom records a user-defined op: y is its forward value, computed by the
// caller from the inputs' values, and vjp its vector-Jacobian product,
// called by Backward with the gradient of y; it must return one gradient
// per input (nil for inputs that need none), each shaped like that input's
// value. vjp is not called on a NoGrad tape or when no input requires a
// gradient. Custom is how surrogate gradients and other ops outside package
// ops join a tape.
func (tp *Tape) Custom(op string, y *tensor.Tensor, vjp VJP, in ...*Var) *Var {
	if !tp.needs(in...) {
		return tp.doneUser(op, y, in...)
	}
	v := tp.recordUser(op, y, vjp, append([]*Var(nil), in...)...)
	v.node.custom = true
	return v
}

// CustomOwned is Custom for an op that hands its tensors over to the tape,
// as the built-in ops do: y and the gradients vjp returns are tensors it
// allocated and keeps no reference to (views of gy or of an input's value
// are recognised and left alone). With Recycle set, Release then recycles
// y, and Backward the gradients once consumed. The VJP may still read y
// and the inputs' values: they live until Release.
func (tp *Tape) CustomOwned(op string, y *tensor.Tensor, vjp VJP, in ...*Var) *Var {
	if !tp.needs(in...) {
		return tp.done(op, y, in...)
	}
	return tp.record(op, y, vjp, append([]*Var(nil), in...)...)
}

// RetainGrad makes the next Backward on tp store in v.Grad a copy of the
// gradient of the loss with respect to v, the output of an op recorded on
// tp (PyTorch's retain_grad): for inspecting the gradients that reach
// intermediate activations. v.Grad is left alone when no gradient reaches
// v. Leaves accumulate their Grad anyway; for them, for Vars of another
// tape and on NoGrad tapes RetainGrad does nothing.
func (tp *Tape) RetainGrad(v *Var) {
	if v == nil || v.node == nil || v.node.tape != tp {
		return
	}
	v.node.retain = v
}

// Detach returns a Const sharing x's value: gradients stop there.
func (tp *Tape) Detach(x *Var) *Var { return &Var{Value: x.Value, Name: x.Name} }
