package probe

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// vonMises is a direction tuning curve with preferred direction mu
// (degrees) and concentration k, plus a baseline b.
func vonMises(angles []float64, mu, k, b float64) []float64 {
	r := make([]float64, len(angles))
	for i, a := range angles {
		r[i] = b + math.Exp(k*(math.Cos((a-mu)*math.Pi/180)-1))
	}
	return r
}

func TestIndicesOnKnownCurves(t *testing.T) {
	x := Angles(36, 360)
	k := 4.0
	r := vonMises(x, 100, k, 0)
	// Half height of exp(k (cos d - 1)) above its minimum exp(-2k).
	lvl := (1 + math.Exp(-2*k)) / 2
	want := math.Acos(1+math.Log(lvl)/k) * 180 / math.Pi
	if hw := HalfWidth(x, r, 360); math.Abs(hw-want) > 0.6 {
		t.Errorf("half-width %.3f, want %.3f", hw, want)
	}
	if p := PreferredAngle(x, r, 360); math.Abs(p-100) > 0.5 {
		t.Errorf("preferred %.3f, want 100", p)
	}
	if _, p := DSI(x, r); math.Abs(p-100) > 1e-9 {
		t.Errorf("vector direction %.6f, want 100", p)
	}
	// DSI: null response exp(-2k) against 1.
	wantDSI := (1 - math.Exp(-2*k)) / (1 + math.Exp(-2*k))
	if d := PrefNullDSI(x, r); math.Abs(d-wantDSI) > 1e-3 {
		t.Errorf("DSI %.4f, want %.4f", d, wantDSI)
	}
	// Flat: untuned.
	flat := vonMises(x, 0, 0, 1)
	if o, _ := OSI(x, flat); o > 1e-12 {
		t.Errorf("flat OSI %v", o)
	}
	if hw := HalfWidth(x, flat, 360); hw != 180 {
		t.Errorf("flat half-width %v, want 180", hw)
	}
	// A pure cos(2 theta) modulation: OSI = a/2 for 1 + a cos 2(theta - p).
	x2 := Angles(12, 180)
	r2 := make([]float64, 12)
	for i, a := range x2 {
		r2[i] = 1 + 0.6*math.Cos(2*(a-30)*math.Pi/180)
	}
	if o, p := OSI(x2, r2); math.Abs(o-0.3) > 1e-9 || math.Abs(p-30) > 1e-9 {
		t.Errorf("OSI %v pref %v, want 0.3 at 30", o, p)
	}
	// Peak wraps around 0: neighbours are taken circularly.
	rw := vonMises(x, 355, k, 0)
	if p := PreferredAngle(x, rw, 360); angleDiff(p, 355, 360) > 0.5 {
		t.Errorf("wrapped preferred %.3f, want 355", p)
	}
	if got := SuppressionIndex([]float64{1, 4, 3, 2}); got != 0.5 {
		t.Errorf("suppression %v, want 0.5", got)
	}
	if v, m := PeakValue([]float64{1, 2, 3, 4}, []float64{0, 1, 1, 0}); m != 1 || v < 2 || v > 3 {
		t.Errorf("PeakValue %v %v", v, m)
	}
}

func TestSummarizeUnitsAndPopulation(t *testing.T) {
	x := Angles(24, 360)
	c := &Curves{X: x, R: [][]float64{
		vonMises(x, 45, 3, 0),  // direction selective
		make([]float64, 24),    // silent
		vonMises(x, 45, 3, 0),  // filled below: orientation, not direction
		vonMises(x, 270, 8, 0), // sharp
	}}
	for i, a := range x {
		c.R[2][i] = math.Exp(3 * (math.Cos(2*(a-60)*math.Pi/180) - 1))
	}
	units, err := SummarizeUnits(c, Direction, 1e-6)
	if err != nil {
		t.Fatal(err)
	}
	if units[1].Responsive || !units[0].Responsive {
		t.Fatalf("responsive flags %v %v", units[0].Responsive, units[1].Responsive)
	}
	if angleDiff(units[0].Preferred, 45, 360) > 1 || units[0].DSI < 0.9 || units[2].DSI > 1e-9 {
		t.Errorf("unit 0 %+v, unit 2 DSI %v", units[0], units[2].DSI)
	}
	ori, err := SummarizeUnits(c, Orientation, 1e-6)
	if err != nil {
		t.Fatal(err)
	}
	if angleDiff(ori[2].Preferred, 60, 180) > 1 || ori[2].Bandwidth >= 45 {
		t.Errorf("unit 2 orientation %+v", ori[2])
	}
	pop := SummarizePopulation(units, Direction)
	if pop.Units != 4 || pop.Responsive != 3 || pop.Reference != MTDirectionFullWidth || pop.Model != pop.MedianFullWidth {
		t.Errorf("population %+v", pop)
	}
	if !strings.Contains(pop.Verdict, "physiology") {
		t.Errorf("verdict %q", pop.Verdict)
	}
	b, err := json.Marshal(units[0])
	if err != nil || !strings.Contains(string(b), `"preferred":`) || !strings.Contains(string(b), `"curve":[`) {
		t.Errorf("JSON %s %v", b, err)
	}
	if _, err := SummarizeUnits(&Curves{X: Angles(3, 360)}, Direction, 0); err == nil {
		t.Error("odd number of directions accepted")
	}
}

