package autodiff

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// square is a Custom op used to test the tape itself: y = x*x, with a
// deliberately scaled VJP when scale != 2.
func square(tp *Tape, x *Var, scale float32) *Var {
	y := ops.Mul(x.Value, x.Value)
	return tp.Custom("Square", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.Mul(gy, ops.MulScalar(x.Value, scale))}
	}, x)
}

func TestGradCheckCatchesWrongGradient(t *testing.T) {
	x := []*tensor.Tensor{randn(1, 2, 3)}
	good := func(tp *Tape, v []*Var) *Var { return project(tp, square(tp, v[0], 2)) }
	if err := GradCheck(good, x, 1e-2, 1e-2); err != nil {
		t.Fatalf("correct VJP rejected: %v", err)
	}
	bad := func(tp *Tape, v []*Var) *Var { return project(tp, square(tp, v[0], 2.1)) }
	err := GradCheck(bad, x, 1e-2, 1e-2)
	if err == nil || !strings.Contains(err.Error(), "input 0") || !strings.Contains(err.Error(), "element [") {
		t.Fatalf("wrong VJP: error %v, want one naming input 0 and an element", err)
	}
	nondet := 0
	flaky := func(tp *Tape, v []*Var) *Var {
		nondet++
		return tp.MulScalar(tp.Sum(v[0], nil, false), float32(nondet))
	}
	if err := GradCheck(flaky, x, 1e-2, 1e-2); err == nil || !strings.Contains(err.Error(), "deterministic") {
		t.Errorf("non-deterministic f: error %v", err)
	}
}

func TestBackwardAccumulatesAcrossCalls(t *testing.T) {
	w := Param(tensor.FromSlice([]float32{1, 2, 3}, 3), "w")
	for i := 0; i < 2; i++ {
		tp := NewTape()
		loss := tp.Sum(tp.Mul(w, w), nil, false)
		if err := tp.Backward(loss); err != nil {
			t.Fatal(err)
		}
	}
	want := []float32{4, 8, 12} // 2 * 2w
	for i, g := range w.Grad.Data() {
		if g != want[i] {
			t.Fatalf("Grad = %v, want %v", w.Grad.Data(), want)
		}
	}
	ZeroGrad(w)
	if w.Grad == nil || w.Grad.Data()[2] != 0 {
		t.Fatalf("ZeroGrad left %v", w.Grad)
	}
	ClearGrad(w)
	if w.Grad != nil {
		t.Fatal("ClearGrad kept the gradient")
	}
}

func TestBackwardDeterministic(t *testing.T) {
	// A graph with many paths into the same leaf: the gradient bits must
	// not change between runs.
	x := randn(3, 64)
	run := func() *tensor.Tensor {
		w := Param(x.Clone(), "w")
		tp := NewTape()
		acc := tp.MulScalar(w, 0.1)
		for i := 0; i < 20; i++ {
			acc = tp.Add(tp.Mul(acc, tp.Tanh(w)), tp.MulScalar(w, float32(i)*0.01))
		}
		if err := tp.Backward(tp.Sum(acc, nil, false)); err != nil {
			t.Fatal(err)
		}
		return w.Grad
	}
	a, b := run(), run()
	if !tensor.Equal(a, b) {
		t.Fatal("two identical runs gave different gradient bits")
	}
}

func TestKeepGraphAndRelease(t *testing.T) {
	w := Param(tensor.FromSlice([]float32{3}, 1), "w")
	tp := NewTape()
	tp.KeepGraph = true
	loss := tp.Sum(tp.Mul(w, w), nil, false)
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	if err := tp.Backward(loss); err != nil {
		t.Fatalf("second Backward with KeepGraph: %v", err)
	}
	if g := w.Grad.Data()[0]; g != 12 {
		t.Fatalf("Grad after two passes = %v, want 12", g)
	}
	tp.KeepGraph = false
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	if tp.Len() != 0 {
		t.Fatalf("graph of %d ops kept after Backward", tp.Len())
	}
	if err := tp.Backward(loss); err == nil || !strings.Contains(err.Error(), "released") {
		t.Fatalf("Backward on a released graph: %v", err)
	}
	// The tape can record again.
	loss2 := tp.Sum(w, nil, false)
	if err := tp.Backward(loss2); err != nil {
		t.Fatal(err)
	}
}

