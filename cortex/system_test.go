package cortex

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/retina"
	"github.com/neurocortex/neurocortex/tensor"
)

// tinyConfig returns a small system that runs in milliseconds.
func tinyConfig(motion, colour, logPolar, spikes bool) Config {
	c := DefaultConfig()
	c.Height, c.Width = 16, 16
	c.Colour, c.Spikes, c.LogPolar = colour, spikes, logPolar
	c.PDoG = retina.DoG{SigmaCenter: 0.7, SigmaSurround: 1.5, SurroundGain: 0.55, Size: 5}
	c.MDoG = retina.DoG{SigmaCenter: 1.2, SigmaSurround: 2.5, SurroundGain: 0.55, Size: 7}
	c.HorizontalSigma = 1.5
	c.Sheet = retina.LogPolar{OutH: 12, OutW: 16, FieldDeg: 4, A: 0.75, K: 15}
	c.Orientations, c.GaborSize = 2, 5
	c.V2Width, c.V4Width, c.MTWidth = 4, 6, 4
	if motion {
		c.Motion, c.Frames = true, 4
		c.Directions, c.Speeds, c.MotionSize, c.DorsalStride, c.MotionFreq = 8, []float64{1, 2}, 7, 1, 0.15
	}
	return c
}

func tinyBatch(c Config, n int, seed uint64) (*tensor.Tensor, Targets) {
	rng := tensor.NewRNG(seed, 0)
	x := tensor.RandUniform(rng, 0, 1, c.InputShape(n)...)
	tg := Targets{Class: make([]int, n)}
	for i := range tg.Class {
		tg.Class[i] = i % c.Classes
	}
	if c.Motion {
		tg.Direction = make([]int, n)
		for i := range tg.Direction {
			tg.Direction[i] = (3 * i) % c.Directions
		}
		tg.Position = tensor.RandUniform(rng, -1, 1, n, 2)
	}
	return x, tg
}

func TestSystemForwardShapes(t *testing.T) {
	for _, motion := range []bool{false, true} {
		for _, keep := range []bool{false, true} {
			c := tinyConfig(motion, false, false, false)
			c.KeepIntermediate = keep
			s, err := New(c, 1)
			if err != nil {
				t.Fatal(err)
			}
			x, _ := tinyBatch(c, 3, 1)
			out, err := s.Forward(autodiff.NoGrad(), x, nil)
			if err != nil {
				t.Fatal(err)
			}
			if sh := out.Class.Value.Shape(); !tensor.SameShape(sh, []int{3, 10}) {
				t.Fatalf("class logits %v", sh)
			}
			if motion {
				if !tensor.SameShape(out.Direction.Value.Shape(), []int{3, 8}) || !tensor.SameShape(out.Position.Value.Shape(), []int{3, 2}) {
					t.Fatalf("dorsal outputs %v %v", out.Direction.Value.Shape(), out.Position.Value.Shape())
				}
			} else if out.Direction != nil || out.Position != nil {
				t.Fatal("dorsal outputs without motion")
			}
			if (out.Areas != nil) != keep {
				t.Fatalf("KeepIntermediate %v but Areas = %v", keep, out.Areas)
			}
			if keep {
				a := out.Areas
				for name, v := range map[string]*autodiff.Var{"photo": a.Photoreceptors, "horizontal": a.Horizontal, "P": a.P, "M": a.M,
					"V1simple": a.V1Simple, "V1complex": a.V1Complex, "V1": a.V1, "V2": a.V2, "V4": a.V4, "IT": a.IT} {
					if v == nil {
						t.Fatalf("area %s missing", name)
					}
				}
				if motion && (a.MotionEnergy == nil || a.MT == nil) {
					t.Fatal("dorsal areas missing")
				}
			}
		}
	}
}

// Gradients reach every learnable parameter, from the photoreceptors to
// the heads, in every variant of the system.
func TestGradientsReachEveryParameter(t *testing.T) {
	for _, v := range []struct {
		motion, colour, logPolar, spikes bool
		fovea                            int
	}{
		{false, false, false, false, 0},
		{true, false, false, false, 0},
		{false, true, true, false, 0},
		{true, true, false, true, 12},
		{true, false, true, false, 10},
	} {
		c := tinyConfig(v.motion, v.colour, v.logPolar, v.spikes)
		c.FoveaSize = v.fovea
		s, err := New(c, 2)
		if err != nil {
			t.Fatal(err)
		}
		x, tg := tinyBatch(c, 4, 3)
		tp := autodiff.NewTape()
		out, err := s.Forward(tp, x, tensor.NewRNG(1, 1))
		if err != nil {
			t.Fatal(err)
		}
		loss, err := s.Loss(tp, out, tg)
		if err != nil {
			t.Fatal(err)
		}
		if err := tp.Backward(loss); err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Trainable() {
			nz := false
			if p.Grad != nil {
				for _, g := range p.Grad.Data() {
					if g != 0 {
						nz = true
						break
					}
				}
			}
			if !nz {
				t.Errorf("%+v: no gradient reaches %s", v, p.Name)
			}
		}
	}
}

func TestQuadratureAmplitude(t *testing.T) {
	x := tensor.RandNormal(tensor.NewRNG(8, 0), 0, 1, 2, 4, 3, 3)
	w := tensor.RandNormal(tensor.NewRNG(8, 1), 0, 1, 2, 2, 3, 3)
	err := autodiff.GradCheck(func(tp *autodiff.Tape, xs []*autodiff.Var) *autodiff.Var {
		return tp.Sum(tp.Mul(quadratureAmplitude(tp, xs[0]), autodiff.Const(w)), nil, false)
	}, []*tensor.Tensor{x}, 1e-3, 1e-2)
	if err != nil {
		t.Fatal(err)
	}
	a := quadratureAmplitude(autodiff.NoGrad(), autodiff.Const(x)).Value
	e, o := float64(x.At(1, 2, 1, 2)), float64(x.At(1, 3, 1, 2))
	if got, want := float64(a.At(1, 1, 1, 2)), math.Sqrt(e*e+o*o+1e-4); math.Abs(got-want) > 1e-6 {
		t.Fatalf("amplitude %g, want %g", got, want)
	}
}
