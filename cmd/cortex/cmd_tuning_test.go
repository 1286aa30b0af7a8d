package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTuningUntrainedV1IsOrientationSelective(t *testing.T) {
	dir := t.TempDir()
	pngPath := filepath.Join(dir, "v1.png")
	var out, errb bytes.Buffer
	args := []string{"tuning", "--untrained", "--area", "V1", "--stimulus", "grating", "--directions", "12", "--repeats", "2", "--json", "--png", pngPath}
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res struct {
		Area, Stimulus string
		X              []float64
		Units          []struct {
			Index               int
			Preferred, OSI, DSI float64
			Bandwidth           float64
			Responsive          bool
			Curve               []float64
		}
		Summary struct {
			Responsive int     `json:"responsive"`
			MedianOSI  float64 `json:"median_osi"`
			Reference  float64 `json:"reference"`
			Model      float64 `json:"model"`
			Verdict    string  `json:"verdict"`
		}
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	if res.Area != "V1" || res.Stimulus != "grating" || len(res.X) != 12 || len(res.Units) == 0 {
		t.Fatalf("result %+v", res)
	}
	// The Gabor bank has 4 orientations: every responsive unit prefers one
	// of them (within the 30-degree sampling's interpolation error) and is
	// orientation selective; static gratings carry no direction.
	for _, u := range res.Units {
		if !u.Responsive {
			continue
		}
		d := math.Mod(u.Preferred, 45)
		if math.Min(d, 45-d) > 8 || u.OSI < 0.3 || len(u.Curve) != 12 || u.DSI > 1e-6 {
			t.Errorf("unit %+v", u)
		}
	}
	if res.Summary.Responsive == 0 || res.Summary.MedianOSI < 0.3 || res.Summary.Reference != 20 || !strings.Contains(res.Summary.Verdict, "physiology") {
		t.Errorf("summary %+v", res.Summary)
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() < 300 {
		t.Fatalf("png %v %v", img.Bounds(), err)
	}
}

func TestTuningRetinaSpots(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"tuning", "--untrained", "--area", "retina", "--stimulus", "spot", "--json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res struct {
		Units []struct {
			Preferred   float64
			Suppression *float64
			Responsive  bool
		}
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	// Grey retina: P ON, P OFF, M ON, M OFF. Bright spots drive the ON
	// cells, which prefer a spot filling their centre and are suppressed by
	// larger ones; OFF cells stay silent.
	if len(res.Units) != 4 || !res.Units[0].Responsive || res.Units[1].Responsive || !res.Units[2].Responsive || res.Units[3].Responsive {
		t.Fatalf("units %+v", res.Units)
	}
	if p, m := res.Units[0].Preferred, res.Units[2].Preferred; !(p > 0.5 && p < m) || *res.Units[0].Suppression < 0.1 {
		t.Errorf("P prefers radius %v, M %v (want P smaller); P suppression %v", p, m, *res.Units[0].Suppression)
	}
}

func TestTuningBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"tuning"},
		{"tuning", "--untrained", "--checkpoint", "x"},
		{"tuning", "--untrained", "--area", "V9"},
		{"tuning", "--untrained", "--stimulus", "plaid"},
		{"tuning", "--untrained", "--directions", "7"},
		{"tuning", "--untrained", "--sf", "0.7"},
		{"tuning", "--untrained", "--config", "cifar"},
		{"tuning", "--untrained", "--config", "mnist", "--stimulus", "dots"},
		{"tuning", "--untrained", "--config", "mnist", "--area", "MT"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 2 || strings.Count(errb.String(), "\n") > 2 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
	// A missing file is a mistake of the invocation too (exit 2), named.
	var out, errb bytes.Buffer
	missing := filepath.Join(t.TempDir(), "missing")
	if code := run([]string{"tuning", "--checkpoint", missing}, &out, &errb); code != 2 || !strings.Contains(errb.String(), missing) {
		t.Errorf("missing checkpoint: exit %d, %q", code, errb.String())
	}
}
