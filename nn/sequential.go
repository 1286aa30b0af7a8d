package nn

import "github.com/neurocortex/neurocortex/autodiff"

// Sequential runs layers one after the other. Its parameters and buffers
// are those of its layers, in order; ops of layers that have a name
// (Named) are labelled with it on the tape.
type Sequential struct {
	Layers []Layer
}

// NewSequential returns a Sequential of the given layers.
func NewSequential(layers ...Layer) *Sequential { return &Sequential{Layers: layers} }

// Params returns the layers' parameters in order.
func (s *Sequential) Params() []*autodiff.Var {
	var ps []*autodiff.Var
	for _, l := range s.Layers {
		ps = append(ps, l.Params()...)
	}
	return ps
}

// Buffers returns the layers' buffers in order.
func (s *Sequential) Buffers() []Buffer {
	var bs []Buffer
	for _, l := range s.Layers {
		bs = append(bs, BuffersOf(l)...)
	}
	return bs
}

// SetTraining sets every layer's mode.
func (s *Sequential) SetTraining(training bool) {
	for _, l := range s.Layers {
		l.SetTraining(training)
	}
}

// Forward feeds x through the layers.
func (s *Sequential) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	for _, l := range s.Layers {
		if n, ok := l.(Named); ok && n.Name() != "" {
			end := tp.Scope(n.Name())
			x = l.Forward(tp, x)
			end()
			continue
		}
		x = l.Forward(tp, x)
	}
	return x
}