func TestFitNakaRushtonExact(t *testing.T) {
	cs := []float64{0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1}
	for _, want := range []NakaRushton{
		{Rmax: 1, C50: 0.1, N: 2},
		{Rmax: 30, C50: 0.35, N: 1.2, R0: 2},
		{Rmax: 5, C50: 0.05, N: 4, R0: -1},
	} {
		r := make([]float64, len(cs))
		for i, c := range cs {
			r[i] = want.Eval(c)
		}
		got, err := FitNakaRushton(cs, r, want.R0 != 0)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got.C50/want.C50-1) > 0.01 || math.Abs(got.N/want.N-1) > 0.01 || math.Abs(got.Rmax/want.Rmax-1) > 0.01 || got.RMSE > 1e-3*want.Rmax {
			t.Errorf("fit %+v, want %+v", got, want)
		}
		again, _ := FitNakaRushton(cs, r, want.R0 != 0)
		if again != got {
			t.Error("fit not deterministic")
		}
	}
	if _, err := FitNakaRushton([]float64{0, 1, 2}, []float64{1, 2, 3}, false); err == nil {
		t.Error("zero contrast accepted")
	}
	if _, err := FitNakaRushton([]float64{1, 2, 3}, []float64{1, 2, 3}, true); err == nil {
		t.Error("three points with a baseline accepted")
	}
}

// blobs returns n examples of d features in k classes: class means far
// apart along random directions, unit noise.
func blobs(n, d, k int, sep float32, seed uint64) (*tensor.Tensor, []int) {
	rng := tensor.NewRNG(seed, 1)
	means := tensor.RandNormal(rng, 0, sep, k, d).Data()
	x := tensor.RandNormal(rng, 0, 1, n, d)
	labels := make([]int, n)
	for i := range labels {
		labels[i] = i % k
		for j := 0; j < d; j++ {
			x.Data()[i*d+j] += means[labels[i]*d+j]
		}
	}
	return x, labels
}

func TestLinearProbe(t *testing.T) {
	// Separable classes: near-perfect held-out accuracy, in both the primal
	// (N >= D) and the dual (N < D) solver.
	for _, d := range []int{8, 300} {
		xtr, ytr := blobs(200, d, 4, 3, 1)
		xte, yte := blobs(200, d, 4, 3, 1) // same means (same seed), new noise below
		noise := tensor.RandNormal(tensor.NewRNG(9, 2), 0, 1, 200, d)
		for i, v := range noise.Data() {
			xte.Data()[i] += 0.3 * v
		}
		train, test, err := ProbeAccuracy(xtr, ytr, xte, yte, 4, 0)
		if err != nil {
			t.Fatal(err)
		}
		if train < 0.97 || test < 0.95 {
			t.Errorf("d=%d: train %.3f test %.3f", d, train, test)
		}
	}
	// Random labels: chance on held-out data.
	xtr, _ := blobs(400, 20, 1, 0, 3)
	xte, _ := blobs(400, 20, 1, 0, 4)
	rng := tensor.NewRNG(5, 5)
	ytr, yte := make([]int, 400), make([]int, 400)
	for i := range ytr {
		ytr[i], yte[i] = rng.IntN(4), rng.IntN(4)
	}
	_, test, err := ProbeAccuracy(xtr, ytr, xte, yte, 4, 0)
	if err != nil {
		t.Fatal(err)
	}
	if test > 0.35 {
		t.Errorf("random labels decoded at %.3f, want chance 0.25", test)
	}
}

