package viz

import (
	"image"
	"math"
	"strings"
	"testing"
)

func TestPlotDrawsSeriesInsideAxes(t *testing.T) {
	x := []float64{0, 1, 2, 3, 4}
	p := &Plot{Title: "loss", XLabel: "epoch", YLabel: "loss", Width: 320, Height: 240,
		Series: []Series{
			{Name: "train", X: x, Y: []float64{4, 3, 2, 1, 0}},
			{Name: "gap", X: x, Y: []float64{1, math.NaN(), 1, math.Inf(1), 1}},
		}}
	img, err := p.Render()
	if err != nil {
		t.Fatal(err)
	}
	got := roundTrip(t, img)
	if got.Bounds() != image.Rect(0, 0, 320, 240) {
		t.Fatalf("size %v", got.Bounds())
	}
	// The falling line runs from the top-left to the bottom-right of the
	// plot area: its colour appears in both corners' quadrants.
	c0 := Palette[0]
	if countColor(got, image.Rect(70, 20, 160, 110), c0) == 0 || countColor(got, image.Rect(200, 110, 305, 192), c0) == 0 {
		t.Error("series 0 missing from its quadrants")
	}
	if countColor(got, image.Rect(200, 20, 305, 100), c0) > 40 { // only the legend swatch
		t.Error("series 0 drawn where it has no data")
	}
	// The broken series draws no segment across its NaN and Inf.
	if n := countColor(got, got.Bounds(), Palette[1]); n == 0 || n > 200 {
		t.Errorf("series 1 has %d pixels: want some (the legend, isolated points) but no long line", n)
	}
	// Title and labels are ink.
	if countColor(got, image.Rect(0, 0, 320, 20), Black) == 0 {
		t.Error("no title")
	}
}

func TestPlotErrors(t *testing.T) {
	cases := []struct {
		p    *Plot
		want string
	}{
		{&Plot{}, "no series"},
		{&Plot{Series: []Series{{X: []float64{1, 2}, Y: []float64{1}}}}, "2 x values, 1 y values"},
		{&Plot{Width: 10, Height: 10, Series: []Series{{Y: []float64{1}}}}, "size"},
		{&Plot{XRange: &[2]float64{1, 1}, Series: []Series{{Y: []float64{1}}}}, "x range"},
	}
	for _, tc := range cases {
		_, err := tc.p.Render()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want one containing %q", err, tc.want)
		}
	}
}

func TestPlotGolden(t *testing.T) {
	p := &Plot{Title: "Training curve", XLabel: "epoch", YLabel: "accuracy (%)", Width: 360, Height: 240, Grid: true,
		Series: []Series{
			{Name: "train", X: []float64{1, 2, 3, 4, 5}, Y: []float64{91.5, 96.25, 97.75, 98.5, 99}},
			{Name: "test", X: []float64{1, 2, 3, 4, 5}, Y: []float64{93, 96.5, 97.5, 98.25, 98.75}, Points: true},
		},
		HLines: []float64{99}}
	img, err := p.Render()
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "plot.png", img)
}

func TestRasterAndNeuronFigure(t *testing.T) {
	r := &Raster{XLabel: "time (ms)", YLabel: "neuron", Spikes: [][]float64{{10, 20}, {}, {55}}, XRange: &[2]float64{0, 100}, Width: 300}
	img, err := r.Render()
	if err != nil {
		t.Fatal(err)
	}
	// Three ticks, each a vertical run of black in the plot area.
	area := image.Rect(71, 13, 300-17, img.Rect.Dy()-50)
	cols := map[int]bool{}
	for x := area.Min.X; x < area.Max.X; x++ {
		if countColor(img, image.Rect(x, area.Min.Y, x+1, area.Max.Y), Black) >= 3 {
			cols[x] = true
		}
	}
	if len(cols) != 3 {
		t.Errorf("raster has %d tick columns, want 3", len(cols))
	}
	if _, err := (&Raster{}).Render(); err == nil {
		t.Error("empty raster accepted")
	}

	th := -54.0
	f := &NeuronFigure{Title: "LIF", TimeMs: []float64{0, 1, 2, 3}, VmV: []float64{-70, -60, -55, -70}, SpikesMs: []float64{2.5}, Threshold: &th, Width: 400}
	img, err = f.Render()
	if err != nil {
		t.Fatal(err)
	}
	if b := roundTrip(t, img).Bounds(); b.Dx() != 400 || b.Dy() != 420 {
		t.Errorf("neuron figure %v, want 400x420", b)
	}
	if countColor(img, img.Rect, Palette[3]) == 0 || countColor(img, img.Rect, Palette[0]) == 0 {
		t.Error("trace or spike missing")
	}
	f.VmV = f.VmV[:2]
	if _, err := f.Render(); err == nil {
		t.Error("mismatched trace accepted")
	}
}

func TestTrainingFigure(t *testing.T) {
	f := &TrainingFigure{Title: "moving-MNIST", XLabel: "epoch", X: []float64{1, 2, 3}, Loss: []float64{1, 0.5, 0.3},
		TrainAcc: []float64{80, 90, 95}, TestX: []float64{1, 2, 3}, TestAcc: []float64{82, 91, 94}}
	img, err := f.Render()
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 720 || b.Dy() != 540 {
		t.Errorf("size %v", b)
	}
	if countColor(img, img.Rect, Palette[1]) == 0 {
		t.Error("test accuracy missing")
	}
}

func TestBars(t *testing.T) {
	b := &Bars{Title: "class", YLabel: "probability", Labels: []string{"0", "1", "2"}, Values: []float64{0.1, 0.7, 0.2}, Highlight: 1, YRange: &[2]float64{0, 1}}
	img, err := b.Render()
	if err != nil {
		t.Fatal(err)
	}
	hl, other := countColor(img, img.Rect, Palette[3]), countColor(img, img.Rect, Palette[0])
	// The highlighted bar is 0.7 high, the two others 0.3 together.
	if hl == 0 || other == 0 || float64(hl)/float64(other) < 1.8 || float64(hl)/float64(other) > 2.9 {
		t.Errorf("bar areas: highlighted %d, others %d (want ratio 7/3)", hl, other)
	}
	if _, err := (&Bars{Labels: []string{"a"}}).Render(); err == nil {
		t.Error("labels without values accepted")
	}
	Mark(img, 10, 10, 3, Palette[2])
	if countColor(img, image.Rect(7, 7, 14, 14), Palette[2]) != 13 {
		t.Error("Mark draws a 7-pixel cross")
	}
}
