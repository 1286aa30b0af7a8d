package nn

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

func TestLinearForward(t *testing.T) {
	rng := tensor.NewRNG(1, 0)
	l := NewLinear(rng, "fc1", 4, 3, true)
	if l.Weight.Name != "fc1.weight" || l.Bias.Name != "fc1.bias" {
		t.Fatalf("names %q %q", l.Weight.Name, l.Bias.Name)
	}
	bound := float32(0.5) // 1/sqrt(4)
	for _, v := range append(l.Weight.Value.Data(), l.Bias.Value.Data()...) {
		if v < -bound || v >= bound {
			t.Fatalf("init value %v outside ±%v", v, bound)
		}
	}
	x := tensor.RandNormal(tensor.NewRNG(2, 0), 0, 1, 2, 4)
	y := l.Forward(autodiff.NoGrad(), autodiff.Const(x)).Value
	for n := 0; n < 2; n++ {
		for o := 0; o < 3; o++ {
			want := float64(l.Bias.Value.At(o))
			for i := 0; i < 4; i++ {
				want += float64(x.At(n, i)) * float64(l.Weight.Value.At(o, i))
			}
			if d := math.Abs(float64(y.At(n, o)) - want); d > 1e-5 {
				t.Errorf("y[%d,%d] = %v, want %v", n, o, y.At(n, o), want)
			}
		}
	}
	if nb := NewLinear(rng, "fc2", 4, 3, false); len(nb.Params()) != 1 {
		t.Error("Linear without bias has a bias parameter")
	}
}

func TestSequentialParamsAndModes(t *testing.T) {
	rng := tensor.NewRNG(3, 0)
	drop := NewDropout(0.5, tensor.NewRNG(4, 0))
	bn := NewBatchNorm("bn1", 8)
	m := NewSequential(NewLinear(rng, "fc1", 5, 8, true), bn, ReLU{}, drop, NewLayerNorm("ln", 8), NewLinear(rng, "fc2", 8, 2, true))
	var names []string
	for _, p := range m.Params() {
		names = append(names, p.Name)
	}
	want := "fc1.weight fc1.bias bn1.weight bn1.bias ln.weight ln.bias fc2.weight fc2.bias"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("params %q, want %q", got, want)
	}
	bufs := m.Buffers()
	if len(bufs) != 2 || bufs[0].Name != "bn1.running_mean" || bufs[1].Name != "bn1.running_var" {
		t.Errorf("buffers %v", bufs)
	}
	if NumParams(m) != 5*8+8+8+8+8+8+8*2+2 {
		t.Errorf("NumParams = %d", NumParams(m))
	}
	x := autodiff.Const(tensor.RandNormal(tensor.NewRNG(5, 0), 0, 1, 6, 5))
	m.SetTraining(false)
	a := m.Forward(autodiff.NoGrad(), x).Value
	b := m.Forward(autodiff.NoGrad(), x).Value
	if !tensor.Equal(a, b) {
		t.Error("evaluation mode is not deterministic (dropout or batch statistics active)")
	}
	if !tensor.Equal(bn.RunningMean, tensor.New(8)) {
		t.Error("evaluation updated the running mean")
	}
	m.SetTraining(true)
	c := m.Forward(autodiff.NoGrad(), x).Value
	if tensor.Equal(a, c) {
		t.Error("training mode gives the evaluation output")
	}
	if tensor.Equal(bn.RunningMean, tensor.New(8)) {
		t.Error("training did not update the running mean")
	}
}

func TestSequentialNamesTheLayerThatMadeANaN(t *testing.T) {
	rng := tensor.NewRNG(6, 0)
	fc2 := NewLinear(rng, "fc2", 4, 3, true)
	m := NewSequential(NewLinear(rng, "fc1", 3, 4, true), Tanh{}, fc2, ReLU{})
	fc2.Weight.Value.Data()[5] = float32(math.Inf(1))
	tp := autodiff.NewTape()
	tp.CheckFinite = true
	x := autodiff.Const(tensor.RandNormal(tensor.NewRNG(7, 0), 0, 1, 2, 3))
	m.Forward(tp, x)
	var nf *autodiff.NonFiniteError
	if err := tp.Err(); !errors.As(err, &nf) || nf.Scope != "fc2" || nf.BadInputName != "fc2.weight" {
		t.Fatalf("error %v, want one blaming layer fc2 and its weight", err)
	}
}

func TestTrainMLP(t *testing.T) {
	// Two interleaved classes a linear model cannot separate well; an MLP
	// trained with Adam must reach a low loss.
	rng := tensor.NewRNG(8, 0)
	n := 64
	x := tensor.New(n, 2)
	labels := make([]int, n)
	for i := 0; i < n; i++ {
		a, b := rng.Float32()*2-1, rng.Float32()*2-1
		x.Set(a, i, 0)
		x.Set(b, i, 1)
		if a*b > 0 {
			labels[i] = 1
		}
	}
	m := NewSequential(NewLinear(rng, "fc1", 2, 16, true), Tanh{}, NewLinear(rng, "fc2", 16, 2, true))
	opt := NewAdam(m.Params(), 0.05)
	var first, last float32
	for step := 0; step < 150; step++ {
		tp := autodiff.NewTape()
		loss, err := CrossEntropyLoss(tp, m.Forward(tp, autodiff.Const(x)), labels)
		if err != nil {
			t.Fatal(err)
		}
		opt.ZeroGrad()
		if err := tp.Backward(loss); err != nil {
			t.Fatal(err)
		}
		opt.Step()
		if step == 0 {
			first = loss.Value.Item()
		}
		last = loss.Value.Item()
	}
	if !(last < 0.25*first) || last > 0.2 {
		t.Fatalf("loss went from %v to %v", first, last)
	}
	if acc := Accuracy(m.Forward(autodiff.NoGrad(), autodiff.Const(x)), labels); acc < 0.95 {
		t.Errorf("training accuracy %v", acc)
	}
}

func TestLossChecks(t *testing.T) {
	tp := autodiff.NewTape()
	logits := autodiff.Const(tensor.New(2, 3))
	if _, err := CrossEntropyLoss(tp, logits, []int{0, 3}); err == nil || !strings.Contains(err.Error(), "label 3 of sample 1") {
		t.Errorf("bad label: %v", err)
	}
	if _, err := CrossEntropyLoss(tp, logits, []int{0}); err == nil {
		t.Error("wrong label count accepted")
	}
	if _, err := MSELoss(tp, logits, autodiff.Const(tensor.New(3, 2))); err == nil {
		t.Error("MSELoss accepted different shapes")
	}
	if l, err := MSELoss(tp, logits, autodiff.Const(tensor.Ones(2, 3))); err != nil || l.Value.Item() != 1 {
		t.Errorf("MSELoss = %v, %v", l, err)
	}
}
