package spiking

import (
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestDenseDelays(t *testing.T) {
	w := tensor.FromSlice([]float32{1, 2, 3, 10, 20, 30}, 2, 3)
	// Per-synapse delays.
	d, err := NewDense(w, 1, 0, 1, 2, 2, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]float32
	spikes := []*tensor.Tensor{tensor.FromSlice([]float32{1, 1}, 1, 2), tensor.New(1, 2), tensor.New(1, 2), tensor.New(1, 2)}
	for _, s := range spikes {
		got = append(got, append([]float32(nil), d.Step(s).Data()...))
	}
	want := [][]float32{{1, 0, 30}, {0, 22, 0}, {10, 0, 3}, {0, 0, 0}}
	for k := range want {
		for j := range want[k] {
			if got[k][j] != want[k][j] {
				t.Fatalf("step %d: %v, want %v", k, got[k], want[k])
			}
		}
	}
	// One delay for all, batch of two.
	d2, _ := NewDense(w, 2, 3)
	s := tensor.FromSlice([]float32{1, 0, 0, 1}, 2, 2)
	for k := range 5 {
		out := d2.Step(s).Data()
		if k < 3 && out[0]+out[3] != 0 {
			t.Fatalf("step %d: current before the delay: %v", k, out)
		}
		if k >= 3 && (out[0] != 1 || out[5] != 30) {
			t.Fatalf("step %d: %v", k, out)
		}
	}
	d2.Reset()
	if out := d2.Step(tensor.New(2, 2)).Data(); out[0] != 0 {
		t.Error("Reset left spikes in flight")
	}
	if _, err := NewDense(w, 1, 1, 2); err == nil {
		t.Error("2 delays for 6 synapses accepted")
	}
	if _, err := NewDense(w, 1, -1); err == nil {
		t.Error("negative delay accepted")
	}
}

func TestSparseMatchesDense(t *testing.T) {
	rng := tensor.NewRNG(5, 6)
	const pre, post, batch = 30, 20, 2
	w := tensor.RandUniform(rng, -1, 1, pre, post)
	delays := make([]int, pre*post)
	var from, to, dl []int
	var ws []float32
	for i := range pre {
		for j := range post {
			delays[i*post+j] = rng.IntN(4)
			from, to = append(from, i), append(to, j)
			ws, dl = append(ws, w.At(i, j)), append(dl, delays[i*post+j])
		}
	}
	d, err := NewDense(w, batch, delays...)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := NewSparse(pre, post, batch, from, to, ws, dl)
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		s := Bernoulli(tensor.Full(0.2, batch, pre), rng)
		a, b := d.Step(s), sp.Step(s)
		if !tensor.Equal(a, b) {
			t.Fatal("sparse and dense synapses differ")
		}
	}
	if _, err := NewSparse(2, 2, 1, []int{0}, []int{5}, []float32{1}, nil); err == nil {
		t.Error("out-of-range target accepted")
	}
}

func TestMonitors(t *testing.T) {
	l, _ := NewLIF(2, 3, DefaultLIF(), 1)
	in := tensor.FromSlice([]float32{0, 20, 40, 0, 0, 100}, 2, 3)
	sm := NewSpikeMonitor(1)
	vm, err := NewStateMonitor(l.V, 1, 5)
	if err != nil {
		t.Fatal(err)
	}
	for k := range 100 {
		sm.Record(k, l.Step(in))
		vm.Record()
	}
	if len(sm.Times(0, 0)) != 0 || len(sm.Times(0, 1)) < 2 || !(len(sm.Times(1, 2)) > len(sm.Times(0, 2))) {
		t.Errorf("raster: %d, %d, %d, %d spikes", len(sm.Times(0, 0)), len(sm.Times(0, 1)), len(sm.Times(0, 2)), len(sm.Times(1, 2)))
	}
	if tr := vm.Trace(0); len(tr) != 100 || tr[99] != l.V.At(0, 1) {
		t.Errorf("trace length %d, last %v, V %v", len(tr), tr[len(tr)-1], l.V.At(0, 1))
	}
	if _, err := NewStateMonitor(l.V, 6); err == nil {
		t.Error("out-of-range index accepted")
	}
}
