package nn

import (
	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// Module is anything that owns trainable parameters. Params lists them in a
// fixed order with their dotted names in Var.Name.
type Module interface {
	Params() []*autodiff.Var
}

// Layer is a Module with a forward computation. SetTraining switches
// between training behaviour (batch statistics, dropout) and evaluation.
type Layer interface {
	Module
	Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var
	SetTraining(training bool)
}

// Buffer is a named non-trainable tensor that belongs to a model's state,
// such as a BatchNorm running mean. Checkpoints save and restore buffers.
type Buffer struct {
	Name  string
	Value *tensor.Tensor
}

// Buffered is implemented by modules that hold buffers.
type Buffered interface {
	Buffers() []Buffer
}

// Named is implemented by layers that carry a name; Sequential labels the
// ops of a named layer with it (autodiff.Tape.Scope), so errors such as a
// NaN found by CheckFinite name the layer.
type Named interface {
	Name() string
}

// BuffersOf returns m's buffers, or nil if it has none.
func BuffersOf(m Module) []Buffer {
	if b, ok := m.(Buffered); ok {
		return b.Buffers()
	}
	return nil
}

// NumParams returns the number of scalar parameters of m.
func NumParams(m Module) int {
	n := 0
	for _, p := range m.Params() {
		n += p.Value.Size()
	}
	return n
}

// ParamMap returns m's parameters by name.
func ParamMap(m Module) map[string]*autodiff.Var {
	out := map[string]*autodiff.Var{}
	for _, p := range m.Params() {
		out[p.Name] = p
	}
	return out
}

// joinName returns prefix.name, or name when prefix is empty.
func joinName(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
