package main

import (
	"bytes"
	"encoding/json"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/viz"
)

func runCortex(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestNeuronLIFMatchesAnalytic(t *testing.T) {
	code, out, errs := runCortex(t, "neuron", "--model", "lif", "--current", "20", "--ms", "2000", "--dt", "0.1", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Model      string             `json:"model"`
		Params     map[string]float64 `json:"params"`
		DtMs       float64            `json:"dt_ms"`
		DurationMs float64            `json:"duration_ms"`
		Spikes     []float64          `json:"spike_times_ms"`
		Rate       float64            `json:"rate_hz"`
		ISIRate    float64            `json:"isi_rate_hz"`
		Analytic   float64            `json:"analytic_rate_hz"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Model != "lif" || r.DtMs != 0.1 || r.DurationMs != 2000 || r.Params["tau_m"] != 20 || len(r.Spikes) < 50 {
		t.Fatalf("unexpected output %s", out)
	}
	if math.Abs(r.Analytic-29.25) > 0.01 || math.Abs(r.Rate-29.25) > 0.01*29.25 || math.Abs(r.ISIRate-29.25) > 0.01*29.25 {
		t.Errorf("rate %.3f Hz, ISI rate %.3f Hz, analytic %.3f Hz; want 29.25 within 1%%", r.Rate, r.ISIRate, r.Analytic)
	}
}

func TestNeuronIzhikevichAndPNG(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ch.png")
	code, out, errs := runCortex(t, "neuron", "--model", "izhikevich", "--preset", "CH", "--current", "10", "--ms", "200", "--dt", "0.25", "--json", "--png", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Preset string    `json:"preset"`
		Spikes []float64 `json:"spike_times_ms"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Preset != "CH" || len(r.Spikes) < 10 {
		t.Fatalf("%v: %s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// The trace is drawn in viz.Palette[0], the spike raster in
	// viz.Palette[3]: a bursting neuron fills both.
	count := func(c color.RGBA) int {
		n := 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) == c {
					n++
				}
			}
		}
		return n
	}
	if trace, spikes := count(viz.Palette[0]), count(viz.Palette[3]); trace < 500 || spikes < 100 {
		t.Errorf("plot has %d trace and %d spike-raster pixels", trace, spikes)
	}
	if code, _, _ := runCortex(t, "neuron", "--model", "adex", "--preset", "adapting", "--current", "500", "--ms", "100", "--dt", "0.05"); code != 0 {
		t.Error("adex failed")
	}
}

func TestNeuronBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"neuron", "--model", "hh"},
		{"neuron", "--dt", "0"},
		{"neuron", "--ms", "-1"},
		{"neuron", "--model", "izhikevich", "--preset", "XX"},
		{"neuron", "--model", "lif", "--tau-m", "0"},
		{"neuron", "--model", "lif", "--a", "0.1"},
		{"neuron", "--reset", "soft"},
		{"neuron", "--current", "NaN"},
		{"stdp", "--tau-plus", "-1"},
		{"stdp", "--step", "0.15", "--dt", "0.1"},
		{"stdp", "--protocol", "nope"},
		{"bench", "nope"},
		{"bench", "spiking", "--neurons", "abc"},
		{"stdp-mnist", "--neurons", "0"},
	} {
		code, _, errs := runCortex(t, args...)
		if code != 2 || strings.Count(strings.TrimSpace(errs), "\n") > 0 || strings.Contains(errs, "goroutine") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line", args, code, errs)
		}
	}
}

func TestSTDPWindowJSON(t *testing.T) {
	code, out, errs := runCortex(t, "stdp", "--json", "--range", "20", "--step", "10", "--dt", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Dt []float64 `json:"dt_ms"`
		Dw []float64 `json:"dw"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Dt) != 5 || len(r.Dw) != 5 || r.Dt[3] != 10 {
		t.Fatalf("window %s", out)
	}
	if want := 0.01 * math.Exp(-0.5); math.Abs(r.Dw[3]-want) > 1e-6*want+1e-8 {
		t.Errorf("dw(+10 ms) = %v, want A+ e^(-10/20) = %v", r.Dw[3], want)
	}
	if !(r.Dw[1] < 0 && r.Dw[0] < 0 && r.Dw[3] > 0 && r.Dw[4] > 0) {
		t.Errorf("wrong signs %v", r.Dw)
	}
}

func TestBenchSpikingJSON(t *testing.T) {
	code, out, errs := runCortex(t, "bench", "spiking", "--json", "--neurons", "20000", "--time", "20ms")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per model, got %q", out)
	}
	for _, l := range lines {
		var r struct {
			Model   string  `json:"model"`
			Neurons int     `json:"neurons"`
			Threads int     `json:"threads"`
			Rate    float64 `json:"updates_per_s"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Neurons != 20000 || r.Threads < 1 || !(r.Rate > 0) {
			t.Errorf("%v: %s", err, l)
		}
	}
}

func FuzzBenchSpikingSizes(f *testing.F) {
	for _, s := range []string{"100000,1000000", "1", "", ",", "-5", "1e6", " 7 , 8 ", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ns, err := benchSpikingSizes(s)
		if err != nil {
			return
		}
		if len(ns) != strings.Count(s, ",")+1 {
			t.Fatalf("%q: %d sizes", s, len(ns))
		}
		for _, n := range ns {
			if n <= 0 || n > 1<<27 {
				t.Fatalf("%q: size %d accepted", s, n)
			}
		}
	})
}
