package retina

import (
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

func testRetina(t *testing.T, colour bool) *Retina {
	t.Helper()
	r, err := New(Config{Colour: colour, HorizontalSigma: 3, P: DefaultDoG(), M: DoG{SigmaCenter: 1.5, SigmaSurround: 3.5, SurroundGain: 0.55, Size: 9}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// frames returns a [1, T, 1, n, n] sequence filled with bg and a square of
// value fg and half-width r at the centre in the frames listed in spot.
func frames(n, T int, bg, fg float32, r int, spot ...int) *tensor.Tensor {
	x := tensor.Full(bg, 1, T, 1, n, n)
	for _, f := range spot {
		for y := n/2 - r; y <= n/2+r; y++ {
			for xx := n/2 - r; xx <= n/2+r; xx++ {
				x.Set(fg, 0, f, 0, y, xx)
			}
		}
	}
	return x
}

// An ON-centre midget cell answers a bright spot in its centre more than
// a flash of the whole field; an OFF-centre cell answers a dark spot.
func TestRetinaOnCentreSpotBeatsFullField(t *testing.T) {
	r := testRetina(t, false)
	n := 31
	run := func(x *tensor.Tensor) *Maps {
		m, err := r.Forward(autodiff.NoGrad(), x, nil)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	spot := run(frames(n, 1, 0, 1, 1, 0))
	flash := run(frames(n, 1, 1, 1, 0))
	dark := run(frames(n, 1, 1, 0, 1, 0))
	on := func(m *Maps) float32 { return m.P.Value.At(0, 0, n/2, n/2) }
	off := func(m *Maps) float32 { return m.P.Value.At(0, 1, n/2, n/2) }
	if !(on(spot) > 2*on(flash)) || !(on(spot) > 0) {
		t.Fatalf("ON cell: spot %g, full-field flash %g", on(spot), on(flash))
	}
	if !(off(dark) > 2*off(flash)) || off(spot) != 0 {
		t.Fatalf("OFF cell: dark spot %g, flash %g, bright spot %g", off(dark), off(flash), off(spot))
	}
}

// Parasol cells are transient: they answer the onset of a spot and fall
// silent while it stays, then the OFF cells answer its disappearance.
func TestRetinaParasolTransient(t *testing.T) {
	r := testRetina(t, false)
	n := 31
	x := frames(n, 5, 0, 1, 2, 1, 2, 3) // spot on in frames 1-3
	m, err := r.Forward(autodiff.NoGrad(), x, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.N != 1 || m.T != 5 {
		t.Fatalf("maps N=%d T=%d", m.N, m.T)
	}
	on := func(f int) float32 { return m.M.Value.At(f, 0, n/2, n/2) }
	off := func(f int) float32 { return m.M.Value.At(f, 1, n/2, n/2) }
	if !(on(1) > 0) || on(2) != 0 || on(3) != 0 || !(off(4) > 0) || off(1) != 0 {
		t.Fatalf("parasol ON %v, OFF %v", []float32{on(0), on(1), on(2), on(3), on(4)}, []float32{off(0), off(1), off(2), off(3), off(4)})
	}
	// Midget cells are sustained: the spot still drives them in the last
	// frame it is shown.
	x3 := frames(n, 4, 0, 1, 2, 1, 2, 3)
	m3, err := r.Forward(autodiff.NoGrad(), x3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p := m3.P.Value; p.Dim(0) != 1 || !(p.At(0, 0, n/2, n/2) > 0) || !(m3.M.Value.At(3, 0, n/2, n/2) == 0) {
		t.Fatal("midget cells not sustained")
	}
}

// Colour-opponent midget cells: over a uniform field (no spatial
// contrast), the L-M ON cell answers red light and the L-M OFF cell green;
// the S-(L+M) ON cell answers blue.
func TestRetinaColourOpponent(t *testing.T) {
	r := testRetina(t, true)
	n := 21
	colour := func(rgb [3]float32) *Maps {
		x := tensor.New(1, 1, 3, n, n)
		for c := 0; c < 3; c++ {
			for i := 0; i < n*n; i++ {
				x.Data()[c*n*n+i] = rgb[c]
			}
		}
		m, err := r.Forward(autodiff.NoGrad(), x, nil)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	// Channels: [LM_ON, S_ON, LM_OFF, S_OFF].
	red, green, blue := colour([3]float32{1, 0, 0}), colour([3]float32{0, 1, 0}), colour([3]float32{0, 0, 1})
	at := func(m *Maps, ch int) float32 { return m.P.Value.At(0, ch, n/2, n/2) }
	if !(at(red, 0) > 0) || at(green, 0) != 0 || !(at(green, 2) > 0) || at(red, 2) != 0 {
		t.Fatalf("L-M cells: red ON %g OFF %g, green ON %g OFF %g", at(red, 0), at(red, 2), at(green, 0), at(green, 2))
	}
	if !(at(blue, 1) > at(red, 1)) || !(at(blue, 1) > at(green, 1)) {
		t.Fatalf("S-(L+M) ON cells: blue %g, red %g, green %g", at(blue, 1), at(red, 1), at(green, 1))
	}
	if r.PChannels() != 4 || red.M.Value.Dim(1) != 2 {
		t.Fatalf("channels P %d M %d", r.PChannels(), red.M.Value.Dim(1))
	}
}

func TestRetinaGradients(t *testing.T) {
	r := testRetina(t, true)
	x := tensor.RandUniform(tensor.NewRNG(2, 0), 0, 1, 2, 3, 3, 12, 12)
	tp := autodiff.NewTape()
	m, err := r.Forward(tp, x, tensor.NewRNG(3, 0))
	if err != nil {
		t.Fatal(err)
	}
	loss := tp.Add(tp.Sum(tp.Mul(m.P, m.P), nil, false), tp.Sum(m.M, nil, false))
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Params() {
		nz := false
		for _, g := range p.Grad.Data() {
			nz = nz || g != 0
		}
		if !nz {
			t.Errorf("no gradient reaches %s", p.Name)
		}
	}
	if _, err := r.Forward(autodiff.NoGrad(), tensor.New(1, 1, 1, 8, 8), nil); err == nil {
		t.Error("grey input accepted by a colour retina")
	}
	if _, err := New(Config{HorizontalSigma: 0, P: DefaultDoG(), M: DefaultDoG()}); err == nil {
		t.Error("zero horizontal width accepted")
	}
}
