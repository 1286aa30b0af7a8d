package spiking

import (
	"math"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// smoothSpike is Spike with its forward H replaced by the surrogate's
// primitive, whose true derivative is the surrogate: with it, the
// gradients a tape computes through SpikeBackward can be checked by
// central differences.
func smoothSpike(tp *autodiff.Tape, x *autodiff.Var, s Surrogate) *autodiff.Var {
	xv := x.Value
	y := tensor.New(xv.Shape()...)
	for i, v := range xv.Data() {
		y.Data()[i] = float32(s.primitive(float64(v)))
	}
	return tp.Custom("SmoothSpike", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{SpikeBackward(xv, gy, s)}
	}, x)
}

// weightedSum returns sum(x * c) on the tape: a loss that weighs every
// element differently, so that no gradient is trivially equal.
func weightedSum(tp *autodiff.Tape, x *autodiff.Var, c *tensor.Tensor) *autodiff.Var {
	return tp.Sum(tp.Mul(x, autodiff.Const(c)), nil, false)
}

func TestSurrogateBackwardGradCheck(t *testing.T) {
	rng := tensor.NewRNG(3, 0)
	x := tensor.RandUniform(rng, -1.5, 1.5, 3, 5)
	c := tensor.RandUniform(rng, -1, 1, 3, 5)
	for _, s := range []Surrogate{{FastSigmoid, 10}, {FastSigmoid, 2}, {Arctan, 2}, {Arctan, 0.5}} {
		err := autodiff.GradCheck(func(tp *autodiff.Tape, xs []*autodiff.Var) *autodiff.Var {
			return weightedSum(tp, smoothSpike(tp, xs[0], s), c)
		}, []*tensor.Tensor{x}, 1e-3, 1e-2)
		if err != nil {
			t.Errorf("%+v: %v", s, err)
		}
	}
}

// TestLIFLayerBPTTGradCheck checks the gradient of a loss on a two-layer
// network unrolled over T steps, with respect to every weight and bias,
// by central differences (smooth spikes, so that the function is
// differentiable and the surrogate is its true derivative).
func TestLIFLayerBPTTGradCheck(t *testing.T) {
	const batch, in, hid, out, T = 2, 3, 4, 2, 6
	rng := tensor.NewRNG(4, 0)
	inputs := make([]*tensor.Tensor, T)
	for i := range inputs {
		inputs[i] = Bernoulli(tensor.Full(0.5, batch, in), rng)
	}
	c := tensor.RandUniform(rng, -1, 1, batch, out)
	w1 := tensor.RandUniform(rng, -1, 1, hid, in)
	b1 := tensor.RandUniform(rng, -0.2, 0.2, hid)
	w2 := tensor.RandUniform(rng, -1, 1, out, hid)
	for _, mode := range []LayerReset{LayerResetSubtract, LayerResetNone} {
		for _, s := range []Surrogate{{FastSigmoid, 2}, {Arctan, 1}} {
			err := autodiff.GradCheck(func(tp *autodiff.Tape, p []*autodiff.Var) *autodiff.Var {
				l := &LIFLayer{W: p[0], B: p[1], Beta: 0.8, Threshold: 0.5, Surrogate: s, Reset: mode, spike: smoothSpike}
				r := &LeakyReadout{W: p[2], Beta: 0.7}
				xs := make([]*autodiff.Var, T)
				for i, x := range inputs {
					xs[i] = autodiff.Const(x)
				}
				spk, _ := l.Forward(tp, xs)
				return weightedSum(tp, TimeMean(tp, r.Forward(tp, spk)), c)
			}, []*tensor.Tensor{w1, b1, w2}, 1e-3, 2e-2)
			if err != nil {
				t.Errorf("reset %d, %+v: %v", mode, s, err)
			}
		}
	}
}

// TestLIFLayerForwardReference compares the spikes and membranes of a
// layer with a float64 loop over neurons and steps, for each reset mode.
func TestLIFLayerForwardReference(t *testing.T) {
	const batch, in, out, T = 3, 5, 4, 12
	rng := tensor.NewRNG(5, 0)
	l, err := NewLIFLayer(in, out, 0.9, 2, rng, "l")
	if err != nil {
		t.Fatal(err)
	}
	l.B.Value = tensor.RandUniform(rng, -0.1, 0.3, out)
	xs := make([]*autodiff.Var, T)
	for i := range xs {
		xs[i] = autodiff.Const(Bernoulli(tensor.Full(0.4, batch, in), rng))
	}
	for _, mode := range []LayerReset{LayerResetDetached, LayerResetSubtract, LayerResetNone} {
		l.Reset = mode
		spk, mem := l.Forward(autodiff.NoGrad(), xs)
		total := 0
		for b := range batch {
			for j := range out {
				v := 0.0
				for s := range T {
					u := 0.9*v + float64(l.B.Value.At(j))
					for k := range in {
						u += float64(l.W.Value.At(j, k)) * float64(xs[s].Value.At(b, k))
					}
					if got := float64(mem[s].Value.At(b, j)); math.Abs(got-u) > 1e-5 {
						t.Fatalf("reset %d: u[%d][%d,%d] = %v, want %v", mode, s, b, j, got, u)
					}
					fired := 0.0
					if u >= 1 {
						fired = 1
					}
					if math.Abs(u-1) > 1e-4 && float64(spk[s].Value.At(b, j)) != fired {
						t.Fatalf("reset %d: s[%d][%d,%d] = %v at u = %v", mode, s, b, j, spk[s].Value.At(b, j), u)
					}
					total += int(fired)
					v = u
					if mode != LayerResetNone {
						v -= fired
					}
				}
			}
		}
		if total == 0 || total == batch*out*T {
			t.Fatalf("reset %d: %d spikes of %d: the test exercises nothing", mode, total, batch*out*T)
		}
	}
}

