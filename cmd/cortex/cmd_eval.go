package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/data"
)

func init() {
	register("eval", "evaluate a trained checkpoint on the MNIST test split", runEval)
}

type evalResult struct {
	Checkpoint    string   `json:"checkpoint"`
	Dataset       string   `json:"dataset"`
	TestExamples  int      `json:"test_examples"`
	TestAccuracy  float64  `json:"test_accuracy"`
	WhereAccuracy *float64 `json:"where_accuracy,omitempty"`    // moving-MNIST only
	PositionErrPx *float64 `json:"position_error_px,omitempty"` // moving-MNIST only
	Loss          float64  `json:"loss"`
}

func runEval(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval", stderr)
	ckpt := fs.String("checkpoint", "", "checkpoint written by cortex train (required)")
	testSize := fs.Int("test-size", 0, "test examples (0: all 10000)")
	dir := fs.String("mnist-dir", "", "directory of the MNIST files (default: $"+data.EnvMNISTDir+", else the GoMNIST module)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object on stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *ckpt == "" {
		return usagef("--checkpoint is required")
	}
	if *testSize < 0 {
		return usagef("--test-size %d: want >= 0", *testSize)
	}
	if _, err := os.Stat(*ckpt); err != nil {
		return usagef("--checkpoint: %v", err)
	}
	sys, taskName, _, err := cortex.LoadSystem(*ckpt)
	if err != nil {
		return err
	}
	test, err := data.LoadMNIST(*dir, "test")
	if err != nil {
		return err
	}
	var task cortex.Task
	switch taskName {
	case "mnist":
		if *testSize > 0 && *testSize < test.Len() {
			test = test.Subset(0, *testSize)
		}
		task = &cortex.MNISTTask{Train: test, Test: test}
	case "moving-mnist":
		n := *testSize
		if n == 0 {
			n = test.Len()
		}
		c := sys.Config
		task, err = cortex.NewMovingTask(test, test, data.MovingConfig{Frames: c.Frames, Height: c.Height, Width: c.Width}, n, n)
		if err != nil {
			return err
		}
	default:
		return fmt.Errorf("checkpoint %s was trained on %q, which eval does not know", *ckpt, taskName)
	}
	m, err := cortex.Evaluate(sys, task, 0, 500)
	if err != nil {
		return err
	}
	res := evalResult{Checkpoint: *ckpt, Dataset: taskName, TestExamples: m.N, TestAccuracy: m.Accuracy, Loss: m.Loss}
	if sys.Config.Motion {
		res.WhereAccuracy, res.PositionErrPx = &m.DirAccuracy, &m.PositionError
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	fmt.Fprintf(stdout, "%s on %d test examples: accuracy %.2f%%", taskName, m.N, 100*m.Accuracy)
	if sys.Config.Motion {
		fmt.Fprintf(stdout, ", direction accuracy %.2f%%, position error %.2f px", 100*m.DirAccuracy, m.PositionError)
	}
	fmt.Fprintf(stdout, ", loss %.4f\n", m.Loss)
	return nil
}