func TestLinearProbePrimalDualAgree(t *testing.T) {
	// (Z'Z + lam I)^-1 Z'Y = Z' (ZZ' + lam I)^-1 Y: both solvers must give
	// the same weights on the same data.
	x, y := blobs(24, 24, 3, 2, 7)
	p1, err := fitReadout(x, y, 3, 0.05, 0)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := fitReadout(x, y, 3, 0.05, 1)
	if err != nil {
		t.Fatal(err)
	}
	for k := range p1.w {
		for j := range p1.w[k] {
			if math.Abs(p1.w[k][j]-p2.w[k][j]) > 1e-9 {
				t.Fatalf("primal and dual weights differ at class %d feature %d: %v vs %v", k, j, p1.w[k][j], p2.w[k][j])
			}
		}
	}
}

func TestLinearProbeErrors(t *testing.T) {
	x, y := blobs(10, 3, 2, 1, 1)
	cases := []func() error{
		func() error { _, err := FitReadout(x, y[:5], 2, 0); return err },
		func() error { _, err := FitReadout(x, y, 1, 0); return err },
		func() error { _, err := FitReadout(tensor.New(5), y, 2, 0); return err },
		func() error { _, err := FitReadout(x, append([]int{7}, y[1:]...), 2, 0); return err },
		func() error { _, err := FitReadout(x, y, 2, -1); return err },
		func() error {
			bad := x.Clone()
			bad.Data()[3] = float32(math.Inf(1))
			_, err := FitReadout(bad, y, 2, 0)
			return err
		},
		func() error {
			ro, _ := FitReadout(x, y, 2, 0)
			_, err := ro.Predict(tensor.New(2, 4))
			return err
		},
	}
	for i, f := range cases {
		if f() == nil {
			t.Errorf("case %d accepted", i)
		}
	}
}

func TestStatsAndFirstNonFinite(t *testing.T) {
	x := tensor.FromSlice([]float32{0, 1, 2, 3, 0, float32(math.NaN()), float32(math.Inf(-1)), -6}, 8)
	s := Summarize(x)
	if s.Count != 8 || s.NaN != 1 || s.Inf != 1 || s.Min != -6 || s.Max != 3 || s.Mean != 0 || s.FracZero != 0.25 || s.Finite() {
		t.Errorf("stats %+v", s)
	}
	if want := math.Sqrt((0 + 1 + 4 + 9 + 0 + 36) / 6.0); math.Abs(s.Std-want) > 1e-12 {
		t.Errorf("std %v, want %v", s.Std, want)
	}
	good := tensor.Ones(3)
	layers := []Named{{"retina", good}, {"V1", good}, {"V2", x}, {"V4", x}}
	err := FirstNonFinite("activation", layers)
	var nf *NonFiniteError
	if !errors.As(err, &nf) || nf.Layer != "V2" || nf.Index != 5 || nf.NaN != 1 || nf.Inf != 1 {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(err.Error(), `"V2"`) {
		t.Errorf("message %q does not name the layer", err)
	}
	if FirstNonFinite("gradient", layers[:2]) != nil {
		t.Error("finite layers reported")
	}
	rep := Report(layers[:3], []Named{{"V1", tensor.Zeros(2)}})
	if len(rep) != 3 || rep[1].Gradient == nil || rep[1].Gradient.FracZero != 1 || rep[0].Gradient != nil || rep[2].Activation.NaN != 1 {
		t.Errorf("report %+v", rep)
	}
	if z := Summarize(nil); z.Count != 0 {
		t.Errorf("nil stats %+v", z)
	}
}

func TestPoolFeatures(t *testing.T) {
	x := tensor.Arange(0, 2*1*5*4, 1).Reshape(2, 1, 5, 4)
	y, err := PoolFeatures(x, 2)
	if err != nil {
		t.Fatal(err)
	}
	// Sample 0: rows 0-1 / 2-4, columns 0-1 / 2-3 of 0..19 laid out 5x4.
	want := []float32{(0 + 1 + 4 + 5) / 4.0, (2 + 3 + 6 + 7) / 4.0, (8 + 9 + 12 + 13 + 16 + 17) / 6.0, (10 + 11 + 14 + 15 + 18 + 19) / 6.0}
	if !tensor.SameShape(y.Shape(), []int{2, 4}) {
		t.Fatalf("shape %v", y.Shape())
	}
	for i, v := range want {
		if y.Data()[i] != v {
			t.Errorf("block %d = %v, want %v", i, y.Data()[i], v)
		}
	}
	if z, _ := PoolFeatures(x, 9); z.Dim(1) != 20 {
		t.Errorf("grid larger than the map: %v features, want 20", z.Dim(1))
	}
	if _, err := PoolFeatures(tensor.New(3), 2); err == nil {
		t.Error("1-d input accepted")
	}
}
