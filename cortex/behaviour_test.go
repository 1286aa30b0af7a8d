package cortex

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// A V1 complex cell prefers gratings of its own orientation, read from
// the V1 module itself on LGN-like input (ON and OFF maps of a grating).
func TestV1ComplexCellPrefersOwnOrientation(t *testing.T) {
	c := DefaultConfig()
	c.Orientations = 8
	v1, err := newV1(&c, false, 4)
	if err != nil {
		t.Fatal(err)
	}
	n := 21
	nPairs := v1.Weight.Value.Dim(0) / 2
	for stim := 0; stim < 8; stim++ {
		theta := float64(stim) * math.Pi / 8
		x := tensor.New(1, 4, n, n)
		g := grating(n, theta, c.SpatialFreqs[0], 0.7)
		for i, v := range g {
			x.Data()[i] = float32(math.Max(v, 0))      // P ON
			x.Data()[n*n+i] = float32(math.Max(-v, 0)) // P OFF
		}
		out, err := v1.Forward(autodiff.NoGrad(), autodiff.Const(x))
		if err != nil {
			t.Fatal(err)
		}
		best, bestV := -1, float32(-1)
		for p := 0; p < nPairs; p++ {
			if v := out.Complex.Value.At(0, p, n/2, n/2); v > bestV {
				best, bestV = p, v
			}
		}
		if best != stim {
			t.Fatalf("grating at %.1f deg: strongest complex cell %d, want %d", theta*180/math.Pi, best, stim)
		}
	}
}

// An MT-like motion-energy unit prefers its own direction: a bar drifting
// through the retina (8 frames, 1 or 2 pixels per frame) drives the
// dorsal units tuned to its direction more than any other direction, and
// far more than the opposite one.
func TestMTUnitPrefersItsDirection(t *testing.T) {
	c := MovingConfig()
	c.Height, c.Width = 32, 32
	c.KeepIntermediate = true
	s, err := New(c, 1)
	if err != nil {
		t.Fatal(err)
	}
	ns := len(c.Speeds)
	for _, speed := range []int{1, 2} {
		x := tensor.New(c.Directions, c.Frames, 1, c.Height, c.Width)
		for d := 0; d < c.Directions; d++ {
			th := 2 * math.Pi * float64(d) / float64(c.Directions)
			for f := 0; f < c.Frames; f++ {
				shift := float64(speed) * (float64(f) - float64(c.Frames-1)/2)
				for r := 0; r < c.Height; r++ {
					for col := 0; col < c.Width; col++ {
						px, py := float64(col)-15.5, 15.5-float64(r)
						u := px*math.Cos(th) + py*math.Sin(th) - shift
						x.Set(float32(math.Exp(-u*u/4)), d, f, 0, r, col)
					}
				}
			}
		}
		out, err := s.Forward(autodiff.NoGrad(), x, nil)
		if err != nil {
			t.Fatal(err)
		}
		e := out.Areas.MotionEnergy.Value // [D, D*ns, h, w]
		h, w := e.Dim(2), e.Dim(3)
		unit := func(stim, dir int) float64 { // energy summed over space and speeds
			var sum float64
			for sp := 0; sp < ns; sp++ {
				for i := 0; i < h*w; i++ {
					sum += float64(e.Data()[((stim*e.Dim(1))+dir*ns+sp)*h*w+i])
				}
			}
			return sum
		}
		for d := 0; d < c.Directions; d++ {
			own := unit(d, d)
			for d2 := 0; d2 < c.Directions; d2++ {
				if d2 != d && unit(d, d2) >= own {
					t.Fatalf("speed %d: bar moving in direction %d drives direction-%d units (%g) more than its own (%g)", speed, d, d2, unit(d, d2), own)
				}
			}
			if opp := unit(d, (d+c.Directions/2)%c.Directions); opp > 0.7*own {
				t.Fatalf("speed %d direction %d: opposite units %g vs own %g", speed, d, opp, own)
			}
		}
	}
}

// Double-opponent V1 cells (the Gabor bank on the L-M midget maps) are
// opponent in colour and in space: swapping the colours of an isoluminant
// red-green grating (red where green was) reverses their responses, while
// the achromatic cells (the bank on the luminance parasol maps) barely
// notice, since the luminance pattern is the same.
func TestV1DoubleOpponent(t *testing.T) {
	c := DefaultConfig()
	c.Colour = true
	c.Height, c.Width = 32, 32
	c.KeepIntermediate = true
	s, err := New(c, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Linear-light levels at equal luminance: Y = 0.2126 R + 0.7152 G.
	r, g := 0.8, 0.2126*0.8/0.7152
	srgb := func(v float64) float32 { // inverse of the sRGB decoding curve
		if v <= 0.0031308 {
			return float32(12.92 * v)
		}
		return float32(1.055*math.Pow(v, 1/2.4) - 0.055)
	}
	x := tensor.New(2, 3, 32, 32)
	for i := 0; i < 32; i++ {
		for j := 0; j < 32; j++ {
			red := math.Cos(2*math.Pi*0.25*float64(j)) > 0
			// Image 0: red stripes on green; image 1: the colours swapped.
			for img, on := range []bool{red, !red} {
				if on {
					x.Set(srgb(r), img, 0, i, j)
				} else {
					x.Set(srgb(g), img, 1, i, j)
				}
			}
		}
	}
	out, err := s.Forward(autodiff.NoGrad(), x, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := out.Areas.V1Simple.Value // [2, 2G, 32, 32]: ON then OFF; groups achromatic, L-M, S
	nb := sc.Dim(1) / 6
	change := func(grp int) float64 { // mean |response(image 0) - response(image 1)| over a group
		var sum float64
		for _, part := range []int{0, 3 * nb} {
			for ch := part + grp*nb; ch < part+(grp+1)*nb; ch++ {
				for i := 8; i < 24; i++ {
					for j := 8; j < 24; j++ {
						sum += math.Abs(float64(sc.At(0, ch, i, j) - sc.At(1, ch, i, j)))
					}
				}
			}
		}
		return sum
	}
	do, ach := change(1), change(0)
	t.Logf("colour swap: double-opponent change %.3g, achromatic change %.3g", do, ach)
	if !(do > 5*ach) {
		t.Fatalf("colour swap changes double-opponent cells by %g, achromatic cells by %g", do, ach)
	}
}

// Frozen Gabors (GaborLearnable false) get no gradient and are not
// trained; everything else still is.
func TestFrozenGabors(t *testing.T) {
	c := tinyConfig(true, false, false, false)
	c.GaborLearnable = false
	s, err := New(c, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Trainable() {
		if p == s.V1.Weight || p == s.Dorsal.Motion {
			t.Fatalf("frozen %s listed as trainable", p.Name)
		}
	}
	x, tg := tinyBatch(c, 2, 1)
	tp := autodiff.NewTape()
	out, _ := s.Forward(tp, x, nil)
	loss, _ := s.Loss(tp, out, tg)
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	if s.V1.Weight.Grad != nil || s.Dorsal.Motion.Grad != nil {
		t.Fatal("gradient reached a frozen Gabor bank")
	}
	if s.Retina.Photo.N.Grad == nil {
		t.Fatal("no gradient through the frozen V1 to the retina")
	}
}
