package nn

import (
	"fmt"
	"sort"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// Optimizer updates parameters from their gradients.
//
// Step applies one update to every parameter whose Grad is non-nil (as
// PyTorch, parameters without a gradient are skipped and their state is
// untouched) and counts the step. State and SetState expose everything
// needed to resume training with the same bits.
type Optimizer interface {
	Step()
	ZeroGrad()
	Params() []*autodiff.Var
	LR() float64
	SetLR(lr float64)
	State() OptimizerState
	SetState(s OptimizerState) error
}

// OptimizerState is an optimiser's resumable state: its kind, the number
// of steps taken and its per-parameter tensors, named slot.paramName
// ("exp_avg.conv1.weight"). State returns copies.
type OptimizerState struct {
	Kind  string
	Step  int64
	Slots map[string]*tensor.Tensor
}

// SlotNames returns the slot tensor names in sorted order.
func (s OptimizerState) SlotNames() []string {
	names := make([]string, 0, len(s.Slots))
	for k := range s.Slots {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// optBase holds what every optimiser shares: the parameters, the learning
// rate, the step count and per-parameter slot tensors, allocated on a
// parameter's first update.
type optBase struct {
	kind   string
	params []*autodiff.Var
	lr     float64
	step   int64
	names  []string           // slot names, e.g. "exp_avg"
	slots  [][]*tensor.Tensor // slots[s][p]
	index  map[string]int     // param name -> index
}

func newOptBase(kind string, params []*autodiff.Var, lr float64, slotNames ...string) optBase {
	b := optBase{kind: kind, params: params, lr: lr, names: slotNames, index: map[string]int{}}
	for i, p := range params {
		if _, dup := b.index[p.Name]; dup || p.Name == "" {
			panic(fmt.Sprintf("nn: %s: parameter %d has an empty or duplicate name %q", kind, i, p.Name))
		}
		b.index[p.Name] = i
	}
	b.slots = make([][]*tensor.Tensor, len(slotNames))
	for s := range b.slots {
		b.slots[s] = make([]*tensor.Tensor, len(params))
	}
	return b
}

// Params returns the parameters the optimiser updates.
func (b *optBase) Params() []*autodiff.Var { return b.params }

// LR returns the current learning rate.
func (b *optBase) LR() float64 { return b.lr }

// SetLR sets the learning rate for the next steps (schedules call it).
func (b *optBase) SetLR(lr float64) { b.lr = lr }

// ZeroGrad zeroes every parameter's gradient in place.
func (b *optBase) ZeroGrad() { autodiff.ZeroGrad(b.params...) }

// Steps returns the number of steps taken.
func (b *optBase) Steps() int64 { return b.step }

// slot returns slot s of parameter p, allocating zeros if needed; fresh
// reports whether it was just allocated.
func (b *optBase) slot(s, p int) (t *tensor.Tensor, fresh bool) {
	if t = b.slots[s][p]; t != nil {
		return t, false
	}
	t = tensor.New(b.params[p].Value.Shape()...)
	b.slots[s][p] = t
	return t, true
}

// State returns a copy of the optimiser's state.
func (b *optBase) State() OptimizerState {
	st := OptimizerState{Kind: b.kind, Step: b.step, Slots: map[string]*tensor.Tensor{}}
	for s, name := range b.names {
		for p, t := range b.slots[s] {
			if t != nil {
				st.Slots[name+"."+b.params[p].Name] = t.Clone()
			}
		}
	}
	return st
}

// SetState replaces the optimiser's state by a copy of st, after checking
// the kind, every slot name and every shape; on error nothing changes.
func (b *optBase) SetState(st OptimizerState) error {
	if st.Kind != b.kind {
		return fmt.Errorf("nn: %s optimiser given %q state", b.kind, st.Kind)
	}
	if st.Step < 0 {
		return fmt.Errorf("nn: %s state: negative step %d", b.kind, st.Step)
	}
	slots := make([][]*tensor.Tensor, len(b.names))
	for s := range slots {
		slots[s] = make([]*tensor.Tensor, len(b.params))
	}
	for _, key := range st.SlotNames() {
		s, p := b.parseSlot(key)
		if s < 0 {
			return fmt.Errorf("nn: %s state: unknown slot %q", b.kind, key)
		}
		t := st.Slots[key]
		if want := b.params[p].Value.Shape(); !tensor.SameShape(t.Shape(), want) {
			return fmt.Errorf("nn: %s state: slot %q has shape %v, parameter has %v", b.kind, key, t.Shape(), want)
		}
		slots[s][p] = t.Clone()
	}
	b.slots, b.step = slots, st.Step
	return nil
}

func (b *optBase) parseSlot(key string) (s, p int) {
	for i, name := range b.names {
		if len(key) > len(name)+1 && key[:len(name)] == name && key[len(name)] == '.' {
			if j, ok := b.index[key[len(name)+1:]]; ok {
				return i, j
			}
		}
	}
	return -1, -1
}
