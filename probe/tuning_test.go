package probe

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

var static32 = Geometry{Height: 32, Width: 32}

func TestOrientationTuningOfGaborUnit(t *testing.T) {
	for _, theta := range []float64{0, 30, 112.5} {
		f := complexCell(theta, 0.125, 3, 21)
		c, err := OrientationTuning(f, Protocol{Geometry: static32, SF: 0.125}, 16)
		if err != nil {
			t.Fatal(err)
		}
		r := c.R[0]
		osi, vecPref := OSI(c.X, r)
		pref := PreferredAngle(c.X, r, 180)
		hw := HalfWidth(c.X, r, 180)
		if angleDiff(pref, theta, 180) > 2 || angleDiff(vecPref, theta, 180) > 2 {
			t.Errorf("theta %v: preferred %.2f (vector %.2f)", theta, pref, vecPref)
		}
		// An energy unit with sigma 3 px at 0.125 c/px has a half-width
		// near 20 degrees (TestGaborHalfWidthMatchesTheory).
		if osi < 0.5 || hw < 10 || hw > 35 {
			t.Errorf("theta %v: osi %.3f, half-width %.2f", theta, osi, hw)
		}
	}
}

func TestGaborHalfWidthMatchesTheory(t *testing.T) {
	// The energy response of a Gabor with envelope sigma to a grating of
	// its own frequency f at orientation offset d falls as
	// exp(-(2 pi f sigma)^2 (2 - 2 cos d)) (the grating's spectral peak moves
	// 2 f sin(d/2) away from the filter's). Half height is where
	// (2 pi f sigma)^2 (2 - 2 cos d) = ln 2.
	f, sigma := 0.125, 3.0
	a := 2 * math.Pi * f * sigma
	want := math.Acos(1-math.Ln2/(2*a*a)) * 180 / math.Pi
	c, err := OrientationTuning(complexCell(0, f, sigma, 25), Protocol{Geometry: Geometry{Height: 40, Width: 40}, SF: f}, 72)
	if err != nil {
		t.Fatal(err)
	}
	hw := HalfWidth(c.X, c.R[0], 180)
	if math.Abs(hw-want) > 1.5 {
		t.Errorf("half-width %.2f degrees, theory %.2f", hw, want)
	}
}

func TestSimpleCellsTwoUnits(t *testing.T) {
	c, err := OrientationTuning(simpleCells(45, 135, 0.125, 3, 21), Protocol{Geometry: static32, SF: 0.125, Repeats: 8}, 12)
	if err != nil {
		t.Fatal(err)
	}
	if c.Units() != 2 {
		t.Fatalf("%d units", c.Units())
	}
	for u, want := range []float64{45, 135} {
		if p := PreferredAngle(c.X, c.R[u], 180); angleDiff(p, want, 180) > 3 {
			t.Errorf("unit %d prefers %.1f, want %v", u, p, want)
		}
	}
}

func TestDirectionTuningOfMotionUnit(t *testing.T) {
	g := Geometry{Height: 24, Width: 24, Frames: 8}
	f := motionUnit(60, 1, 0.125, 3, 17)
	for _, kind := range []Kind{KindGrating, KindDots, KindBar} {
		p := Protocol{Geometry: g, SF: 0.125, Speed: 1}
		if kind == KindDots {
			p.Repeats = 64 // a few dots in the field: average many layouts
		}
		c, err := DirectionTuning(f, p, kind, 12)
		if err != nil {
			t.Fatal(err)
		}
		r := c.R[0]
		pref := PreferredAngle(c.X, r, 360)
		dsi := PrefNullDSI(c.X, r)
		vdsi, vpref := DSI(c.X, r)
		if angleDiff(pref, 60, 360) > 12 || angleDiff(vpref, 60, 360) > 12 || dsi < 0.5 {
			t.Errorf("%s: preferred %.1f (want 60), dsi %.3f (vector %.3f), curve %.3g", kind, pref, dsi, vdsi, r)
		}
	}
	// A static grating carries no direction: DSI 0 whatever the unit.
	c, err := DirectionTuning(complexCell(30, 0.125, 3, 21), Protocol{Geometry: static32, SF: 0.125}, KindGrating, 12)
	if err != nil {
		t.Fatal(err)
	}
	if d := PrefNullDSI(c.X, c.R[0]); d > 1e-6 {
		t.Errorf("static grating DSI %v, want 0", d)
	}
	if _, err := DirectionTuning(complexCell(0, 0.1, 3, 9), Protocol{Geometry: static32}, KindDots, 8); err == nil {
		t.Error("dots on static geometry accepted")
	}
}

