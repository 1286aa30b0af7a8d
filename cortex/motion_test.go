package cortex

import (
	"math"
	"testing"
)

// movingBar returns T frames (s x s each, row 0 at the top) of a bright
// bar moving along theta at v pixels per frame, centred at the middle
// frame; the bar runs perpendicular to the motion.
func movingBar(s, T int, theta, v, width float64) []float64 {
	out := make([]float64, T*s*s)
	c := s / 2
	for t := 0; t < T; t++ {
		shift := v * (float64(t) - float64(T-1)/2)
		for r := 0; r < s; r++ {
			for col := 0; col < s; col++ {
				x, y := float64(col-c), float64(c-r)
				d := x*math.Cos(theta) + y*math.Sin(theta) - shift
				out[(t*s+r)*s+col] = math.Exp(-d * d / (2 * width * width))
			}
		}
	}
	return out
}

// An MT-like unit (the motion energy of one quadrature pair) prefers its
// own direction: the drifting bar that moves its way drives it most, and
// the opposite direction drives it far less.
func TestMotionEnergyPrefersOwnDirection(t *testing.T) {
	m := MotionBank{Size: 11, Frames: 6, Directions: 8, Frequency: 0.125, Speeds: []float64{1, 2}}
	w, err := m.Filters()
	if err != nil {
		t.Fatal(err)
	}
	n := m.Frames * m.Size * m.Size
	energy := func(pair int, stim []float64) float64 {
		e := dot(w.Data()[2*pair*n:(2*pair+1)*n], stim)
		o := dot(w.Data()[(2*pair+1)*n:(2*pair+2)*n], stim)
		return e*e + o*o
	}
	for d := 0; d < 8; d++ {
		for si, v := range m.Speeds {
			theta := 2 * math.Pi * float64(d) / 8
			stim := movingBar(m.Size, m.Frames, theta, v, 1.5)
			own := energy(d*2+si, stim)
			// Best direction at the stimulus speed is the stimulus direction.
			for d2 := 0; d2 < 8; d2++ {
				if d2 != d && energy(d2*2+si, stim) >= own {
					t.Fatalf("bar moving at %d deg, %g px/frame: unit %d (%g) beats own unit (%g)", d*45, v, d2, energy(d2*2+si, stim), own)
				}
			}
			if opp := energy(((d+4)%8)*2+si, stim); opp > 0.2*own {
				t.Fatalf("direction %d speed %g: opposite energy %g vs own %g", d, v, opp, own)
			}
		}
	}
	// A static bar drives the opponent directions equally: no direction
	// without motion.
	stim := movingBar(m.Size, m.Frames, 0, 0, 1.5)
	if a, b := energy(0, stim), energy(8, stim); math.Abs(a-b) > 1e-6*(a+b) {
		t.Fatalf("static bar: rightward %g, leftward %g", a, b)
	}
}

func TestMotionBankZeroMeanPerFrame(t *testing.T) {
	m := MotionBank{Size: 7, Frames: 4, Directions: 4, Frequency: 0.2, Speeds: []float64{1}}
	w, err := m.Filters()
	if err != nil {
		t.Fatal(err)
	}
	plane := 49
	for i := 0; i < m.Len(); i++ {
		var ss float64
		for f := 0; f < m.Frames; f++ {
			var sum float64
			for _, v := range w.Data()[(i*m.Frames+f)*plane : (i*m.Frames+f+1)*plane] {
				sum += float64(v)
				ss += float64(v) * float64(v)
			}
			if math.Abs(sum) > 1e-5 {
				t.Fatalf("filter %d frame %d: sum %g", i, f, sum)
			}
		}
		if math.Abs(ss-1) > 1e-5 {
			t.Fatalf("filter %d: norm^2 %g", i, ss)
		}
	}
	if sp := m.Spec(5); sp.Direction != 2 || !sp.Odd || sp.Theta != math.Pi {
		t.Fatalf("Spec(5) = %+v", sp)
	}
}

func TestMotionBankValidate(t *testing.T) {
	ok := MotionBank{Size: 7, Frames: 4, Directions: 4, Frequency: 0.2, Speeds: []float64{1}}
	bad := []func(*MotionBank){
		func(m *MotionBank) { m.Size = 6 },
		func(m *MotionBank) { m.Frames = 1 },
		func(m *MotionBank) { m.Directions = 1 },
		func(m *MotionBank) { m.Frequency = 0 },
		func(m *MotionBank) { m.Speeds = nil },
		func(m *MotionBank) { m.Speeds = []float64{3} }, // 0.6 cycles/frame aliases
		func(m *MotionBank) { m.TemporalSigma = math.NaN() },
	}
	for i, f := range bad {
		m := ok
		f(&m)
		if _, err := m.Filters(); err == nil {
			t.Errorf("case %d: %+v accepted", i, m)
		}
	}
}

// Units are speed selective too: a bar drifting at 1 pixel per frame
// drives the slow unit of its direction more than the fast one, and a bar
// at 2 pixels per frame the reverse.
func TestMotionEnergySpeedSelective(t *testing.T) {
	m := MotionBank{Size: 15, Frames: 8, Directions: 8, Frequency: 0.125, Speeds: []float64{1, 2.5}}
	w, err := m.Filters()
	if err != nil {
		t.Fatal(err)
	}
	n := m.Frames * m.Size * m.Size
	energy := func(pair int, stim []float64) float64 {
		e := dot(w.Data()[2*pair*n:(2*pair+1)*n], stim)
		o := dot(w.Data()[(2*pair+1)*n:(2*pair+2)*n], stim)
		return e*e + o*o
	}
	for d := 0; d < 8; d++ {
		theta := 2 * math.Pi * float64(d) / 8
		slow, fast := movingBar(m.Size, m.Frames, theta, 1, 1.5), movingBar(m.Size, m.Frames, theta, 2.5, 1.5)
		if !(energy(2*d, slow) > energy(2*d+1, slow)) || !(energy(2*d+1, fast) > energy(2*d, fast)) {
			t.Fatalf("direction %d: slow bar %g (slow unit) vs %g (fast unit); fast bar %g vs %g",
				d, energy(2*d, slow), energy(2*d+1, slow), energy(2*d, fast), energy(2*d+1, fast))
		}
	}
}
