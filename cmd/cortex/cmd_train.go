package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/data"
)

func init() {
	register("train", "train the visual system on moving-MNIST (what + where) or static MNIST", runTrain)
}

// trainResult is the --json object of cortex train.
type trainResult struct {
	Dataset        string   `json:"dataset"`
	Epochs         int      `json:"epochs"`
	TestAccuracy   float64  `json:"test_accuracy"`
	WhereAccuracy  *float64 `json:"where_accuracy,omitempty"`    // moving-MNIST only
	PositionErrPx  *float64 `json:"position_error_px,omitempty"` // moving-MNIST only
	TestExamples   int      `json:"test_examples"`
	ImagesPerS     float64  `json:"images_per_s"`
	Seconds        float64  `json:"seconds"`
	Checkpoint     string   `json:"checkpoint"`
	Resumed        bool     `json:"resumed"`
	FinalTrainLoss float64  `json:"final_train_loss"`
}

const trainCheckpointName = "checkpoint.safetensors"

func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", stderr)
	dataset := fs.String("dataset", "moving-mnist", "moving-mnist (what + where) or mnist (static digits)")
	out := fs.String("out", "out", "directory for the checkpoint and the plots (training.png, v1.png)")
	def := cortex.DefaultTrainOptions()
	epochs := fs.Int("epochs", 0, "training epochs (0: the dataset's default)")
	batch := fs.Int("batch", def.Batch, "batch size")
	seed := fs.Uint64("seed", def.Seed, "seed of the initial weights, data order and noise")
	lr := fs.Float64("lr", 0, "peak learning rate (0: the default)")
	trainSize := fs.Int("train-size", 0, "training examples per epoch (0: all of MNIST's 60000)")
	testSize := fs.Int("test-size", 0, "test examples (0: all 10000)")
	dir := fs.String("mnist-dir", "", "directory of the MNIST files (default: $"+data.EnvMNISTDir+", else the GoMNIST module)")
	resume := fs.Bool("resume", false, "continue from the checkpoint in --out")
	logPolar := fs.Bool("log-polar", false, "V1 sees the retina through the Schwartz complex-log map (foveal magnification)")
	asJSON := fs.Bool("json", false, "print the final result as one JSON object on stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, opts, err := trainDefaults(*dataset)
	if err != nil {
		return err
	}
	if *epochs != 0 {
		opts.Epochs = *epochs
	}
	cfg.LogPolar = *logPolar
	if *lr != 0 {
		opts.LR = *lr
		opts.MinLR = *lr / 100
	}
	opts.Batch, opts.Seed = *batch, *seed
	if err := opts.Validate(); err != nil {
		return usagef("%v", strings.TrimPrefix(err.Error(), "cortex: "))
	}
	if *trainSize < 0 || *testSize < 0 {
		return usagef("--train-size and --test-size must be >= 0")
	}
	if *trainSize != 0 && *trainSize < opts.Batch {
		return usagef("--train-size %d is smaller than one batch (%d)", *trainSize, opts.Batch)
	}
	ckpt := filepath.Join(*out, trainCheckpointName)
	if *resume {
		if _, err := os.Stat(ckpt); err != nil {
			return usagef("--resume: no checkpoint at %s", ckpt)
		}
	}
	// The output folder is proved writable before minutes of loading and
	// training, and cleared of temporary files a killed save left.
	if err := checkWritableDir("out", *out); err != nil {
		return err
	}
	if err := trainRemoveStaleTemps(*out, stderr); err != nil {
		return err
	}
	task, err := trainTask(*dataset, *dir, *trainSize, *testSize, opts.Seed)
	if err != nil {
		return err
	}
	sys, err := cortex.New(cfg, opts.Seed)
	if err != nil {
		return err
	}
	tr, err := cortex.NewTrainer(sys, task, opts)
	if err != nil {
		return err
	}
	if *resume {
		if err := tr.Resume(ckpt); err != nil {
			return err
		}
		if tr.Done() {
			fmt.Fprintf(stderr, "%s: training already complete (%d epochs)\n", ckpt, opts.Epochs)
		} else {
			fmt.Fprintf(stderr, "resuming %s from %s at %s\n", task.Name(), ckpt, tr.Position())
		}
	}
	fmt.Fprintf(stderr, "training %s: %d epochs of %d examples, batch %d, %d parameters\n",
		task.Name(), opts.Epochs, task.TrainLen(), opts.Batch, trainParamCount(sys))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressBar(stderr, sys.Config.Motion)
	start := time.Now()
	var last cortex.Progress
	var curve trainCurve
	runErr := tr.Run(ctx, ckpt, func(p cortex.Progress) {
		last = p
		bar.update(p)
		if p.RunSteps == 1 || p.RunSteps%10 == 0 || p.Step == p.Steps {
			curve.add(p)
		}
	})
	bar.finish()
	seconds := time.Since(start).Seconds()
	if errors.Is(runErr, cortex.ErrInterrupted) {
		fmt.Fprintf(stderr, "interrupted: checkpoint written to %s; --resume continues at %s\n", ckpt, tr.Position())
		return runErr
	}
	if runErr != nil {
		if _, err := os.Stat(ckpt); err == nil {
			fmt.Fprintf(stderr, "training stopped; the last checkpoint written, %s, is unchanged\n", ckpt)
		}
		return runErr
	}
	if err := trainWritePlots(*out, &curve, sys); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "evaluating on %d test examples...\n", task.TestLen())
	m, err := cortex.Evaluate(sys, task, 0, 500)
	if err != nil {
		return err
	}
	res := trainResult{
		Dataset: task.Name(), Epochs: opts.Epochs, TestAccuracy: m.Accuracy, TestExamples: m.N,
		Seconds: seconds, Checkpoint: ckpt, Resumed: *resume, FinalTrainLoss: last.Loss,
	}
	if last.Images > 0 && last.Elapsed > 0 {
		res.ImagesPerS = float64(last.Images) / last.Elapsed.Seconds()
	}
	if sys.Config.Motion {
		res.WhereAccuracy, res.PositionErrPx = &m.DirAccuracy, &m.PositionError
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		return enc.Encode(res)
	}
	fmt.Fprintf(stdout, "%s: test accuracy %.2f%%", res.Dataset, 100*res.TestAccuracy)
	if sys.Config.Motion {
		fmt.Fprintf(stdout, ", direction accuracy %.2f%%, position error %.2f px", 100*m.DirAccuracy, m.PositionError)
	}
	fmt.Fprintf(stdout, " (%d test examples)\ntrained %d epochs in %.0f s, %.0f images/s; checkpoint %s\n", res.TestExamples, res.Epochs, res.Seconds, res.ImagesPerS, res.Checkpoint)
	return nil
}

