package autodiff

import "github.com/neurocortex/neurocortex/tensor"

// Recycling the values of a finished computation.
//
// A training loop computes tensors of the same sizes every step; handing
// them back to package tensor's pool when the step is over spares the next
// step fresh allocations (zeroing and page faults, and the garbage
// collector's work). Backward recycles the gradients it makes internally
// by itself; the forward values belong to the caller, who may still read
// them (the loss, the logits), so they are recycled only on request:
//
//	tp := autodiff.NewTape()
//	tp.Recycle = true
//	loss := tp.CrossEntropy(net.Forward(tp, x), labels)
//	err := tp.Backward(loss)
//	lossValue := loss.Value.Item()
//	tp.Release()

// track remembers y, the output of a built-in op on inputs in, for Release
// when tp.Recycle is set. Outputs that share storage with an input (views
// such as Reshape, or an input returned as is) are not the op's to give
// away, and tensor.Release ignores tensors that do not own their storage.
func (tp *Tape) track(y *tensor.Tensor, in []*Var) {
	if !tp.Recycle || !y.OwnsStorage() {
		return
	}
	for _, x := range in {
		if x != nil && tensor.Overlaps(y, x.Value) {
			return
		}
	}
	tp.values = append(tp.values, y)
}

// Release ends the computation recorded on tp, as Reset does, and when
// Recycle is set recycles the storage of every value tp's ops computed
// since the last Release or Reset, except the values of keep (and any
// value that shares storage with one of them). Released values are
// emptied (Size 0): the Vars that tp's methods returned, Vars that share
// their values (Detach) and views of their values must not be used
// afterwards, except those in keep. Leaves (Param, Const), their
// gradients and Custom op values are never recycled.
func (tp *Tape) Release(keep ...*Var) {
	vals := tp.values
	tp.values = nil
	tp.Reset()
outer:
	for i, y := range vals {
		vals[i] = nil
		for _, k := range keep {
			if k != nil && k.Value != nil && (k.Value == y || tensor.Overlaps(k.Value, y)) {
				continue outer
			}
		}
		y.Release()
	}
	tp.values = vals[:0]
}