func TestSpeedTuningOfMotionUnit(t *testing.T) {
	if testing.Short() {
		t.Skip("grid of directions x speeds")
	}
	g := Geometry{Height: 24, Width: 24, Frames: 8}
	speeds := []float64{0.25, 0.5, 1, 2, 3}
	c, dirs, err := SpeedTuning(motionUnit(90, 1, 0.125, 3, 17), Protocol{Geometry: g, SF: 0.125}, KindGrating, 8, speeds)
	if err != nil {
		t.Fatal(err)
	}
	if angleDiff(dirs[0], 90, 360) > 1e-9 {
		t.Errorf("preferred direction %v, want 90", dirs[0])
	}
	if v, _ := PeakValue(c.X, c.R[0]); v < 0.7 || v > 1.4 {
		t.Errorf("preferred speed %.2f, want about 1 (curve %.3g)", v, c.R[0])
	}
}

func TestSFTuning(t *testing.T) {
	sfs := []float64{0.03, 0.06, 0.09, 0.125, 0.16, 0.2, 0.25}
	c, ori, err := SFTuning(complexCell(45, 0.125, 3, 21), Protocol{Geometry: static32}, 8, sfs)
	if err != nil {
		t.Fatal(err)
	}
	if ori[0] != 45 {
		t.Errorf("preferred orientation %v, want 45", ori[0])
	}
	if v, _ := PeakValue(c.X, c.R[0]); math.Abs(v-0.125) > 0.02 {
		t.Errorf("preferred SF %.3f, want 0.125 (curve %.3g)", v, c.R[0])
	}
}

func TestContrastTuningRecoversNakaRushton(t *testing.T) {
	// A unit that measures its own drive (the square root of the Gabor
	// energy, proportional to contrast) and passes it through a known
	// Naka-Rushton function.
	want := NakaRushton{Rmax: 10, C50: 0.2, N: 2.5, R0: 1}
	cell := complexCell(0, 0.125, 3, 21)
	unit := func(x *tensor.Tensor) (*tensor.Tensor, error) {
		y, err := cell(x)
		if err != nil {
			return nil, err
		}
		// Energy of this cell at contrast 1 for a matching grating: measured once.
		full, _ := Render(static32, Grating{SF: 0.125, Contrast: 1})
		e1, _ := cell(full)
		for i, v := range y.Data() {
			c := math.Sqrt(float64(v) / float64(e1.Data()[0]))
			y.Data()[i] = float32(want.Eval(c))
		}
		return y, nil
	}
	cs := []float64{0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1}
	c, _, err := ContrastTuning(unit, Protocol{Geometry: static32, SF: 0.125}, 4, cs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := FitNakaRushton(c.X, c.R[0], true)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.C50-want.C50) > 0.01 || math.Abs(got.N-want.N) > 0.15 || math.Abs(got.Rmax-want.Rmax) > 0.3 || math.Abs(got.R0-want.R0) > 0.2 {
		t.Errorf("fit %+v, want %+v", got, want)
	}
}

func TestSpotSummationOfDoG(t *testing.T) {
	sc, ss, k := 1.5, 4.0, 0.6
	// Analytic optimum of a disc on a continuous DoG:
	// (1 - e^{-R^2/2sc^2}) - k (1 - e^{-R^2/2ss^2}) is largest where
	// e^{-R^2/2sc^2}/sc^2 = k e^{-R^2/2ss^2}/ss^2.
	want := math.Sqrt(2 * math.Log(ss*ss/(k*sc*sc)) / (1/(sc*sc) - 1/(ss*ss)))
	var radii []float64
	for r := 0.5; r <= 12; r += 0.5 {
		radii = append(radii, r)
	}
	g := Geometry{Height: 40, Width: 40}
	on, err := SpotSummation(dogUnit(sc, ss, k, 31, 1), Protocol{Geometry: g, Contrast: 0.8}, radii)
	if err != nil {
		t.Fatal(err)
	}
	pr, _ := PeakValue(on.X, on.R[0])
	if math.Abs(pr-want) > 0.6 {
		t.Errorf("ON unit prefers radius %.2f, theory %.2f", pr, want)
	}
	// The surround suppresses a full-field-sized spot: index (1-k)-ish.
	if si := SuppressionIndex(on.R[0]); si < 0.3 {
		t.Errorf("suppression index %.3f, want a clear surround", si)
	}
	// An OFF unit is silent to bright spots and answers dark ones alike.
	off, err := SpotSummation(dogUnit(sc, ss, k, 31, -1), Protocol{Geometry: g, Contrast: 0.8}, radii)
	if err != nil {
		t.Fatal(err)
	}
	if off.R[0][argmax(off.R[0])] != 0 {
		t.Error("OFF unit answers a bright spot")
	}
	dark, err := SpotSummation(dogUnit(sc, ss, k, 31, -1), Protocol{Geometry: g, Contrast: -0.8}, radii)
	if err != nil {
		t.Fatal(err)
	}
	for i := range radii {
		if math.Abs(dark.R[0][i]-on.R[0][i]) > 1e-4*on.R[0][argmax(on.R[0])] {
			t.Fatalf("OFF to dark %v != ON to bright %v at radius %v", dark.R[0][i], on.R[0][i], radii[i])
		}
	}
}