// TestLIFLayerDetachedReset checks that the detached reset leaves the
// forward pass alone and removes exactly the reset path from the
// gradient: with it, the gradient equals that of a layer whose resets are
// the same spike trains fed in as constants.
func TestLIFLayerDetachedReset(t *testing.T) {
	const batch, in, out, T = 2, 4, 3, 8
	rng := tensor.NewRNG(6, 0)
	l, _ := NewLIFLayer(in, out, 0.85, 3, rng, "l")
	xs := make([]*autodiff.Var, T)
	for i := range xs {
		xs[i] = autodiff.Const(Bernoulli(tensor.Full(0.5, batch, in), rng))
	}
	c := tensor.RandUniform(rng, -1, 1, batch, out)
	run := func(mode LayerReset) (loss float32, gw *tensor.Tensor, spk []*autodiff.Var) {
		l.Reset = mode
		autodiff.ClearGrad(l.Params()...)
		tp := autodiff.NewTape()
		spk, mem := l.Forward(tp, xs)
		lv := weightedSum(tp, TimeSum(tp, mem), c)
		if err := tp.Backward(lv); err != nil {
			t.Fatal(err)
		}
		return lv.Value.Item(), l.W.Grad.Clone(), spk
	}
	ld, gd, spk := run(LayerResetDetached)
	lf, gf, _ := run(LayerResetSubtract)
	if ld != lf {
		t.Fatalf("loss %v detached, %v not: the forward pass must not depend on the mode", ld, lf)
	}
	if tensor.AllClose(gd, gf, 1e-6, 1e-6) {
		t.Fatal("detached and attached resets give the same gradient: the reset path is not in the graph")
	}
	// Manual unroll with the resets as constants.
	autodiff.ClearGrad(l.Params()...)
	tp := autodiff.NewTape()
	var v *autodiff.Var
	var mems []*autodiff.Var
	for s, x := range xs {
		u := tp.Linear(x, l.W, l.B)
		if v != nil {
			u = tp.Add(tp.MulScalar(v, l.Beta), u)
		}
		mems = append(mems, u)
		v = tp.Sub(u, autodiff.Const(tensor.FromSlice(spk[s].Value.Data(), batch, out)))
	}
	lc := weightedSum(tp, TimeSum(tp, mems), c)
	if err := tp.Backward(lc); err != nil {
		t.Fatal(err)
	}
	if lc.Value.Item() != ld || !tensor.Equal(l.W.Grad, gd) {
		t.Fatalf("detached reset: loss %v grad %v; constant resets: loss %v grad %v", ld, gd.Data(), lc.Value.Item(), l.W.Grad.Data())
	}
}

func TestLIFLayerErrors(t *testing.T) {
	rng := tensor.NewRNG(1, 0)
	for _, c := range []struct {
		in, out    int
		beta, gain float32
		want       string
	}{
		{0, 3, 0.9, 1, "sizes"},
		{3, 3, 1.5, 1, "beta"},
		{3, 3, float32(math.NaN()), 1, "beta"},
		{3, 3, 0.9, 0, "gain"},
	} {
		if _, err := NewLIFLayer(c.in, c.out, c.beta, c.gain, rng, "l"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewLIFLayer(%+v): %v, want an error about %s", c, err, c.want)
		}
		if _, err := NewLeakyReadout(c.in, c.out, c.beta, c.gain, rng, "r"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewLeakyReadout(%+v): %v, want an error about %s", c, err, c.want)
		}
	}
	if _, err := NewLIFLayer(2, 2, 0.9, 1, nil, "l"); err == nil {
		t.Error("nil rng accepted")
	}
	l, _ := NewLIFLayer(3, 2, 0.9, 1, rng, "l")
	if p := l.Params(); len(p) != 2 || p[0].Name != "l.weight" || p[1].Name != "l.bias" {
		t.Errorf("params %v", p)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "LIFLayer.Forward") {
			t.Errorf("bad input shape: recovered %v", r)
		}
	}()
	l.Forward(autodiff.NoGrad(), []*autodiff.Var{autodiff.Const(tensor.New(2, 4))})
}
