package spiking

import (
	"fmt"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// Synapses carry spikes of a presynaptic population to the input current
// of a postsynaptic one, each synapse with a weight and an integer delay
// in steps. A spike sent at step t through a synapse of delay d adds its
// weight (times the spike's value) to the current delivered at step t+d;
// delay 0 delivers in the same step.
//
// Contributions are added in a fixed order (presynaptic neuron ascending,
// then synapse order), so results do not depend on the thread count.
type Synapses interface {
	// Step takes the presynaptic spikes of this step ([batch, pre]) and
	// returns the current delivered to the postsynaptic neurons now
	// ([batch, post], reused by the next call).
	Step(pre *tensor.Tensor) *tensor.Tensor
	// Reset drops every spike in flight.
	Reset()
}

// ring is the delay line: slot (t mod len) accumulates what arrives at t.
type ring struct {
	slots []*tensor.Tensor
	t     int
}

func newRing(maxDelay, batch, post int) ring {
	r := ring{slots: make([]*tensor.Tensor, maxDelay+1)}
	for i := range r.slots {
		r.slots[i] = tensor.New(batch, post)
	}
	return r
}

func (r *ring) slot(d int) []float32 { return r.slots[(r.t+d)%len(r.slots)].Data() }

// pop returns the slot for now, to be read and then cleared on the next
// advance, and moves time forward.
func (r *ring) pop(out *tensor.Tensor) {
	cur := r.slots[r.t%len(r.slots)]
	copy(out.Data(), cur.Data())
	cur.Zero()
	r.t++
}

func (r *ring) reset() {
	for _, s := range r.slots {
		s.Zero()
	}
	r.t = 0
}

// Dense is an all-to-all synapse matrix W [pre, post] with per-synapse
// delays (or one delay for all).
type Dense struct {
	W     *tensor.Tensor // [pre, post]; may be changed between steps (plasticity)
	delay []int32        // [pre*post], nil when all equal d0
	d0    int
	batch int
	r     ring
	out   *tensor.Tensor
}

// NewDense returns dense synapses with weights w [pre, post] for a batch of
// the given size. delays holds one delay in steps per synapse (row-major
// like w) or a single delay for all; empty means 0.
func NewDense(w *tensor.Tensor, batch int, delays ...int) (*Dense, error) {
	if w.Dims() != 2 || batch <= 0 {
		return nil, fmt.Errorf("spiking: Dense: weights shape %v, batch %d: want [pre, post] and batch > 0", w.Shape(), batch)
	}
	pre, post := w.Dim(0), w.Dim(1)
	d := &Dense{W: w, batch: batch, out: tensor.New(batch, post)}
	maxD := 0
	switch len(delays) {
	case 0:
	case 1:
		d.d0 = delays[0]
		maxD = delays[0]
	case pre * post:
		d.delay = make([]int32, len(delays))
		for i, x := range delays {
			d.delay[i] = int32(x)
			maxD = max(maxD, x)
		}
	default:
		return nil, fmt.Errorf("spiking: Dense: %d delays for %d x %d synapses", len(delays), pre, post)
	}
	for _, x := range delays {
		if x < 0 || x > 1<<20 {
			return nil, fmt.Errorf("spiking: Dense: delay %d steps out of range [0, 2^20]", x)
		}
	}
	d.r = newRing(maxD, batch, post)
	return d, nil
}

// Step delivers this step's current; see Synapses.
func (d *Dense) Step(pre *tensor.Tensor) *tensor.Tensor {
	np, npost := d.W.Dim(0), d.W.Dim(1)
	if pre.Size() != d.batch*np {
		panic(fmt.Sprintf("spiking: Dense.Step: spikes shape %v, want [%d, %d]", pre.Shape(), d.batch, np))
	}
	w, s := d.W.Data(), pre.Data()
	for b := range d.batch {
		row := s[b*np : (b+1)*np]
		for i, x := range row {
			if x == 0 {
				continue
			}
			wr := w[i*npost : (i+1)*npost]
			if d.delay == nil {
				simd.Axpy(x, wr, d.r.slot(d.d0)[b*npost:(b+1)*npost])
				continue
			}
			dl := d.delay[i*npost : (i+1)*npost]
			for j, wij := range wr {
				dst := d.r.slot(int(dl[j]))
				dst[b*npost+j] = simd.FMA32(x, wij, dst[b*npost+j])
			}
		}
	}
	d.r.pop(d.out)
	return d.out
}

// Reset drops the spikes in flight.
func (d *Dense) Reset() { d.r.reset() }

// Sparse is a list of synapses in compressed-row form: the synapses of
// presynaptic neuron i are entries start[i] to start[i+1]-1 of Post,
// Weight and Delay.
type Sparse struct {
	Start  []int32
	Post   []int32
	Weight []float32 // may be changed between steps (plasticity)
	Delay  []int32
	pre    int
	post   int
	batch  int
	r      ring
	out    *tensor.Tensor
}

// NewSparse builds sparse synapses from parallel lists (presynaptic index,
// postsynaptic index, weight, delay in steps; delays may be nil for 0).
// Synapses keep their given order within each presynaptic neuron.
func NewSparse(pre, post, batch int, from, to []int, weight []float32, delay []int) (*Sparse, error) {
	n := len(from)
	if len(to) != n || len(weight) != n || (delay != nil && len(delay) != n) {
		return nil, fmt.Errorf("spiking: Sparse: lists of lengths %d, %d, %d, %d differ", len(from), len(to), len(weight), len(delay))
	}
	if pre <= 0 || post <= 0 || batch <= 0 {
		return nil, fmt.Errorf("spiking: Sparse: need pre, post, batch > 0, got %d, %d, %d", pre, post, batch)
	}
	sp := &Sparse{Start: make([]int32, pre+1), Post: make([]int32, n), Weight: make([]float32, n), Delay: make([]int32, n),
		pre: pre, post: post, batch: batch, out: tensor.New(batch, post)}
	maxD := 0
	for k := range n {
		if from[k] < 0 || from[k] >= pre || to[k] < 0 || to[k] >= post {
			return nil, fmt.Errorf("spiking: Sparse: synapse %d connects %d -> %d, outside [%d] -> [%d]", k, from[k], to[k], pre, post)
		}
		if delay != nil && (delay[k] < 0 || delay[k] > 1<<20) {
			return nil, fmt.Errorf("spiking: Sparse: synapse %d has delay %d steps, outside [0, 2^20]", k, delay[k])
		}
		sp.Start[from[k]+1]++
	}
	for i := range pre {
		sp.Start[i+1] += sp.Start[i]
	}
	next := append([]int32(nil), sp.Start[:pre]...)
	for k := range n {
		p := next[from[k]]
		next[from[k]]++
		sp.Post[p], sp.Weight[p] = int32(to[k]), weight[k]
		if delay != nil {
			sp.Delay[p] = int32(delay[k])
			maxD = max(maxD, delay[k])
		}
	}
	sp.r = newRing(maxD, batch, post)
	return sp, nil
}

// Step delivers this step's current; see Synapses.
func (sp *Sparse) Step(pre *tensor.Tensor) *tensor.Tensor {
	if pre.Size() != sp.batch*sp.pre {
		panic(fmt.Sprintf("spiking: Sparse.Step: spikes shape %v, want [%d, %d]", pre.Shape(), sp.batch, sp.pre))
	}
	s := pre.Data()
	for b := range sp.batch {
		for i, x := range s[b*sp.pre : (b+1)*sp.pre] {
			if x == 0 {
				continue
			}
			for k := sp.Start[i]; k < sp.Start[i+1]; k++ {
				dst := sp.r.slot(int(sp.Delay[k]))
				j := b*sp.post + int(sp.Post[k])
				dst[j] = simd.FMA32(x, sp.Weight[k], dst[j])
			}
		}
	}
	sp.r.pop(sp.out)
	return sp.out
}

// Reset drops the spikes in flight.
func (sp *Sparse) Reset() { sp.r.reset() }

// Len returns the number of synapses.
func (sp *Sparse) Len() int { return len(sp.Post) }
