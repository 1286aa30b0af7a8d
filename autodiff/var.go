package autodiff

import "github.com/neurocortex/neurocortex/tensor"

// Var is a tensor in a computation: a leaf made by Param or Const, or the
// result of a Tape method.
//
// Grad is nil until Backward reaches a Var that requires a gradient. For
// leaves made by Param it then accumulates over successive Backward calls
// until it is zeroed (ZeroGrad); intermediate results never keep a Grad.
type Var struct {
	Value *tensor.Tensor
	Grad  *tensor.Tensor
	Name  string

	requiresGrad bool
	node         *node // the op that made it; nil for leaves
}

// Param returns a trainable leaf holding t (not copied).
func Param(t *tensor.Tensor, name string) *Var {
	return &Var{Value: t, Name: name, requiresGrad: true}
}

// Const returns a leaf holding t (not copied) that never gets a gradient.
func Const(t *tensor.Tensor) *Var { return &Var{Value: t} }

// RequiresGrad reports whether gradients flow to v.
func (v *Var) RequiresGrad() bool { return v.requiresGrad }

// SetRequiresGrad freezes (false) or unfreezes (true) a leaf. It panics on
// a Var made by a Tape method, whose status follows from its inputs.
func (v *Var) SetRequiresGrad(b bool) {
	if v.node != nil {
		panic("autodiff: SetRequiresGrad on the result of an op (" + v.node.op + ")")
	}
	v.requiresGrad = b
}

// IsLeaf reports whether v was made by Param or Const (or by a NoGrad
// tape, which records nothing) rather than by a recorded op.
func (v *Var) IsLeaf() bool { return v.node == nil }

// Shape returns v's value shape.
func (v *Var) Shape() []int { return v.Value.Shape() }

// ZeroGrad sets v's gradient to zero in place, keeping its storage for the
// next Backward. A nil Grad stays nil.
func (v *Var) ZeroGrad() {
	if v.Grad != nil {
		v.Grad.Zero()
	}
}

// ZeroGrad zeroes the gradients of all vs in place.
func ZeroGrad(vs ...*Var) {
	for _, v := range vs {
		v.ZeroGrad()
	}
}

// ClearGrad drops the gradients of all vs (sets Grad to nil), releasing
// their storage.
func ClearGrad(vs ...*Var) {
	for _, v := range vs {
		v.Grad = nil
	}
}
