package retina

import (
	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
	"math"
	"testing"
)

// The map magnifies the fovea as k/(E+a): along the horizontal meridian
// (the middle row of an odd-height sheet), the cortical distance between
// neighbouring columns divided by the eccentricity step they span is
// k/(E+a) at the midpoint, read back from the sampling grid itself.
func TestLogPolarMagnification(t *testing.T) {
	m := LogPolar{OutH: 33, OutW: 128, FieldDeg: 10, A: DefaultFoveaA, K: 15}
	g, err := m.Grid(40, 40)
	if err != nil {
		t.Fatal(err)
	}
	row := m.OutH / 2
	ecc := func(c int) float64 { return float64(g.At(0, row, c, 0)) * m.FieldDeg }
	du := m.ColumnSpacing()
	for c := m.OutW / 2; c+1 < m.OutW; c++ {
		e0, e1 := ecc(c), ecc(c+1)
		got := du / (e1 - e0)
		want := m.Magnification(math.Sqrt((e0+m.A)*(e1+m.A)) - m.A) // geometric midpoint of E+a
		if math.Abs(got-want) > 2e-4*want {
			t.Fatalf("column %d (E %.3f..%.3f deg): magnification %g mm/deg, want k/(E+a) = %g", c, e0, e1, got, want)
		}
		// The left hemisphere mirrors the right.
		if l := ecc(m.OutW - 1 - c); l != -e0 {
			t.Fatalf("column %d: left eccentricity %g, want %g", c, l, -e0)
		}
	}
	// Foveal magnification beats peripheral magnification by (E+a)/a.
	if f, p := m.Magnification(0), m.Magnification(m.FieldDeg); math.Abs(f/p-(m.FieldDeg+m.A)/m.A) > 1e-12 {
		t.Fatalf("fovea/periphery magnification %g", f/p)
	}
	// Outermost column reaches MaxEcc (at the pixel centre, half a step in).
	if e := ecc(m.OutW - 1); e > m.FieldDeg || e < 0.9*m.FieldDeg {
		t.Fatalf("outermost eccentricity %g", e)
	}
}

// The map is conformal: the polar-angle direction magnifies like the
// eccentricity direction, so a small step along the rows at eccentricity E
// moves E*dtheta degrees, dtheta = pi/OutH, matching RowSpacing/k(E+a).
func TestLogPolarConformal(t *testing.T) {
	m := LogPolar{OutH: 61, OutW: 64, FieldDeg: 8, A: 0.75, K: 15}
	row := m.OutH / 2
	for c := m.OutW/2 + 4; c < m.OutW; c += 7 {
		x0, y0, _ := m.Sample(row, c)
		x1, y1, _ := m.Sample(row-1, c)
		step := math.Hypot(x1-x0, y1-y0)
		want := m.RowSpacing() / m.Magnification(x0)
		if math.Abs(step-want) > 0.01*want {
			t.Fatalf("column %d: angular step %g deg, want %g", c, step, want)
		}
	}
}

func TestLogPolarGridLayout(t *testing.T) {
	m := DefaultLogPolar()
	g, err := m.Grid(28, 28)
	if err != nil {
		t.Fatal(err)
	}
	if s := g.Shape(); s[0] != 1 || s[1] != m.OutH || s[2] != m.OutW || s[3] != 2 {
		t.Fatalf("grid shape %v", s)
	}
	outside := 0
	for r := 0; r < m.OutH; r++ {
		for c := 0; c < m.OutW; c++ {
			x, y := g.At(0, r, c, 0), g.At(0, r, c, 1)
			if x == Outside {
				// Near the vertical meridian, most of all near the fovea,
				// the sheet's rectangle reaches past the hemifield (the
				// true V1 outline narrows there): mirrored columns agree,
				// and a pixel outside means every more foveal one in its
				// row is outside too.
				if g.At(0, r, m.OutW-1-c, 0) != Outside {
					t.Fatalf("pixel (%d,%d) outside, its mirror is not", r, c)
				}
				if c > m.OutW/2 && g.At(0, r, c-1, 0) != Outside {
					t.Fatalf("pixel (%d,%d) outside, (%d,%d) is not", r, c, r, c-1)
				}
				outside++
				continue
			}
			// Right hemisphere sees x >= 0, upper rows see y up (negative
			// normalised y).
			if (c >= m.OutW/2) != (x >= 0) || (r < m.OutH/2) != (y < 0) {
				t.Fatalf("pixel (%d,%d) samples (%g,%g)", r, c, x, y)
			}
			// |z+a| <= MaxEcc+a bounds the eccentricity by sqrt((E+a)^2-a^2).
			if e := math.Hypot(float64(x), float64(y)) * m.FieldDeg; e > math.Sqrt((m.FieldDeg+m.A)*(m.FieldDeg+m.A)-m.A*m.A)+1e-5 {
				t.Fatalf("pixel (%d,%d) samples outside the field: (%g,%g)", r, c, x, y)
			}
		}
	}
	if outside == 0 || outside > m.OutH*m.OutW/3 {
		t.Fatalf("%d outside pixels", outside)
	}
}

func TestLogPolarValidate(t *testing.T) {
	bad := []LogPolar{
		{OutH: 0, OutW: 8, FieldDeg: 5, A: 0.75, K: 15},
		{OutH: 8, OutW: 7, FieldDeg: 5, A: 0.75, K: 15},
		{OutH: 8, OutW: 8, FieldDeg: 0, A: 0.75, K: 15},
		{OutH: 8, OutW: 8, FieldDeg: 5, A: -1, K: 15},
		{OutH: 8, OutW: 8, FieldDeg: 5, A: 0.75, K: math.Inf(1)},
		{OutH: 8, OutW: 8, FieldDeg: 5, A: 0.75, K: 15, MaxEccDeg: math.NaN()},
	}
	for _, m := range bad {
		if _, err := m.Grid(8, 8); err == nil {
			t.Errorf("%+v accepted", m)
		}
	}
	if _, err := DefaultLogPolar().Grid(0, 5); err == nil {
		t.Error("empty input accepted")
	}
}

