package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

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

// smallMovingKeep is smallMoving keeping every area's activations, as
// cortex metrics loads systems.
func smallMovingKeep(t *testing.T) *cortex.System {
	sys := smallMoving(t)
	sys.Config.KeepIntermediate = true
	return sys
}

// The profiled pass of cortex metrics is the system's own: it gives every
// parameter the gradient a plain Forward, Loss and Backward give, bit for
// bit; every scope the system labels belongs to an area, every parameter
// to exactly one area, and every area has time, bytes and an output
// gradient.
func TestMetricsPassProfilesEveryArea(t *testing.T) {
	sys := smallMovingKeep(t)
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
	if err := tp.Backward(loss); err != nil {
		t.Fatal(err)
	}
	want := map[*autodiff.Var]*tensor.Tensor{}
	for _, p := range sys.Params() {
		if p.Grad != nil {
			want[p] = p.Grad.Clone()
		}
	}

	pass, err := runMetricsPass(sys, x, tg, true)
	if err != nil {
		t.Fatal(err)
	}
	for p, w := range want {
		if p.Grad == nil || !tensor.Equal(p.Grad, w) {
			t.Errorf("gradient of %s differs from a plain backward pass", p.Name)
		}
	}
	var names []string
	for _, a := range pass.areas {
		names = append(names, a.name)
	}
	if got := strings.Join(names, ","); got != "retina,V1,V2,V4,IT,MT" {
		t.Fatalf("areas %s", got)
	}
	costs, glue, others := pass.costs()
	if len(others) > 0 {
		t.Errorf("scopes %v of the system belong to no area of cortex metrics", others)
	}
	for i, a := range pass.areas {
		c, o := costs[i], pass.outputs[i]
		if c.fwd <= 0 || c.bwd <= 0 || c.fwdB <= 0 || c.bwdB <= 0 {
			t.Errorf("area %s: cost %+v", a.name, c)
		}
		if o.Grad == nil || !tensor.SameShape(o.Grad.Shape(), o.Value.Shape()) || o.Value.Dim(0) != n {
			t.Errorf("area %s: output %v, gradient %v", a.name, o.Value.Shape(), o.Grad)
		}
	}
	if glue.fwdB <= 0 {
		t.Errorf("glue %+v: the losses at least are unscoped", glue)
	}
	owner := map[*autodiff.Var]string{}
	for _, a := range pass.areas {
		for _, p := range a.params(sys) {
			if prev, dup := owner[p]; dup {
				t.Errorf("parameter %s belongs to %s and %s", p.Name, prev, a.name)
			}
			owner[p] = a.name
		}
	}
	for _, p := range sys.Params() {
		if owner[p] == "" {
			t.Errorf("parameter %s belongs to no area", p.Name)
		}
	}
	tot := pass.profile.Total()
	var sum time.Duration
	for _, c := range costs {
		sum += c.fwd
	}
	if sum+glue.fwd != tot.Forward {
		t.Errorf("area forward times %v + glue %v do not add up to the profile's %v", sum, glue.fwd, tot.Forward)
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
	sys := smallMovingKeep(t)
	// Poison V2's weights: V2 is the first area whose output is not finite.
	w := sys.Ventral.V2.Weight.Value
	w.Data()[0] = float32(math.NaN())
	x := tensor.RandUniform(tensor.NewRNG(1, 1), 0, 1, sys.Config.InputShape(2)...)
	tg := cortex.Targets{Class: []int{0, 1}, Direction: []int{0, 1}, Position: tensor.New(2, 2)}
	_, err := runMetricsPass(sys, x, tg, true)
	var anf *autodiff.NonFiniteError
	if err == nil || !strings.Contains(err.Error(), "area V2") || !errors.As(err, &anf) || anf.Scope != "v2" {
		t.Fatalf("error %v, want one naming area V2 and wrapping the tape's", err)
	}
	pass, err := runMetricsPass(sys, x, tg, false)
	if err != nil {
		t.Fatal(err)
	}
	err = metricsFirstNonFinite(pass)
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
