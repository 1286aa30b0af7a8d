package autodiff

import (
	"math"
	"sync"
	"testing"

	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// recycleNet is a small conv net whose tensors are large enough to be
// recycled (tensor's pool ignores small ones), with the identity-like ops
// whose VJPs hand gy back unchanged or as a view (Add of a Var to itself,
// AddScalar, Reshape, BroadcastTo), a Custom op that returns gy, a
// CustomOwned op, and ops whose VJPs compute a gradient for a Const input
// (Mul, Sub).
type recycleNet struct{ w1, b1, w2, lw, lb *Var }

func newRecycleNet() *recycleNet {
	return &recycleNet{
		w1: Param(randn(1, 8, 3, 3, 3), "w1"),
		b1: Param(randn(2, 8), "b1"),
		w2: Param(randn(3, 8, 8, 3, 3), "w2"),
		lw: Param(randn(4, 5, 8), "lw"),
		lb: Param(randn(5, 5), "lb"),
	}
}

func (m *recycleNet) params() []*Var { return []*Var{m.w1, m.b1, m.w2, m.lw, m.lb} }

func (m *recycleNet) forward(tp *Tape, x *Var) *Var {
	p := ops.Conv2dParams{PadH: 1, PadW: 1}
	h := tp.ReLU(tp.Conv2d(x, m.w1, m.b1, p))
	h = tp.Add(h, h)
	h = tp.Custom("Identity", h.Value.Clone(), func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{gy}
	}, h)
	h = tp.MaxPool2d(tp.AddScalar(h, -0.25), ops.Pool2dParams{KH: 2, KW: 2})
	h = tp.ReLU(tp.AddScalar(tp.AddScalar(tp.Conv2d(h, m.w2, nil, p), 0.5), -0.5)) // an owned gy handed on twice
	c := Const(randn(7, h.Value.Shape()...))
	h = tp.Sub(tp.Mul(h, c), c) // gradients computed for a Const, and recycled at once
	sq := h.Value.Clone()
	for i, v := range sq.Data() {
		sq.Data()[i] = v * v
	}
	hv := h.Value
	h = tp.CustomOwned("Square", sq, func(gy *tensor.Tensor) []*tensor.Tensor { // value and gradient recycled
		g := gy.Clone()
		for i, v := range hv.Data() {
			g.Data()[i] *= 2 * v
		}
		return []*tensor.Tensor{g}
	}, h)
	h = tp.Reshape(tp.Mul(h, tp.BroadcastTo(tp.Reshape(m.b1, 1, 8, 1, 1), h.Value.Shape()...)), h.Value.Shape()...)
	return tp.Linear(tp.GlobalAvgPool2d(h), m.lw, m.lb)
}

// trainRecycleNet runs steps of SGD on recycleNet and returns the losses
// and the final parameters.
func trainRecycleNet(t *testing.T, recycle bool, steps int) ([]float32, []*tensor.Tensor) {
	t.Helper()
	m := newRecycleNet()
	x := Const(randn(6, 6, 3, 32, 32))
	labels := []int{0, 1, 2, 3, 4, 0}
	var losses []float32
	for s := 0; s < steps; s++ {
		ZeroGrad(m.params()...)
		tp := NewTape()
		tp.Recycle = recycle
		logits := tp.forward(m, x)
		loss := tp.CrossEntropy(logits, labels)
		if err := tp.Backward(loss); err != nil {
			t.Fatal(err)
		}
		losses = append(losses, loss.Value.Item())
		for _, p := range m.params() {
			pd, gd := p.Value.Data(), p.Grad.Data()
			for i := range pd {
				pd[i] -= float32(0.01 * gd[i])
			}
		}
		tp.Release(logits)
		if logits.Value.Size() != 30 {
			t.Fatalf("Release emptied a kept value (size %d)", logits.Value.Size())
		}
	}
	var ps []*tensor.Tensor
	for _, p := range m.params() {
		ps = append(ps, p.Value)
	}
	return losses, ps
}

func (tp *Tape) forward(m *recycleNet, x *Var) *Var { return m.forward(tp, x) }

// TestRecycleSameBits checks that recycling, with every recycled and
// uninitialised buffer poisoned with NaN, changes no bit of training: no
// op reads stale storage and Backward never recycles a gradient it does
// not own.
func TestRecycleSameBits(t *testing.T) {
	want, wantP := trainRecycleNet(t, false, 3)
	defer tensor.SetDebugPoison(tensor.SetDebugPoison(true))
	got, gotP := trainRecycleNet(t, true, 3)
	for i := range want {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) || math.IsNaN(float64(got[i])) {
			t.Fatalf("step %d: loss %v with recycling, %v without", i, got[i], want[i])
		}
	}
	for i := range wantP {
		if !tensor.Equal(gotP[i], wantP[i]) {
			t.Fatalf("parameter %d differs with recycling", i)
		}
	}
}

// TestRecycleLeavesUserTensors checks that neither Backward nor Release
// recycles a tensor that user code holds: the gradient a Custom VJP
// returns (also when an identity-like VJP passes it on), a Custom value, a
// Const input and a leaf's gradient.
func TestRecycleLeavesUserTensors(t *testing.T) {
	defer tensor.SetDebugPoison(tensor.SetDebugPoison(true))
	const n = 3 * 8192
	userGrad := tensor.Full(2, n)
	userValue := tensor.Full(3, n)
	in := Const(tensor.Full(1, n))
	w := Param(tensor.Full(0.5, n), "w")
	tp := NewTape()
	tp.Recycle = true
	h := tp.AddScalar(tp.Mul(in, w), 1) // its VJP hands userGrad on as is
	c := tp.Custom("Keep", userValue, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{userGrad}
	}, h)
	loss := tp.Sum(tp.Mul(c, c), nil, false)
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	tp.Release()
	for name, x := range map[string]*tensor.Tensor{"Custom gradient": userGrad, "Custom value": userValue,
		"Const": in.Value, "w.Grad": w.Grad, "w": w.Value} {
		if x.Size() != n || math.IsNaN(float64(x.Data()[n-1])) {
			t.Errorf("%s was recycled", name)
		}
	}
	if h.Value.Size() != 0 {
		t.Error("Release left an op value")
	}
}

// TestRecycleConcurrentInference runs NoGrad forward passes with Recycle on
// several goroutines at once and checks each against a serial pass.
func TestRecycleConcurrentInference(t *testing.T) {
	m := newRecycleNet()
	x := Const(randn(7, 2, 3, 32, 32))
	want := NoGrad().forward(m, x).Value
	defer tensor.SetDebugPoison(tensor.SetDebugPoison(true))
	var wg sync.WaitGroup
	bad := make(chan int, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				tp := NoGrad()
				tp.Recycle = true
				y := tp.forward(m, x)
				ok := tensor.Equal(y.Value, want)
				tp.Release()
				if !ok {
					bad <- i
					return
				}
			}
		}()
	}
	wg.Wait()
	close(bad)
	for i := range bad {
		t.Fatalf("pass %d of a goroutine differs from the serial pass", i)
	}
}