func TestSizeTuning(t *testing.T) {
	// A complex cell with a suppressive surround: centre energy minus half
	// the energy of a wider cell.
	centre, surround := complexCell(0, 0.125, 2.5, 31), complexCell(0, 0.125, 7, 31)
	unit := func(x *tensor.Tensor) (*tensor.Tensor, error) {
		a, _ := centre(x)
		b, _ := surround(x)
		for i := range a.Data() {
			a.Data()[i] = float32(math.Max(0, float64(a.Data()[i])-0.03*float64(b.Data()[i])))
		}
		return a, nil
	}
	radii := []float64{1, 2, 3, 4, 6, 8, 11, 15}
	c, _, err := SizeTuning(unit, Protocol{Geometry: Geometry{Height: 36, Width: 36}, SF: 0.125}, 4, radii)
	if err != nil {
		t.Fatal(err)
	}
	r := c.R[0]
	pr, _ := PeakValue(c.X, r)
	if !(pr > 2 && pr < 11) || SuppressionIndex(r) < 0.2 {
		t.Errorf("preferred radius %.2f, suppression %.3f; curve %.3g", pr, SuppressionIndex(r), r)
	}
	// Without a surround the curve saturates: no suppression.
	c, _, err = SizeTuning(centre, Protocol{Geometry: Geometry{Height: 36, Width: 36}, SF: 0.125}, 4, radii)
	if err != nil {
		t.Fatal(err)
	}
	if si := SuppressionIndex(c.R[0]); si > 0.05 {
		t.Errorf("pure centre suppression %.3f, want ~0", si)
	}
}

func TestMeasureErrors(t *testing.T) {
	bad := func(x *tensor.Tensor) (*tensor.Tensor, error) { return tensor.New(x.Dim(0)+1, 2), nil }
	if _, err := Measure(bad, static32, []Stimulus{Spot{Radius: 2}}, 0); err == nil {
		t.Error("wrong batch size accepted")
	}
	nan := func(x *tensor.Tensor) (*tensor.Tensor, error) {
		return tensor.FromSlice([]float32{float32(math.NaN())}, 1, 1), nil
	}
	if _, err := Measure(nan, static32, []Stimulus{Spot{Radius: 2}}, 0); err == nil {
		t.Error("NaN response accepted")
	}
	calls := 0
	varying := func(x *tensor.Tensor) (*tensor.Tensor, error) {
		calls++
		return tensor.New(x.Dim(0), calls), nil
	}
	if _, err := Measure(varying, static32, []Stimulus{Spot{}, Spot{}, Spot{}}, 2); err == nil {
		t.Error("changing unit count accepted")
	}
	if _, err := OrientationTuning(bad, Protocol{Geometry: static32}, 1); err == nil {
		t.Error("one orientation accepted")
	}
}

func TestSpontaneousBaseline(t *testing.T) {
	// A unit with a resting output of three times its peak driven
	// response: raw curves look untuned by OSI, baseline-subtracted ones do
	// not.
	cell := complexCell(0, 0.125, 3, 21)
	full, _ := Render(static32, Grating{SF: 0.125, Contrast: 1})
	e1, _ := cell(full)
	rest := 3 * e1.Data()[0]
	unit := func(x *tensor.Tensor) (*tensor.Tensor, error) {
		y, err := cell(x)
		for i := range y.Data() {
			y.Data()[i] += rest
		}
		return y, err
	}
	base, err := Spontaneous(unit, static32)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(base[0]-float64(rest)) > 1e-6*float64(rest) {
		t.Fatalf("spontaneous %v, want %v", base[0], rest)
	}
	c, err := OrientationTuning(unit, Protocol{Geometry: static32, SF: 0.125}, 8)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := OSI(c.X, c.R[0])
	sub, err := c.Subtract(base)
	if err != nil {
		t.Fatal(err)
	}
	net, _ := OSI(sub.X, sub.R[0])
	if !(raw < 0.2 && net > 0.5) {
		t.Errorf("OSI raw %.3f, baseline-subtracted %.3f", raw, net)
	}
	if _, err := c.Subtract([]float64{1, 2}); err == nil {
		t.Error("wrong number of baselines accepted")
	}
}