// Sampling a ring at eccentricity E onto the sheet lands on the columns
// whose eccentricity is E, on both hemispheres, and a one-pixel-wide ring
// near the fovea covers more cortical columns than one in the periphery
// (foveal magnification, measured on the output of the grid sampler).
func TestRetinotopyMagnifiesFovea(t *testing.T) {
	const n = 64
	m := LogPolar{OutH: 31, OutW: 96, FieldDeg: 8, A: DefaultFoveaA, K: 15}
	r, err := NewRetinotopy(m, n, n)
	if err != nil {
		t.Fatal(err)
	}
	ring := func(e, width float64) *tensor.Tensor {
		img := tensor.New(1, 1, n, n)
		for y := 0; y < n; y++ {
			for x := 0; x < n; x++ {
				// pixel centres in degrees, y up
				xd := (float64(x) + 0.5 - n/2) * 2 * m.FieldDeg / n
				yd := (n/2 - float64(y) - 0.5) * 2 * m.FieldDeg / n
				if d := math.Hypot(xd, yd) - e; d >= -width/2 && d < width/2 {
					img.Set(1, 0, 0, y, x)
				}
			}
		}
		return img
	}
	covered := func(e float64) (int, [2]int) {
		y, err := r.Forward(autodiff.NoGrad(), autodiff.Const(ring(e, 0.5)))
		if err != nil {
			t.Fatal(err)
		}
		row := m.OutH / 2
		cols, lr := 0, [2]int{}
		for c := 0; c < m.OutW; c++ {
			if y.Value.At(0, 0, row, c) > 0.25 {
				cols++
				if c < m.OutW/2 {
					lr[0]++
				} else {
					lr[1]++
				}
			}
		}
		return cols, lr
	}
	fovea, lrF := covered(1)
	periphery, lrP := covered(6)
	if lrF[0] != lrF[1] || lrP[0] != lrP[1] || fovea == 0 || periphery == 0 {
		t.Fatalf("ring not symmetric on the hemispheres: fovea %v, periphery %v", lrF, lrP)
	}
	// Expected ratio of cortical widths: (6+a)/(1+a) = 3.86.
	if ratio := float64(fovea) / float64(periphery); ratio < 2.5 || ratio > 6 {
		t.Fatalf("foveal ring covers %d columns, peripheral %d: magnification ratio %.2f, want about %.2f", fovea, periphery, ratio, (6+m.A)/(1+m.A))
	}
	if _, err := r.Forward(autodiff.NoGrad(), autodiff.Const(tensor.New(1, 1, 8, 8))); err == nil {
		t.Fatal("wrong input size accepted")
	}
}

// A saccade to the centroid of a shifted patch brings it into the fovea:
// the cartesian crop at the centroid reproduces the patch, and the
// log-polar projection at the centroid equals the projection of the
// centred patch.
func TestForwardAtFixation(t *testing.T) {
	rng := tensor.NewRNG(11, 0)
	quarter := tensor.RandUniform(rng, 0, 1, 6, 6)
	patch := tensor.New(1, 1, 12, 12)
	// Mirror symmetric, so that the patch's centroid is its centre.
	for i := 0; i < 12; i++ {
		for j := 0; j < 12; j++ {
			patch.Set(quarter.At(min(i, 11-i), min(j, 11-j)), 0, 0, i, j)
		}
	}
	canvas := tensor.New(2, 1, 30, 40)
	for b, off := range [][2]int{{3, 5}, {15, 25}} {
		for i := 0; i < 12; i++ {
			for j := 0; j < 12; j++ {
				canvas.Set(patch.At(0, 0, i, j), b, 0, off[0]+i, off[1]+j)
			}
		}
	}
	fix := Centroid(canvas)
	if math.Abs(fix[1].X-31) > 1e-9 || math.Abs(fix[1].Y-21) > 1e-9 {
		t.Fatalf("centroid %+v, want (31, 21)", fix[1])
	}
	crop, _ := NewCrop(12, 12)
	y, err := crop.ForwardAt(autodiff.NoGrad(), autodiff.Const(canvas), fix)
	if err != nil {
		t.Fatal(err)
	}
	for b := 0; b < 2; b++ {
		if !tensor.AllClose(y.Value.RowView(b, b+1), patch, 1e-5, 1e-6) {
			t.Fatalf("crop %d differs from the patch", b)
		}
	}
	lp, _ := NewRetinotopy(LogPolar{OutH: 9, OutW: 16, FieldDeg: 3, A: 0.75, K: 15}, 12, 12)
	centred, _ := lp.Forward(autodiff.NoGrad(), autodiff.Const(patch))
	moved, _ := lp.ForwardAt(autodiff.NoGrad(), autodiff.Const(canvas), fix)
	if !tensor.AllClose(moved.Value.RowView(1, 2), centred.Value, 1e-5, 1e-6) {
		t.Fatal("log-polar projection at the fixation differs from the centred one")
	}
	if d := Centroid(tensor.New(1, 1, 4, 6)); d[0] != (Fixation{3, 2}) {
		t.Fatalf("dark image centroid %+v", d[0])
	}
	if _, err := crop.ForwardAt(autodiff.NoGrad(), autodiff.Const(canvas), fix[:1]); err == nil {
		t.Fatal("fixation count mismatch accepted")
	}
}
