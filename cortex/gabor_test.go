package cortex

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// grating returns an s x s sinusoid with wave vector at angle theta (x right,
// y up, row 0 at the top), frequency f cycles/pixel and phase phi.
func grating(s int, theta, f, phi float64) []float64 {
	g := make([]float64, s*s)
	c := s / 2
	for r := 0; r < s; r++ {
		for col := 0; col < s; col++ {
			x, y := float64(col-c), float64(c-r)
			g[r*s+col] = math.Cos(2*math.Pi*f*(x*math.Cos(theta)+y*math.Sin(theta)) + phi)
		}
	}
	return g
}

func dot(w []float32, img []float64) float64 {
	var s float64
	for i, v := range w {
		s += float64(v) * img[i]
	}
	return s
}

func TestGaborBankShapeAndNorm(t *testing.T) {
	g := GaborBank{Size: 9, Orientations: 4, Frequencies: []float64{0.15, 0.25}}
	w, err := g.Filters()
	if err != nil {
		t.Fatal(err)
	}
	if s := w.Shape(); !tensor.SameShape(s, []int{16, 1, 9, 9}) || g.Len() != 16 {
		t.Fatalf("shape %v, Len %d", s, g.Len())
	}
	for i := 0; i < g.Len(); i++ {
		k := w.Data()[i*81 : (i+1)*81]
		var sum, ss float64
		for _, v := range k {
			sum += float64(v)
			ss += float64(v) * float64(v)
		}
		if math.Abs(sum) > 1e-5 || math.Abs(ss-1) > 1e-5 {
			t.Fatalf("filter %d: sum %g, norm^2 %g", i, sum, ss)
		}
	}
	// Quadrature: even and odd members of a pair are orthogonal.
	for i := 0; i < g.Len(); i += 2 {
		var d float64
		for j := 0; j < 81; j++ {
			d += float64(w.Data()[i*81+j]) * float64(w.Data()[(i+1)*81+j])
		}
		if math.Abs(d) > 1e-5 {
			t.Fatalf("pair %d: even.odd = %g", i/2, d)
		}
	}
	if sp := g.Spec(11); sp.Freq != 0.25 || sp.Theta != math.Pi/4 || sp.Phase != math.Pi/2 {
		t.Fatalf("Spec(11) = %+v", sp)
	}
}

// A V1 complex cell (quadrature energy of a Gabor pair) answers gratings of
// its own orientation more than any other, whatever their phase.
func TestGaborPrefersOwnOrientation(t *testing.T) {
	g := GaborBank{Size: 11, Orientations: 8, Frequencies: []float64{0.2}}
	w, _ := g.Filters()
	n := 121
	energy := func(pair int, img []float64) float64 {
		e := dot(w.Data()[2*pair*n:(2*pair+1)*n], img)
		o := dot(w.Data()[(2*pair+1)*n:(2*pair+2)*n], img)
		return e*e + o*o
	}
	for stim := 0; stim < 8; stim++ {
		theta := float64(stim) * math.Pi / 8
		for _, phi := range []float64{0, 1, 2.5} {
			img := grating(11, theta, 0.2, phi)
			best, bestE := -1, -1.0
			for p := 0; p < 8; p++ {
				if e := energy(p, img); e > bestE {
					best, bestE = p, e
				}
			}
			if best != stim {
				t.Fatalf("grating at %.0f deg, phase %g: strongest unit %d, want %d", theta*180/math.Pi, phi, best, stim)
			}
			// Orthogonal orientation is far weaker.
			if e := energy((stim+4)%8, img); e > 0.05*bestE {
				t.Fatalf("orthogonal unit energy %g vs preferred %g", e, bestE)
			}
		}
	}
	// A simple cell (one phase) prefers its own phase.
	even := w.Data()[:n]
	if a, b := dot(even, grating(11, 0, 0.2, 0)), dot(even, grating(11, 0, 0.2, math.Pi/2)); !(a > 5*math.Abs(b)) {
		t.Fatalf("even simple cell: own phase %g, quadrature phase %g", a, b)
	}
}

func TestGaborBankValidate(t *testing.T) {
	bad := []GaborBank{
		{Size: 8, Orientations: 4, Frequencies: []float64{0.2}},
		{Size: 9, Orientations: 0, Frequencies: []float64{0.2}},
		{Size: 9, Orientations: 4},
		{Size: 9, Orientations: 4, Frequencies: []float64{0.6}},
		{Size: 9, Orientations: 4, Frequencies: []float64{0.2}, Phases: []float64{}},
		{Size: 9, Orientations: 4, Frequencies: []float64{0.2}, Phases: []float64{math.NaN()}},
		{Size: 9, Orientations: 4, Frequencies: []float64{0.2}, Bandwidth: -1},
	}
	for _, g := range bad {
		if _, err := g.Filters(); err == nil {
			t.Errorf("%+v accepted", g)
		}
	}
}
