package autodiff

import (
	"testing"
	"time"

	"github.com/neurocortex/neurocortex/tensor"
)

// fakeClock is a clock the test moves by hand, so that the time each op
// "takes" is known exactly.
type fakeClock struct{ now time.Duration }

func (c *fakeClock) time() time.Time      { return time.Unix(0, 0).Add(c.now) }
func (c *fakeClock) work(d time.Duration) { c.now += d }
func (c *fakeClock) profile() *Profile    { return newProfileClock(c.time) }

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// timedOp is a Custom op that copies x and takes fwd to compute and bwd to
// differentiate, on the fake clock.
func timedOp(tp *Tape, c *fakeClock, name string, fwd, bwd time.Duration, x *Var) *Var {
	c.work(fwd)
	y := x.Value.Clone()
	return tp.Custom(name, y, func(gy *tensor.Tensor) []*tensor.Tensor {
		c.work(bwd)
		return []*tensor.Tensor{gy.Clone()}
	}, x)
}

// Two scopes (one with a nested scope), unscoped glue and a loss: every
// op, millisecond and byte lands in the top-level scope it ran in.
func TestProfileAttribution(t *testing.T) {
	c := &fakeClock{}
	p := c.profile()
	tp := NewTape()
	tp.Profile = p
	x := Param(tensor.Ones(2, 3), "x") // 24 bytes

	c.work(ms(100)) // the caller's own work before the pass: not billed
	end := tp.Scope("a")
	a1 := timedOp(tp, c, "A1", ms(3), ms(30), x)
	endInner := tp.Scope("inner") // "a/inner" is billed to "a"
	a2 := timedOp(tp, c, "A2", ms(5), ms(50), a1)
	endInner()
	c.work(ms(1)) // after a's last op, before its end: a's
	end()
	c.work(ms(7))
	g := tp.Reshape(a2, 3, 2) // unscoped glue; a view: no bytes, forward or backward
	c.work(ms(1000))          // the caller pauses: restarted at b's entry
	end = tp.Scope("b")
	b1 := timedOp(tp, c, "B1", ms(2), ms(20), g)
	end()
	loss := tp.Sum(b1, nil, false) // unscoped, 4 bytes
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	tp.MulScalar(loss, 2) // right after Backward: the backward time is not billed to it

	want := []ScopeProfile{
		{Scope: "a", ForwardOps: 2, BackwardOps: 2, Forward: ms(9), Backward: ms(80), ForwardBytes: 48, BackwardBytes: 48},
		{Scope: "", ForwardOps: 3, BackwardOps: 2, Forward: ms(7), Backward: 0, ForwardBytes: 0 + 4 + 4, BackwardBytes: 24 + 0},
		{Scope: "b", ForwardOps: 1, BackwardOps: 1, Forward: ms(2), Backward: ms(20), ForwardBytes: 24, BackwardBytes: 24},
	}
	got := p.Scopes()
	if len(got) != len(want) {
		t.Fatalf("scopes %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("scope %q:\n got %+v\nwant %+v", want[i].Scope, got[i], want[i])
		}
	}
	if s, ok := p.Scope("b"); !ok || s != want[2] {
		t.Errorf("Scope(b) = %+v, %v", s, ok)
	}
	if _, ok := p.Scope("inner"); ok {
		t.Error("a nested scope has figures of its own")
	}
	tot := p.Total()
	if tot.ForwardOps != 6 || tot.BackwardOps != 5 || tot.Forward != ms(18) || tot.Backward != ms(100) || tot.ForwardBytes != 80 {
		t.Errorf("total %+v", tot)
	}
	// Backward still computed the right gradient: d sum(x)/dx = 1.
	for _, v := range x.Grad.Data() {
		if v != 1 {
			t.Fatalf("x.Grad = %v", x.Grad.Data())
		}
	}
	p.Reset()
	if len(p.Scopes()) != 0 || p.Total() != (ScopeProfile{}) {
		t.Errorf("after Reset: %+v", p.Scopes())
	}
}

// A NoGrad tape is profiled forward only; a tape without a profile
// computes the same values.
func TestProfileNoGradAndOff(t *testing.T) {
	c := &fakeClock{}
	x := Const(tensor.Arange(0, 12, 1).Reshape(3, 4))
	w := Const(tensor.Ones(4, 2))
	run := func(tp *Tape) *Var {
		end := tp.Scope("v1")
		c.work(ms(4))
		h := tp.ReLU(tp.Matmul(x, w, false, false)) // [3, 2]: two outputs of 24 bytes
		end()
		end = tp.Scope("it")
		defer end()
		return tp.Sum(h, nil, false)
	}
	tp := NoGrad()
	tp.Profile = c.profile()
	y := run(tp)
	want := []ScopeProfile{
		{Scope: "v1", ForwardOps: 2, Forward: ms(4), ForwardBytes: 48},
		{Scope: "it", ForwardOps: 1, ForwardBytes: 4},
	}
	got := tp.Profile.Scopes()
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("NoGrad profile %+v, want %+v", got, want)
	}
	off := NoGrad()
	if z := run(off); !tensor.Equal(z.Value, y.Value) || off.Profile != nil {
		t.Errorf("without a profile: %v, with: %v", z.Value, y.Value)
	}
}

// On the real clock, a backward pass through real ops is timed and every
// recorded op is counted once.
func TestProfileRealClock(t *testing.T) {
	tp := NewTape()
	tp.Profile = NewProfile()
	rng := tensor.NewRNG(1, 1)
	x := Param(tensor.RandNormal(rng, 0, 1, 16, 32), "x")
	w := Param(tensor.RandNormal(rng, 0, 1, 32, 32), "w")
	end := tp.Scope("first")
	h := tp.Tanh(tp.Matmul(x, w, false, false))
	end()
	end = tp.Scope("second")
	y := tp.Mean(tp.Mul(h, h), nil, false)
	end()
	if err := tp.Backward(y); err != nil {
		t.Fatal(err)
	}
	first, _ := tp.Profile.Scope("first")
	second, _ := tp.Profile.Scope("second")
	if first.ForwardOps != 2 || first.BackwardOps != 2 || second.ForwardOps != 2 || second.BackwardOps != 2 {
		t.Errorf("op counts: %+v %+v", first, second)
	}
	if first.Forward <= 0 || first.Backward <= 0 || second.Forward <= 0 || second.Backward <= 0 {
		t.Errorf("times not measured: %+v %+v", first, second)
	}
	if first.ForwardBytes != 2*16*32*4 || first.BackwardBytes != 2*16*32*4+32*32*4 {
		t.Errorf("bytes: %+v", first)
	}
}
