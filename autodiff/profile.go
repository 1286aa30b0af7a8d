package autodiff

import (
	"strings"
	"time"

	"github.com/neurocortex/neurocortex/tensor"
)

// Profile accumulates what a tape's computation costs, per top-level scope
// (the first component of the labels given with Tape.Scope: "v1" for ops
// in "v1/conv2"). Set Tape.Profile to one to measure; a tape without a
// profile pays one nil check per op.
//
// Forward time is measured between tape events, since an op computes its
// value before the tape sees it: the time from the previous event (an op's
// completion, or a top-level scope's entry or exit) to an op's completion
// is that op's, counted in the op's scope, and the time from a scope's last
// op to its exit is the scope's too. Entering a top-level scope restarts
// the clock without counting, and so does the end of Backward, so work of
// the caller's between passes is not billed to anyone. Unscoped ops (the
// glue between areas, a loss) are counted under the scope "".
//
// Backward time is measured per recorded op, around its vector-Jacobian
// product and the accumulation of the gradients it returns, in the scope
// the op was recorded in.
//
// Bytes are those of the tensors the ops produce: outputs in the forward
// pass (an output that shares its storage with an input, such as
// Reshape's, counts zero), input gradients in the backward pass.
//
// A Profile belongs to one tape at a time and, like the tape, is not safe
// for concurrent use.
type Profile struct {
	scopes []*ScopeProfile
	index  map[string]*ScopeProfile
	last   time.Time
	clock  func() time.Time // time.Now; tests substitute a fake
}

// ScopeProfile is the cost of one top-level scope.
type ScopeProfile struct {
	Scope         string        // top-level scope label; "" for ops outside any scope
	ForwardOps    int           // ops run forward (recorded or not)
	BackwardOps   int           // recorded ops whose vector-Jacobian product ran
	Forward       time.Duration // forward time (see Profile)
	Backward      time.Duration // backward time
	ForwardBytes  int64         // bytes of the outputs produced
	BackwardBytes int64         // bytes of the input gradients produced
}

// NewProfile returns an empty profile whose clock starts now.
func NewProfile() *Profile { return newProfileClock(time.Now) }

func newProfileClock(clock func() time.Time) *Profile {
	return &Profile{index: map[string]*ScopeProfile{}, clock: clock, last: clock()}
}

// Scopes returns a copy of every scope's figures, in the order the scopes
// were first seen.
func (p *Profile) Scopes() []ScopeProfile {
	out := make([]ScopeProfile, len(p.scopes))
	for i, s := range p.scopes {
		out[i] = *s
	}
	return out
}

// Scope returns the figures of the named top-level scope and whether any
// op or time was counted in it.
func (p *Profile) Scope(name string) (ScopeProfile, bool) {
	s, ok := p.index[name]
	if !ok {
		return ScopeProfile{Scope: name}, false
	}
	return *s, true
}

// Total returns the sum over every scope (Scope is "").
func (p *Profile) Total() ScopeProfile {
	var t ScopeProfile
	for _, s := range p.scopes {
		t.ForwardOps += s.ForwardOps
		t.BackwardOps += s.BackwardOps
		t.Forward += s.Forward
		t.Backward += s.Backward
		t.ForwardBytes += s.ForwardBytes
		t.BackwardBytes += s.BackwardBytes
	}
	return t
}

// Reset forgets every figure and restarts the clock.
func (p *Profile) Reset() {
	p.scopes = p.scopes[:0]
	clear(p.index)
	p.last = p.clock()
}

// topScope returns the first component of a scope label.
func topScope(label string) string {
	if i := strings.IndexByte(label, '/'); i >= 0 {
		return label[:i]
	}
	return label
}

func (p *Profile) get(scope string) *ScopeProfile {
	name := topScope(scope)
	s, ok := p.index[name]
	if !ok {
		s = &ScopeProfile{Scope: name}
		p.index[name] = s
		p.scopes = append(p.scopes, s)
	}
	return s
}

// restart sets the clock's mark to now without counting the time since
// the last mark.
func (p *Profile) restart() { p.last = p.clock() }

// exit counts the time since the last mark in the top-level scope label,
// which is being left.
func (p *Profile) exit(label string) {
	now := p.clock()
	p.get(label).Forward += now.Sub(p.last)
	p.last = now
}

// forward counts an op's output y, computed from in, in scope.
func (p *Profile) forward(scope string, y *tensor.Tensor, in []*Var) {
	now := p.clock()
	s := p.get(scope)
	s.Forward += now.Sub(p.last)
	s.ForwardOps++
	if !sharesStorage(y, in) {
		s.ForwardBytes += 4 * int64(y.Size())
	}
	p.last = now
}

// backward counts one op's backward pass, which began at mark and turned
// the output gradient gy into the input gradients gin, and returns the new
// mark.
func (p *Profile) backward(scope string, gy *tensor.Tensor, gin []*tensor.Tensor, mark time.Time) time.Time {
	now := p.clock()
	s := p.get(scope)
	s.Backward += now.Sub(mark)
	s.BackwardOps++
	for _, g := range gin {
		if g != nil && !sameStorage(g, gy) {
			s.BackwardBytes += 4 * int64(g.Size())
		}
	}
	return now
}

// sharesStorage reports whether y is a view of one of the inputs.
func sharesStorage(y *tensor.Tensor, in []*Var) bool {
	for _, x := range in {
		if x != nil && x.Value != nil && sameStorage(y, x.Value) {
			return true
		}
	}
	return false
}

// sameStorage reports whether a and b are views of one array: their data
// start at the same element (Reshape) or their capacities end at the same
// element (a slice of the other).
func sameStorage(a, b *tensor.Tensor) bool {
	ad, bd := a.Data(), b.Data()
	if cap(ad) == 0 || cap(bd) == 0 {
		return false
	}
	if len(ad) > 0 && len(bd) > 0 && &ad[0] == &bd[0] {
		return true
	}
	return &ad[:cap(ad)][cap(ad)-1] == &bd[:cap(bd)][cap(bd)-1]
}
