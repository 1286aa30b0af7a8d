package spiking

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func adexTrain(t *testing.T, p AdExParams, current float32, dur float32) []float32 {
	t.Helper()
	const dt = 0.05
	m, err := NewAdEx(1, 1, p, dt)
	if err != nil {
		t.Fatal(err)
	}
	in := tensor.Full(current, 1, 1)
	var sp []float32
	for k := range int(dur / dt) {
		if m.Step(in).Data()[0] != 0 {
			sp = append(sp, float32(k+1)*dt)
		}
	}
	return sp
}

func TestAdExSubthresholdFixedPoint(t *testing.T) {
	// Below rheobase V settles where dV/dt = dw/dt = 0:
	// -gL(V-EL) + gL DT exp((V-VT)/DT) - a(V-EL) + I = 0, solved by
	// bisection in float64 on the branch below VT.
	p := DefaultAdEx()
	const I = 300.0
	f := func(v float64) float64 {
		return -float64(p.GL)*(v-float64(p.EL)) + float64(p.GL*p.DeltaT)*math.Exp((v-float64(p.VT))/float64(p.DeltaT)) -
			float64(p.A)*(v-float64(p.EL)) + I
	}
	lo, hi := float64(p.EL), float64(p.VT)
	for range 100 {
		mid := (lo + hi) / 2
		if f(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	m, _ := NewAdEx(1, 1, p, 0.1)
	in := tensor.Full(I, 1, 1)
	for range 20000 {
		if m.Step(in).Data()[0] != 0 {
			t.Fatal("spiked below rheobase")
		}
	}
	if got := float64(m.V.Data()[0]); math.Abs(got-lo) > 1e-3 {
		t.Errorf("V settles at %.5f mV, fixed point %.5f mV", got, lo)
	}
	if got, want := float64(m.W.Data()[0]), float64(p.A)*(lo-float64(p.EL)); math.Abs(got-want) > 1e-2 {
		t.Errorf("w settles at %.5f pA, want %.5f", got, want)
	}
}

func TestAdExPatterns(t *testing.T) {
	get := func(name string) AdExParams {
		p, err := AdExPreset(name)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Tonic: regular ISIs from the start.
	if sp := adexTrain(t, get("tonic"), 500, 500); len(sp) < 5 || CV(ISIs(sp)[1:]) > 0.02 {
		t.Errorf("tonic: ISIs %v", ISIs(sp))
	}
	// Adapting: ISIs lengthen.
	if isi := ISIs(adexTrain(t, get("adapting"), 500, 500)); len(isi) < 4 || !(AdaptationIndex(isi) > 0.02) || !(isi[len(isi)-1] > 2*isi[0]) {
		t.Errorf("adapting: ISIs %v", isi)
	}
	// Initial burst: a burst, then single spikes.
	if b := Bursts(adexTrain(t, get("initial-burst"), 400, 500), 10); len(b) < 3 || b[0] < 2 || !allOnes(b[1:]) {
		t.Errorf("initial burst: bursts %v", b)
	}
	// Regular bursting: repeated bursts.
	if n := countBursts(adexTrain(t, get("bursting"), 210, 800), 15, 2); n < 3 {
		t.Errorf("bursting: %d bursts", n)
	}
	// The default pyramidal cell adapts under a 1 nA step.
	if isi := ISIs(adexTrain(t, DefaultAdEx(), 1000, 500)); len(isi) < 4 || !(isi[len(isi)-1] > 1.5*isi[0]) {
		t.Errorf("default: ISIs %v", isi)
	}
	if _, err := AdExPreset("nope"); err == nil {
		t.Error("unknown preset accepted")
	}
	bad := DefaultAdEx()
	bad.DeltaT = 0
	if _, err := NewAdEx(1, 1, bad, 0.1); err == nil {
		t.Error("DeltaT = 0 accepted")
	}
}
