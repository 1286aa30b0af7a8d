package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/probe"
	"github.com/neurocortex/neurocortex/tensor"
)

func init() {
	register("metrics", "per-area cost (time, memory, parameters, shapes) and linear-probe accuracy; --debug for activation/gradient statistics", runMetrics)
}

// probeScore is the accuracy of a linear read-out of one area.
type probeScore struct {
	Train float64 `json:"train"`
	Test  float64 `json:"test"`
}

// areaMetrics is one area in the JSON of cortex metrics.
type areaMetrics struct {
	Area            string       `json:"area"`
	OutputShape     []int        `json:"output_shape"`
	Params          int          `json:"params"`
	TrainableParams int          `json:"trainable_params"`
	ForwardMs       float64      `json:"forward_ms"`
	BackwardMs      float64      `json:"backward_ms"`
	ForwardBytes    int64        `json:"forward_bytes"`
	BackwardBytes   int64        `json:"backward_bytes"`
	ProbeDigit      *probeScore  `json:"probe_digit,omitempty"`
	ProbeDirection  *probeScore  `json:"probe_direction,omitempty"`
	Activation      *probe.Stats `json:"activation,omitempty"`
	Gradient        *probe.Stats `json:"gradient,omitempty"`
}

// glueMetrics is the cost of what lies outside the areas: ops outside
// any scope (the joins between areas, the losses) and scopes no area
// claims (named in Scopes).
type glueMetrics struct {
	Scopes        []string `json:"scopes,omitempty"`
	ForwardMs     float64  `json:"forward_ms"`
	BackwardMs    float64  `json:"backward_ms"`
	ForwardBytes  int64    `json:"forward_bytes"`
	BackwardBytes int64    `json:"backward_bytes"`
}

// metricsResult is the JSON of cortex metrics.
type metricsResult struct {
	System string         `json:"system"`
	Task   string         `json:"task"`
	Batch  int            `json:"batch"`
	Runs   int            `json:"runs"`
	Areas  []areaMetrics  `json:"areas"`
	Glue   glueMetrics    `json:"glue"`
	Notes  string         `json:"notes"`
	Probe  map[string]any `json:"probe,omitempty"`
}

// metricsNotes says what the figures measure.
const metricsNotes = "one training-loss forward and backward pass of the system itself (evaluation-mode batch normalisation) " +
	"on a profiling tape, median over runs; time and bytes per area are those of the ops cortex labels with the area's scope; " +
	"bytes are the tensors the ops produce (outputs forward, input gradients backward), views excluded"