// trainDefaults returns the system and options of a dataset's default run.
func trainDefaults(dataset string) (cortex.Config, cortex.TrainOptions, error) {
	opts := cortex.DefaultTrainOptions()
	switch dataset {
	case "mnist":
		opts.Epochs = 3 // 99.1% test accuracy (measured, see the issue note)
		return cortex.DefaultConfig(), opts, nil
	case "moving-mnist":
		opts.Epochs = 2 // two epochs of 60,000 fresh sequences
		return cortex.MovingConfig(), opts, nil
	}
	return cortex.Config{}, opts, usagef("--dataset %q: want moving-mnist or mnist", dataset)
}

// trainTask loads the data of a dataset.
func trainTask(dataset, dir string, trainSize, testSize int, seed uint64) (cortex.Task, error) {
	train, err := data.LoadMNIST(dir, "train")
	if err != nil {
		return nil, err
	}
	test, err := data.LoadMNIST(dir, "test")
	if err != nil {
		return nil, err
	}
	if dataset == "mnist" {
		if trainSize > 0 && trainSize < train.Len() {
			train = train.Subset(0, trainSize)
		}
		if testSize > 0 && testSize < test.Len() {
			test = test.Subset(0, testSize)
		}
		return &cortex.MNISTTask{Train: train, Test: test}, nil
	}
	if trainSize == 0 {
		trainSize = train.Len()
	}
	if testSize == 0 {
		testSize = test.Len()
	}
	c := cortex.MovingConfig()
	return cortex.NewMovingTask(train, test, data.MovingConfig{Frames: c.Frames, Height: c.Height, Width: c.Width, Seed: seed}, trainSize, testSize)
}

func trainParamCount(s *cortex.System) int {
	n := 0
	for _, p := range s.Trainable() {
		n += p.Value.Size()
	}
	return n
}

// trainRemoveStaleTemps removes the temporary files that a save killed
// between creating and renaming its file left in dir. They are named as
// safetensors.WriteFileAtomic names them for the checkpoint: "." + name +
// ".tmp-" + the decimal number os.CreateTemp draws; nothing else is touched.
func trainRemoveStaleTemps(dir string, stderr io.Writer) error {
	prefix := "." + trainCheckpointName + ".tmp-"
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, prefix) || !trainAllDigits(name[len(prefix):]) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		fmt.Fprintf(stderr, "removed %s, left by an interrupted save\n", filepath.Join(dir, name))
	}
	return nil
}

func trainAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
