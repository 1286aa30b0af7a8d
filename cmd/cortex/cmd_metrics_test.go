package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/probe"
	"github.com/neurocortex/neurocortex/tensor"
)

// smallMoving is a moving system small enough for tests.
func smallMoving(t *testing.T) *cortex.System {
	t.Helper()
	cfg := cortex.MovingConfig()
	cfg.Height, cfg.Width, cfg.Frames = 24, 24, 4
	cfg.V2Width, cfg.V4Width, cfg.MTWidth = 8, 8, 8
	sys, err := cortex.New(cfg, 3)
	if err != nil {
		t.Fatal(err)
	}
	sys.SetTraining(false)
	return sys
}

// TestStagesMatchSystem checks that the area-by-area pipeline of cortex
// metrics computes the system's own forward pass bit for bit, and that its
// area-by-area backward gives every parameter the system's gradient.
func TestStagesMatchSystem(t *testing.T) {
	sys := smallMoving(t)
	cfg := sys.Config
	rng := tensor.NewRNG(5, 1)
	n := 3
	x := tensor.RandUniform(rng, 0, 1, cfg.InputShape(n)...)
	tg := cortex.Targets{Class: []int{1, 7, 3}, Direction: []int{0, 5, 2}, Position: tensor.RandUniform(rng, -1, 1, n, 2)}

	tp := autodiff.NewTape()
	out, err := sys.Forward(tp, x, nil)
	if err != nil {
		t.Fatal(err)
	}
	loss, err := sys.Loss(tp, out, tg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range sys.Params() {
		p.ZeroGrad()
	}
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	want := map[string]*tensor.Tensor{}
	for _, p := range sys.Params() {
		if p.Grad != nil {
			want[p.Name] = p.Grad.Clone()
		}
		p.ZeroGrad()
	}

	runs, err := runStages(sys, x, tg, true, true)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*stageRun{}
	for _, r := range runs {
		byName[r.name] = r
	}
	if got := byName["IT"].out[0].Value; !tensor.Equal(got, out.Class.Value) {
		t.Fatalf("staged class logits differ from System.Forward:\n%v\n%v", got, out.Class.Value)
	}
	if got := byName["MT"].out[2].Value; !tensor.Equal(got, out.Direction.Value) {
		t.Fatal("staged direction logits differ from System.Forward")
	}
	checked := 0
	for _, p := range sys.Params() {
		w, ok := want[p.Name]
		if !ok {
			continue
		}
		if p.Grad == nil || !tensor.AllClose(p.Grad, w, 1e-3, 1e-6) {
			t.Errorf("gradient of %s differs between staged and whole backward", p.Name)
		}
		checked++
	}
	if checked < 5 {
		t.Fatalf("only %d parameters had gradients", checked)
	}
}

func TestMetricsJSON(t *testing.T) {
	var out, errb bytes.Buffer
	args := []string{"metrics", "--untrained", "--config", "mnist", "--batch", "4", "--runs", "1", "--probe-train", "60", "--probe-test", "40", "--debug", "--json"}
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res metricsResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	names := []string{}
	for _, a := range res.Areas {
		names = append(names, a.Area)
		if len(a.OutputShape) == 0 || a.OutputShape[0] != 4 || a.Params <= 0 || a.ForwardMs <= 0 || a.BackwardMs <= 0 || a.ForwardBytes == 0 {
			t.Errorf("area %+v", a)
		}
		if a.ProbeDigit == nil || a.ProbeDigit.Test < 0 || a.ProbeDigit.Test > 1 || a.ProbeDirection != nil {
			t.Errorf("area %s probes %+v %+v", a.Area, a.ProbeDigit, a.ProbeDirection)
		}
		if a.Activation == nil || a.Activation.Count == 0 || !a.Activation.Finite() {
			t.Errorf("area %s activation stats %+v", a.Area, a.Activation)
		}
	}
	if strings.Join(names, ",") != "retina,V1,V2,V4,IT" {
		t.Errorf("areas %v", names)
	}
	// A linear read-out of V4 decodes digits far above chance even untrained.
	if v4 := res.Areas[3]; v4.ProbeDigit.Test < 0.3 {
		t.Errorf("V4 digit probe %.2f", v4.ProbeDigit.Test)
	}
}

func TestMetricsDebugNamesFirstNonFiniteArea(t *testing.T) {
	sys := smallMoving(t)
	// Poison V2's weights: V2 is the first area whose output is not finite.
	w := sys.Ventral.V2.Weight.Value
	w.Data()[0] = float32(math.NaN())
	x := tensor.RandUniform(tensor.NewRNG(1, 1), 0, 1, sys.Config.InputShape(2)...)
	tg := cortex.Targets{Class: []int{0, 1}, Direction: []int{0, 1}, Position: tensor.New(2, 2)}
	_, err := runStages(sys, x, tg, false, true)
	if err == nil || !strings.Contains(err.Error(), "V2") {
		t.Fatalf("error %v, want one naming V2", err)
	}
	runs, err := runStages(sys, x, tg, false, false)
	if err != nil {
		t.Fatal(err)
	}
	err = metricsFirstNonFinite(runs)
	var nf *probe.NonFiniteError
	if !errors.As(err, &nf) || nf.Layer != "V2" || nf.What != "activation" {
		t.Fatalf("error %v", err)
	}
}

func TestMetricsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"metrics"},
		{"metrics", "--untrained", "--batch", "0"},
		{"metrics", "--untrained", "--runs", "0"},
		{"metrics", "--untrained", "--probe-train", "5"},
		{"metrics", "--untrained", "--grid", "0"},
		{"metrics", "--untrained", "--ridge", "-1"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 2 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
}