func runMetrics(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("metrics", stderr)
	checkpoint := fs.String("checkpoint", "", "checkpoint of a trained system")
	untrained := fs.Bool("untrained", false, "measure a freshly initialised system instead")
	config := fs.String("config", "moving-mnist", "system of --untrained: mnist or moving-mnist")
	seed := fs.Uint64("seed", 1, "seed of the untrained system")
	batch := fs.Int("batch", 32, "batch size of the timed passes")
	runs := fs.Int("runs", 3, "timed passes (after one warm-up); the median is reported")
	probeTrain := fs.Int("probe-train", 1000, "training examples of each linear probe (0: no probes)")
	probeTest := fs.Int("probe-test", 500, "held-out examples of each linear probe")
	grid := fs.Int("grid", 4, "probe features: each area's maps averaged over a grid x grid partition")
	ridge := fs.Float64("ridge", probe.DefaultRidge, "ridge penalty of the probes, relative to the number of examples")
	debug := fs.Bool("debug", false, "add activation and gradient statistics per area; fail naming the first area (and op) that produced a NaN or Inf")
	dir := fs.String("mnist-dir", "", "directory of the MNIST files (default: $"+data.EnvMNISTDir+", else the GoMNIST module)")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkFiniteFlags(fs); err != nil {
		return err
	}
	switch {
	case *batch < 1 || *batch > 4096:
		return usagef("--batch %d: want 1..4096", *batch)
	case *runs < 1 || *runs > 100:
		return usagef("--runs %d: want 1..100", *runs)
	case *probeTrain < 0 || *probeTrain > 60000 || *probeTest < 0 || *probeTest > 10000:
		return usagef("--probe-train must be 0..60000 and --probe-test 0..10000")
	case *probeTrain > 0 && (*probeTrain < 20 || *probeTest < 10):
		return usagef("probes need --probe-train >= 20 and --probe-test >= 10")
	case *grid < 1 || *grid > 16:
		return usagef("--grid %d: want 1..16", *grid)
	case !(*ridge > 0):
		return usagef("--ridge %v: want > 0", *ridge)
	}
	sys, desc, err := probeLoadSystem(*checkpoint, *untrained, *config, *seed)
	if err != nil {
		return err
	}
	task, err := metricsTask(&sys.Config, *dir, max(*batch, *probeTrain), max(*batch, *probeTest, 1))
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "metrics: %s on %s, batch %d, %d runs\n", desc, task.Name(), *batch, *runs)
	res := metricsResult{System: desc, Task: task.Name(), Batch: *batch, Runs: *runs, Notes: metricsNotes}

	idx := make([]int, *batch)
	for i := range idx {
		idx[i] = i
	}
	x, tg := task.Batch(nil, true, 0, idx)
	var passes []*metricsPass
	for r := 0; r <= *runs; r++ {
		pass, err := runMetricsPass(sys, x, tg, *debug)
		if err != nil {
			if *debug {
				return fmt.Errorf("debug: %w", err)
			}
			return err
		}
		if r > 0 { // the first pass warms caches and pools
			passes = append(passes, pass)
		}
	}
	last := passes[len(passes)-1]
	costs := make([][]metricsCost, len(passes))
	glue := make([]metricsCost, len(passes))
	for k, p := range passes {
		var others []string
		costs[k], glue[k], others = p.costs()
		if len(others) > 0 {
			res.Glue.Scopes = others
		}
	}
	for i, a := range last.areas {
		out := last.outputs[i]
		am := areaMetrics{Area: a.name, OutputShape: out.Value.Shape()}
		for _, p := range a.params(sys) {
			am.Params += p.Value.Size()
			if p.RequiresGrad() {
				am.TrainableParams += p.Value.Size()
			}
		}
		var c []metricsCost
		for _, pc := range costs {
			c = append(c, pc[i])
		}
		am.ForwardMs, am.BackwardMs, am.ForwardBytes, am.BackwardBytes = metricsMedianCost(c)
		if *debug {
			act := probe.Summarize(out.Value)
			am.Activation = &act
			if out.Grad != nil {
				g := probe.Summarize(out.Grad)
				am.Gradient = &g
			}
		}
		res.Areas = append(res.Areas, am)
	}
	res.Glue.ForwardMs, res.Glue.BackwardMs, res.Glue.ForwardBytes, res.Glue.BackwardBytes = metricsMedianCost(glue)
	if *debug {
		if err := metricsFirstNonFinite(last); err != nil {
			return err
		}
	}
	if *probeTrain > 0 {
		info, err := metricsProbes(sys, task, res.Areas, *probeTrain, *probeTest, *grid, *ridge, stderr)
		if err != nil {
			return err
		}
		res.Probe = info
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	metricsText(stdout, &res)
	return nil
}

// metricsTask returns the task matching the system: static MNIST or
// moving-MNIST with the system's frame format.
func metricsTask(cfg *cortex.Config, dir string, nTrain, nTest int) (cortex.Task, error) {
	train, err := data.LoadMNIST(dir, "train")
	if err != nil {
		return nil, err
	}
	test, err := data.LoadMNIST(dir, "test")
	if err != nil {
		return nil, err
	}
	if !cfg.Motion {
		return &cortex.MNISTTask{Train: train.Subset(0, min(nTrain, train.Len())), Test: test.Subset(0, min(nTest, test.Len()))}, nil
	}
	mc := data.MovingConfig{Frames: cfg.Frames, Height: cfg.Height, Width: cfg.Width, Seed: 1}
	return cortex.NewMovingTask(train, test, mc, nTrain, nTest)
}

// metricsProbes fits linear read-outs of digit class (and motion
// direction) on each area's pooled features.
func metricsProbes(sys *cortex.System, task cortex.Task, areas []areaMetrics, nTrain, nTest, grid int, ridge float64, stderr io.Writer) (map[string]any, error) {
	fmt.Fprintf(stderr, "linear probes: %d training and %d held-out examples, features pooled on a %dx%d grid\n", nTrain, nTest, grid, grid)
	names := []string{"retina", "V1", "V2", "V4", "IT"}
	if sys.Dorsal != nil {
		names = append(names, "MT")
	}
	trF, trT, err := metricsFeatures(sys, task, false, nTrain, names, grid)
	if err != nil {
		return nil, err
	}
	teF, teT, err := metricsFeatures(sys, task, true, nTest, names, grid)
	if err != nil {
		return nil, err
	}
	for i := range areas {
		name := areas[i].Area
		if trF[name] == nil {
			continue
		}
		tr, te, err := probe.ProbeAccuracy(trF[name], trT.Class, teF[name], teT.Class, sys.Config.Classes, ridge)
		if err != nil {
			return nil, fmt.Errorf("%s digit probe: %w", name, err)
		}
		areas[i].ProbeDigit = &probeScore{tr, te}
		if sys.Dorsal != nil {
			tr, te, err := probe.ProbeAccuracy(trF[name], trT.Direction, teF[name], teT.Direction, sys.Config.Directions, ridge)
			if err != nil {
				return nil, fmt.Errorf("%s direction probe: %w", name, err)
			}
			areas[i].ProbeDirection = &probeScore{tr, te}
		}
	}
	return map[string]any{
		"train_examples": nTrain, "test_examples": nTest, "grid": grid, "ridge": ridge,
		"read_out": "ridge classifier on standardised features; train split for fitting, test split held out",
		"features": "retina: last frame's P and M maps; IT: pooled V4 features read by the IT head; MT: the MT maps",
	}, nil
}

