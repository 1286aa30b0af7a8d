package spiking

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/tensor"
)

// rateXOR is a toy task that a linear readout of the inputs cannot solve:
// two groups of input channels each fire at a low or a high Bernoulli rate
// per step, and the label is 1 when exactly one group is high (XOR of the
// rates). Deciding it needs the hidden layer's non-linearity and
// integration over time (a single step carries a few noisy spikes).
type rateXOR struct {
	group  int     // channels per group
	steps  int     // T
	lo, hi float32 // spike probability per step
}

// sample draws n examples: one [n, 2*group] spike tensor per step, and the
// labels.
func (d rateXOR) sample(rng *rand.Rand, n int) ([]*autodiff.Var, []int) {
	p := tensor.New(n, 2*d.group)
	labels := make([]int, n)
	for i := range n {
		a, b := rng.IntN(2), rng.IntN(2)
		labels[i] = a ^ b
		for j := range 2 * d.group {
			hi := a
			if j >= d.group {
				hi = b
			}
			if hi == 1 {
				p.Set(d.hi, i, j)
			} else {
				p.Set(d.lo, i, j)
			}
		}
	}
	xs := make([]*autodiff.Var, d.steps)
	for t := range xs {
		xs[t] = autodiff.Const(Bernoulli(p, rng))
	}
	return xs, labels
}

// snn is a two-layer spiking network: LIF hidden layer, leaky readout whose
// time-averaged membrane gives the logits.
type snn struct {
	hidden *LIFLayer
	out    *LeakyReadout
}

func newSNN(in, hid, classes int, seed uint64) *snn {
	rng := tensor.NewRNG(seed, 0)
	h, err := NewLIFLayer(in, hid, 0.9, 2, rng, "hidden")
	if err != nil {
		panic(err)
	}
	o, err := NewLeakyReadout(hid, classes, 0.9, 1, rng, "out")
	if err != nil {
		panic(err)
	}
	return &snn{h, o}
}

func (m *snn) params() []*autodiff.Var { return append(m.hidden.Params(), m.out.Params()...) }

func (m *snn) logits(tp *autodiff.Tape, xs []*autodiff.Var) *autodiff.Var {
	spk, _ := m.hidden.Forward(tp, xs)
	return TimeMean(tp, m.out.Forward(tp, spk))
}

func accuracy(logits *tensor.Tensor, labels []int) float64 {
	right := 0
	for i, l := range labels {
		best := 0
		for c := 1; c < logits.Dim(1); c++ {
			if logits.At(i, c) > logits.At(i, best) {
				best = c
			}
		}
		if best == l {
			right++
		}
	}
	return float64(right) / float64(len(labels))
}

// trainXOR trains a fresh network with Adam on fresh batches for iters
// steps and returns it with the loss of every step. With frozenHidden only
// the readout learns (the control: random spiking features).
func trainXOR(d rateXOR, iters, batch int, seed uint64, frozenHidden bool) (*snn, []float32) {
	m := newSNN(2*d.group, 32, 2, seed)
	params := m.params()
	if frozenHidden {
		params = m.out.Params()
	}
	opt := nn.NewAdam(params, 0.01)
	data := tensor.NewRNG(seed, 1)
	losses := make([]float32, iters)
	for it := range iters {
		xs, labels := d.sample(data, batch)
		opt.ZeroGrad()
		tp := autodiff.NewTape()
		loss := tp.CrossEntropy(m.logits(tp, xs), labels)
		if err := tp.Backward(loss); err != nil {
			panic(err)
		}
		opt.Step()
		losses[it] = loss.Value.Item()
	}
	return m, losses
}

func meanOf(x []float32) float64 {
	s := 0.0
	for _, v := range x {
		s += float64(v)
	}
	return s / float64(len(x))
}

// xorTask: 8 channels per group, 16 steps, 10% or 30% spike probability
// per step; the Bayes error is about 2%.
var xorTask = rateXOR{group: 8, steps: 16, lo: 0.1, hi: 0.3}

// TestBPTTLearnsRateXOR trains a spiking network through time with
// surrogate gradients: the loss must fall and held-out accuracy reach 90%,
// where the untrained network is at chance and training the readout alone
// on the hidden layer's random spiking features stays below 90%, so the
// gradient must reach the hidden weights through the spikes.
func TestBPTTLearnsRateXOR(t *testing.T) {
	const iters = 300
	seeds := []uint64{7}
	if !testing.Short() {
		seeds = []uint64{7, 8, 9}
	}
	xs, labels := xorTask.sample(tensor.NewRNG(99, 2), 500)
	for _, seed := range seeds {
		m, losses := trainXOR(xorTask, iters, 32, seed, false)
		first, last := meanOf(losses[:10]), meanOf(losses[len(losses)-10:])
		if !(last < 0.5*first) {
			t.Errorf("seed %d: loss %.4f over the first 10 steps, %.4f over the last 10: did not halve", seed, first, last)
		}
		acc := accuracy(m.logits(autodiff.NoGrad(), xs).Value, labels)
		t.Logf("seed %d, %d steps: loss %.4f -> %.4f, held-out accuracy %.3f", seed, iters, first, last, acc)
		if acc < 0.9 {
			t.Errorf("seed %d: held-out accuracy %.3f < 0.90", seed, acc)
		}
		m0 := newSNN(2*xorTask.group, 32, 2, seed)
		if acc0 := accuracy(m0.logits(autodiff.NoGrad(), xs).Value, labels); acc0 > 0.65 {
			t.Errorf("seed %d: untrained accuracy %.3f: the task is too easy to show learning", seed, acc0)
		}
		mf, _ := trainXOR(xorTask, iters, 32, seed, true)
		accf := accuracy(mf.logits(autodiff.NoGrad(), xs).Value, labels)
		t.Logf("seed %d: readout alone %.3f", seed, accf)
		if accf >= 0.9 {
			t.Errorf("seed %d: readout alone reaches %.3f: the task does not need the hidden layer to learn", seed, accf)
		}
	}
}

// TestBPTTDeterministicAcrossThreads trains the same network under
// GOMAXPROCS 1 and 2 and requires the same weights, bit for bit.
func TestBPTTDeterministicAcrossThreads(t *testing.T) {
	d := rateXOR{group: 8, steps: 12, lo: 0.1, hi: 0.3}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	m1, l1 := trainXOR(d, 20, 32, 11, false)
	runtime.GOMAXPROCS(2)
	m2, l2 := trainXOR(d, 20, 32, 11, false)
	for i := range l1 {
		if math.Float32bits(l1[i]) != math.Float32bits(l2[i]) {
			t.Fatalf("step %d: loss %v with 1 thread, %v with 2", i, l1[i], l2[i])
		}
	}
	p1, p2 := m1.params(), m2.params()
	for i := range p1 {
		if !tensor.Equal(p1[i].Value, p2[i].Value) {
			t.Errorf("%s differs between 1 and 2 threads", p1[i].Name)
		}
	}
}