func TestBackwardErrors(t *testing.T) {
	w := Param(randn(1, 2, 2), "w")
	tp := NewTape()
	if err := tp.Backward(tp.Mul(w, w)); err == nil || !strings.Contains(err.Error(), "one element") {
		t.Errorf("non-scalar loss: %v", err)
	}
	c := Const(tensor.Scalar(1))
	if err := NewTape().Backward(NewTape().Exp(c)); err == nil {
		t.Error("loss without Params accepted")
	}
	if err := NoGrad().Backward(w); err == nil {
		t.Error("Backward on a NoGrad tape accepted")
	}
	// Another tape's loss.
	other := NewTape()
	l := other.Sum(w, nil, false)
	if err := tp.Backward(l); err == nil {
		t.Error("loss from another tape accepted")
	}

	// A VJP returning the wrong shape is caught before accumulation and
	// named by op and scope.
	tp = NewTape()
	end := tp.Scope("block1")
	y := tp.Custom("Broken", w.Value.Clone(), func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{tensor.New(3)}
	}, w)
	end()
	err := tp.Backward(tp.Sum(y, nil, false))
	if err == nil || !strings.Contains(err.Error(), "Broken [block1]") || !strings.Contains(err.Error(), "[3]") {
		t.Errorf("shape mismatch: %v", err)
	}
	// A panicking VJP becomes an error naming the op.
	tp = NewTape()
	y = tp.Custom("Panics", w.Value.Clone(), func(gy *tensor.Tensor) []*tensor.Tensor { panic("boom") }, w)
	if err := tp.Backward(tp.Sum(y, nil, false)); err == nil || !strings.Contains(err.Error(), "Panics") || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panicking VJP: %v", err)
	}
	// A Grad of the wrong shape on a leaf is an error, not a panic.
	w.Grad = tensor.New(5)
	tp = NewTape()
	if err := tp.Backward(tp.Sum(w, nil, false)); err == nil || !strings.Contains(err.Error(), "Grad of shape") {
		t.Errorf("bad leaf Grad: %v", err)
	}
}

func TestCheckFinite(t *testing.T) {
	x := Param(tensor.FromSlice([]float32{1, -1, 2}, 3), "x")
	tp := NewTape()
	tp.CheckFinite = true
	a := tp.MulScalar(x, 2)
	end := tp.Scope("v1")
	end2 := tp.Scope("log")
	b := tp.Log(a) // NaN at element 1
	end2()
	end()
	c := tp.Exp(b)
	loss := tp.Sum(c, nil, false)
	var nf *NonFiniteError
	if err := tp.Err(); !errors.As(err, &nf) {
		t.Fatalf("Err() = %v, want a NonFiniteError", err)
	}
	if nf.Op != "Log" || nf.Scope != "v1/log" || nf.Seq != 1 || nf.Index != 1 || nf.BadInput != -1 || nf.Backward {
		t.Errorf("error %+v, want op #1 Log [v1/log] element 1 with finite inputs", nf)
	}
	if !strings.Contains(nf.Error(), "op #1 Log [v1/log]") || !strings.Contains(nf.Error(), "inputs were finite") {
		t.Errorf("message %q", nf.Error())
	}
	if err := tp.Backward(loss); !errors.As(err, &nf) {
		t.Errorf("Backward returned %v, want the forward NonFiniteError", err)
	}

	// A NaN parameter is blamed on the first op that reads it, which says so.
	p := Param(tensor.FromSlice([]float32{float32(math.NaN())}, 1), "conv1.weight")
	tp = NoGrad()
	tp.CheckFinite = true
	tp.ReLU(tp.AddScalar(p, 1))
	if err := tp.Err(); !errors.As(err, &nf) || nf.Seq != 0 || nf.BadInputName != "conv1.weight" {
		t.Errorf("NaN parameter: %v", err)
	}

	// Backward: finite forward, infinite gradient (sqrt at 0).
	z := Param(tensor.FromSlice([]float32{0, 4}, 2), "z")
	tp = NewTape()
	tp.CheckFinite = true
	err := tp.Backward(tp.Sum(tp.Sqrt(z), nil, false))
	if !errors.As(err, &nf) || !nf.Backward || nf.Op != "Sqrt" || nf.Index != 0 {
		t.Errorf("backward Inf: %v", err)
	}
}

func TestNoGrad(t *testing.T) {
	w := Param(randn(4, 3, 3), "w")
	tp := NoGrad()
	y := tp.Sum(tp.Mul(w, w), nil, false)
	if y.RequiresGrad() || !y.IsLeaf() || tp.Len() != 0 || tp.Recording() {
		t.Fatal("NoGrad recorded something")
	}
	// Same forward bits as a recording tape.
	y2 := NewTape().Sum(NewTape().Mul(w, w), nil, false)
	if !tensor.Equal(y.Value, y2.Value) {
		t.Fatal("NoGrad forward differs")
	}
	// Many goroutines on shared read-only parameters.
	want := y.Value.Item()
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				tp := NoGrad()
				if v := tp.Sum(tp.Mul(w, tp.Tanh(w)), nil, false).Value.Item(); i == 0 {
					_ = v
				}
				if got := tp.Sum(tp.Mul(w, w), nil, false).Value.Item(); got != want {
					errs <- "concurrent NoGrad forward differs"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
	if w.Grad != nil {
		t.Fatal("NoGrad wrote a gradient")
	}
}

func TestFrozenParam(t *testing.T) {
	w := Param(randn(5, 2), "w")
	b := Param(randn(6, 2), "b")
	b.SetRequiresGrad(false)
	tp := NewTape()
	if err := tp.Backward(tp.Sum(tp.Mul(w, b), nil, false)); err != nil {
		t.Fatal(err)
	}
	if b.Grad != nil || w.Grad == nil {
		t.Fatalf("frozen param got a gradient (%v) or the other did not (%v)", b.Grad, w.Grad)
	}
	// Ops on frozen inputs only are not recorded at all.
	tp = NewTape()
	tp.Exp(b)
	if tp.Len() != 0 {
		t.Fatal("op on a frozen input was recorded")
	}
}
