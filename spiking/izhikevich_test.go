package spiking

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// presetTrain drives one neuron of the named preset with a constant
// current for dur ms at dt = 0.25 ms (v0 = -65, u0 = b*v0) and returns its
// spike times.
func presetTrain(t *testing.T, name string, current float32, dur float32) []float32 {
	t.Helper()
	p, err := IzhikevichPreset(name)
	if err != nil {
		t.Fatal(err)
	}
	return izhTrain(t, p, -65, func(float64) float32 { return current }, 0.25, dur)
}

func izhTrain(t *testing.T, p IzhikevichParams, v0 float32, in func(float64) float32, dt, dur float32) []float32 {
	t.Helper()
	z, err := NewIzhikevich(1, 1, p, dt)
	if err != nil {
		t.Fatal(err)
	}
	z.ResetTo(v0)
	x := tensor.New(1, 1)
	var sp []float32
	for i := range int(dur / dt) {
		tm := float64(i) * float64(dt)
		x.Data()[0] = in(tm)
		if z.Step(x).Data()[0] != 0 {
			sp = append(sp, float32(tm+float64(dt)))
		}
	}
	return sp
}

// rheobase finds, by bisection on [0, 20], the smallest constant current
// that makes the preset fire within 500 ms.
func rheobase(t *testing.T, name string) float64 {
	lo, hi := 0.0, 20.0
	for range 30 {
		mid := (lo + hi) / 2
		if len(presetTrain(t, name, float32(mid), 500)) > 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

func TestIzhikevichPresets(t *testing.T) {
	const burstISI = 10 // ms: ISIs shorter than this are within a burst
	type train struct {
		isi    []float64
		rate   float64
		sp     []float32
		steady []float64 // ISIs after the first 200 ms
	}
	get := func(name string) train {
		sp := presetTrain(t, name, 10, 1000)
		var late []float32
		for _, s := range sp {
			if s > 200 {
				late = append(late, s)
			}
		}
		return train{ISIs(sp), float64(len(sp)), sp, ISIs(late)}
	}
	rs, ib, ch, fs, lts, tc := get("RS"), get("IB"), get("CH"), get("FS"), get("LTS"), get("TC")

	t.Run("RS adapting tonic", func(t *testing.T) {
		// No bursts, first ISI clearly shorter than the steady ISI, steady
		// ISIs regular.
		if rs.isi[0] < burstISI || !(rs.steady[0] > 1.5*rs.isi[0]) || CV(rs.steady) > 0.05 {
			t.Errorf("RS ISIs %v", rs.isi)
		}
	})
	t.Run("IB burst then tonic", func(t *testing.T) {
		b := Bursts(ib.sp, burstISI)
		if b[0] < 2 {
			t.Errorf("IB: no initial burst, bursts %v", b)
		}
		for _, n := range b[1:] {
			if n != 1 {
				t.Errorf("IB: later bursts %v, want single spikes after the first", b)
				break
			}
		}
	})
	t.Run("CH repeated bursts", func(t *testing.T) {
		b := Bursts(ch.sp, burstISI)
		multi := 0
		for _, n := range b {
			if n >= 2 {
				multi++
			}
		}
		if multi < 10 || multi < len(b)*9/10 {
			t.Errorf("CH: %d of %d bursts have >= 2 spikes", multi, len(b))
		}
	})
	t.Run("FS fast without adaptation", func(t *testing.T) {
		if fs.rate < 3*rs.rate || math.Abs(AdaptationIndex(fs.steady)) > 0.01 || CV(fs.steady) > 0.1 {
			t.Errorf("FS: %v spikes (RS %v), steady ISIs %v", fs.rate, rs.rate, fs.steady)
		}
		if Bursts(fs.sp, 4)[0] != 1 {
			t.Errorf("FS starts with a burst: %v", fs.isi[:3])
		}
	})
	t.Run("LTS adapting low threshold", func(t *testing.T) {
		if !(lts.steady[0] > 2*lts.isi[0]) {
			t.Errorf("LTS does not adapt: %v", lts.isi[:8])
		}
		if r1, r2 := rheobase(t, "LTS"), rheobase(t, "RS"); !(r1 < 0.8*r2) {
			t.Errorf("LTS rheobase %.3f not below RS %.3f", r1, r2)
		}
	})
	t.Run("TC tonic and rebound burst", func(t *testing.T) {
		if len(tc.steady) < 50 || CV(tc.steady) > 0.1 {
			t.Errorf("TC not tonic at I=10: %d steady ISIs, CV %.3f", len(tc.steady), CV(tc.steady))
		}
		// Hyperpolarise with I = -10 for 200 ms from rest, then release:
		// a rebound burst of several spikes and nothing before release.
		p, _ := IzhikevichPreset("TC")
		sp := izhTrain(t, p, -65, func(tm float64) float32 {
			if tm >= 100 && tm < 300 {
				return -10
			}
			return 0
		}, 0.25, 600)
		if len(sp) < 2 || sp[0] < 300 || Bursts(sp, burstISI)[0] < 2 {
			t.Errorf("TC rebound: spikes %v, want a burst after 300 ms", sp)
		}
	})
	t.Run("RZ subthreshold resonance", func(t *testing.T) {
		// A brief subthreshold pulse leaves damped oscillations of v
		// around rest: count crossings of the resting potential.
		p, _ := IzhikevichPreset("RZ")
		z, _ := NewIzhikevich(1, 1, p, 0.1)
		z.ResetTo(-65)
		x := tensor.New(1, 1)
		for range 5000 { // settle to rest
			z.Step(x)
		}
		rest := z.V.Data()[0]
		crossings, prev := 0, float32(0)
		for i := range 3000 {
			x.Data()[0] = 0
			if i < 20 {
				x.Data()[0] = 1
			}
			if z.Step(x).Data()[0] != 0 {
				t.Fatal("RZ spiked on a subthreshold pulse")
			}
			d := z.V.Data()[0] - rest
			if i > 20 && d*prev < 0 {
				crossings++
			}
			prev = d
		}
		t.Logf("RZ: %d crossings of rest", crossings)
		if crossings < 4 {
			t.Errorf("RZ: %d crossings of rest after a pulse, want damped oscillation (>= 4)", crossings)
		}
		// The RS neuron (b = 0.2, integrator side) does not ring.
		q, _ := IzhikevichPreset("RS")
		y, _ := NewIzhikevich(1, 1, q, 0.1)
		y.ResetTo(-65)
		for range 5000 {
			y.Step(x)
		}
		rest, crossings, prev = y.V.Data()[0], 0, 0
		for i := range 3000 {
			x.Data()[0] = 0
			if i < 20 {
				x.Data()[0] = 1
			}
			y.Step(x)
			d := y.V.Data()[0] - rest
			if i > 20 && d*prev < 0 && math.Abs(float64(d)) > 1e-3 {
				crossings++
			}
			prev = d
		}
		t.Logf("RS: %d crossings of rest", crossings)
		if crossings > 1 {
			t.Errorf("RS rings: %d crossings", crossings)
		}
	})
}

func TestIzhikevich2004Table(t *testing.T) {
	bs := Izhikevich2004()
	if len(bs) != 20 {
		t.Fatalf("%d behaviours, want 20", len(bs))
	}
	sp := map[string][]float32{}
	for i, b := range bs {
		if want := string(rune('A' + i)); b.Panel != want {
			t.Fatalf("panel %d is %q, want %q", i, b.Panel, want)
		}
		tr, err := b.Simulate()
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.T) != b.Steps() {
			t.Fatalf("%s: %d samples, want %d", b.Panel, len(tr.T), b.Steps())
		}
		sp[b.Panel] = tr.Spikes
	}
	count := func(p string, lo, hi float32) int {
		n := 0
		for _, s := range sp[p] {
			if s >= lo && s < hi {
				n++
			}
		}
		return n
	}
	checks := []struct {
		panel string
		ok    bool
	}{
		// A: regular spiking after the step, none before.
		{"A", count("A", 0, 10) == 0 && len(sp["A"]) >= 4},
		// B: one spike at onset, then silence.
		{"B", len(sp["B"]) == 1 && sp["B"][0] > 20},
		// C: at least three bursts of several spikes.
		{"C", countBursts(sp["C"], 10, 3) >= 3},
		// D: one burst at onset, then silence.
		{"D", len(Bursts(sp["D"], 10)) == 1 && len(sp["D"]) >= 3},
		// E: an initial burst, then single spikes.
		{"E", Bursts(sp["E"], 10)[0] >= 2 && allOnes(Bursts(sp["E"], 10)[1:]) && len(Bursts(sp["E"], 10)) >= 3},
		// F: ISIs grow.
		{"F", increasing(ISIs(sp["F"]))},
		// G: Class 1, the rate rises from near zero with the ramp.
		{"G", len(sp["G"]) >= 5 && ISIs(sp["G"])[0] > 2*ISIs(sp["G"])[len(sp["G"])-2]},
		// H: Class 2, fires at once at a sizeable rate.
		{"H", len(sp["H"]) >= 5 && ISIs(sp["H"])[0] < 30},
		// I: one spike, after the 3 ms pulse has ended.
		{"I", len(sp["I"]) == 1 && sp["I"][0] > 13},
		// J: one spike (then subthreshold oscillation).
		{"J", len(sp["J"]) == 1},
		// K: the 20 ms doublet is ignored, the 40 ms (resonant) doublet fires.
		{"K", count("K", 0, 280) == 0 && count("K", 320, 400) == 1},
		// L: the close doublet fires, the distant one does not.
		{"L", count("L", 0, 70) == 1 && count("L", 70, 100) == 0},
		// M: one rebound spike after the inhibitory pulse.
		{"M", len(sp["M"]) == 1 && sp["M"][0] > 25},
		// N: a rebound burst.
		{"N", len(sp["N"]) >= 3 && sp["N"][0] > 25 && len(Bursts(sp["N"], 10)) == 1},
		// O: the same pulse fires only after inhibition.
		{"O", count("O", 0, 70) == 0 && count("O", 80, 100) == 1},
		// P: a pulse switches tonic spiking on, a second one off.
		{"P", count("P", 0, 37.5) == 0 && count("P", 37.5, 216) >= 3 && count("P", 225, 300) == 0},
		// Q: one spike.
		{"Q", len(sp["Q"]) == 1},
		// R: no spike on the slow ramp, one on the fast ramp.
		{"R", count("R", 0, 300) == 0 && count("R", 300, 400) == 1},
		// S: spikes only while inhibited.
		{"S", len(sp["S"]) >= 2 && count("S", 0, 50) == 0 && count("S", 251, 350) == 0},
		// T: bursts only while inhibited.
		{"T", countBursts(sp["T"], 10, 3) >= 2 && count("T", 0, 50) == 0 && count("T", 251, 350) == 0},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("panel %s: spikes %v do not show the behaviour", c.panel, sp[c.panel])
		}
	}
}

func countBursts(sp []float32, maxISI float64, minSpikes int) int {
	n := 0
	for _, b := range Bursts(sp, maxISI) {
		if b >= minSpikes {
			n++
		}
	}
	return n
}

func allOnes(b []int) bool {
	for _, n := range b {
		if n != 1 {
			return false
		}
	}
	return true
}

func increasing(x []float64) bool {
	for i := 1; i < len(x); i++ {
		if !(x[i] > x[i-1]) {
			return false
		}
	}
	return len(x) >= 3
}

func TestIzhikevichPresetErrors(t *testing.T) {
	if _, err := IzhikevichPreset("XX"); err == nil {
		t.Error("unknown preset accepted")
	}
	if p, err := IzhikevichPreset("rs"); err != nil || p.A != 0.02 || p.D != 8 {
		t.Errorf("rs: %+v %v", p, err)
	}
	bad := Izhikevich2003(float32(math.NaN()), 0.2, -65, 8)
	if _, err := NewIzhikevich(1, 1, bad, 0.1); err == nil {
		t.Error("NaN parameter accepted")
	}
	if _, err := NewIzhikevich(0, 1, Izhikevich2003(0.02, 0.2, -65, 8), 0.1); err == nil {
		t.Error("empty population accepted")
	}
}