// metricsFeatures runs the system on n examples of the train or test set
// and returns each area's pooled features and the targets.
func metricsFeatures(sys *cortex.System, task cortex.Task, test bool, n int, names []string, grid int) (map[string]*tensor.Tensor, cortex.Targets, error) {
	const chunk = 100
	feats := map[string][]*tensor.Tensor{}
	var all cortex.Targets
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		idx := make([]int, hi-lo)
		for i := range idx {
			idx[i] = lo + i
		}
		x, tg := task.Batch(nil, test, 0, idx)
		out, err := sys.Forward(autodiff.NoGrad(), x, nil)
		if err != nil {
			return nil, all, err
		}
		all.Class = append(all.Class, tg.Class...)
		all.Direction = append(all.Direction, tg.Direction...)
		for _, name := range names {
			var act *tensor.Tensor
			if name == "IT" {
				act = out.Areas.IT.Value
			} else if act, err = probeAreaOf(out.Areas, name, len(idx)); err != nil {
				return nil, all, err
			}
			f, err := probe.PoolFeatures(act, grid)
			if err != nil {
				return nil, all, err
			}
			feats[name] = append(feats[name], f)
		}
	}
	res := map[string]*tensor.Tensor{}
	for name, parts := range feats {
		d := parts[0].Dim(1)
		t := tensor.New(n, d)
		k := 0
		for _, p := range parts {
			copy(t.Data()[k:], p.Data())
			k += p.Size()
		}
		res[name] = t
	}
	return res, all, nil
}

// metricsMedianCost returns the median of each figure over the runs.
func metricsMedianCost(c []metricsCost) (fwdMs, bwdMs float64, fwdB, bwdB int64) {
	f, b := make([]float64, len(c)), make([]float64, len(c))
	fb, bb := make([]int64, len(c)), make([]int64, len(c))
	for i, x := range c {
		f[i], b[i] = float64(x.fwd)/float64(time.Millisecond), float64(x.bwd)/float64(time.Millisecond)
		fb[i], bb[i] = x.fwdB, x.bwdB
	}
	med := func(v []int64) int64 {
		slices.Sort(v)
		return v[len(v)/2]
	}
	return probeMedian(f), probeMedian(b), med(fb), med(bb)
}

func metricsText(w io.Writer, r *metricsResult) {
	fmt.Fprintf(w, "%s on %s, batch %d (median of %d runs)\n", r.System, r.Task, r.Batch, r.Runs)
	fmt.Fprintf(w, "%-7s %-18s %9s %10s %11s %10s %10s %8s %8s\n", "area", "output", "params", "fwd (ms)", "bwd (ms)", "fwd (MB)", "bwd (MB)", "digit", "dir")
	for _, a := range r.Areas {
		digit, dir := "-", "-"
		if a.ProbeDigit != nil {
			digit = fmt.Sprintf("%.1f%%", 100*a.ProbeDigit.Test)
		}
		if a.ProbeDirection != nil {
			dir = fmt.Sprintf("%.1f%%", 100*a.ProbeDirection.Test)
		}
		fmt.Fprintf(w, "%-7s %-18s %9d %10.2f %11.2f %10.2f %10.2f %8s %8s\n", a.Area, fmt.Sprint(a.OutputShape), a.Params,
			a.ForwardMs, a.BackwardMs, float64(a.ForwardBytes)/1e6, float64(a.BackwardBytes)/1e6, digit, dir)
		if a.Activation != nil {
			fmt.Fprintf(w, "        activation %+v\n", *a.Activation)
		}
		if a.Gradient != nil {
			fmt.Fprintf(w, "        gradient   %+v\n", *a.Gradient)
		}
	}
	g := r.Glue
	name := "glue"
	if len(g.Scopes) > 0 {
		name += fmt.Sprintf(" (and scopes %v)", g.Scopes)
	}
	fmt.Fprintf(w, "%-26s %9s %10.2f %11.2f %10.2f %10.2f\n", name, "", g.ForwardMs, g.BackwardMs, float64(g.ForwardBytes)/1e6, float64(g.BackwardBytes)/1e6)
	fmt.Fprintf(w, "MB: tensors produced by the area's ops; glue: ops between the areas and the losses\n")
	if r.Probe != nil {
		fmt.Fprintln(w, "digit/dir: held-out accuracy of a linear read-out of each area (chance 10% / 12.5%)")
	}
}
