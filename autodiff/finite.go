package autodiff

import (
	"fmt"

	"github.com/neurocortex/neurocortex/tensor"
)

// NonFiniteError reports the first op whose output (forward) or whose
// gradient for one input (backward) holds a NaN or an Inf.
type NonFiniteError struct {
	Seq   int    // index of the op among all ops run on the tape
	Op    string // op name
	Scope string // label from Tape.Scope, may be empty
	// Backward is false for a forward output, true for an input gradient.
	Backward bool
	Input    int // for Backward: which input's gradient
	Index    int // flat index of the first non-finite element
	Value    float32
	Shape    []int
	// BadInput, for a forward error, is the index of the first input that
	// was already non-finite (the op only propagated it), or -1.
	BadInput     int
	BadInputName string
}

func (e *NonFiniteError) Error() string {
	where := fmt.Sprintf("op #%d %s", e.Seq, e.Op)
	if e.Scope != "" {
		where += " [" + e.Scope + "]"
	}
	if e.Backward {
		return fmt.Sprintf("autodiff: backward of %s: gradient of input %d %v has %v at element %d",
			where, e.Input, e.Shape, e.Value, e.Index)
	}
	msg := fmt.Sprintf("autodiff: %s: output %v has %v at element %d", where, e.Shape, e.Value, e.Index)
	if e.BadInput >= 0 {
		name := ""
		if e.BadInputName != "" {
			name = " (" + e.BadInputName + ")"
		}
		msg += fmt.Sprintf("; input %d%s was already non-finite", e.BadInput, name)
	} else {
		msg += "; all inputs were finite"
	}
	return msg
}

// firstNonFinite returns the index of the first NaN or Inf in t, or -1.
func firstNonFinite(t *tensor.Tensor) int {
	for i, v := range t.Data() {
		// v-v is 0 for finite v and NaN for NaN and ±Inf.
		if v-v != 0 {
			return i
		}
	}
	return -1
}

func (tp *Tape) checkForward(seq int, op string, y *tensor.Tensor, in []*Var) {
	i := firstNonFinite(y)
	if i < 0 {
		return
	}
	e := &NonFiniteError{Seq: seq, Op: op, Scope: tp.scope, Index: i, Value: y.Data()[i], Shape: y.Shape(), BadInput: -1}
	for k, v := range in {
		if v != nil && v.Value != nil && firstNonFinite(v.Value) >= 0 {
			e.BadInput, e.BadInputName = k, v.Name
			break
		}
	}
	tp.err = e
}

// IsFinite reports whether every element of t is finite.
func IsFinite(t *tensor.Tensor) bool { return firstNonFinite(t) < 0 }
