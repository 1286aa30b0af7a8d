package cortex

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/nn/safetensors"
	"github.com/neurocortex/neurocortex/tensor"
)

// TrainOptions configures a training run. Everything that shapes the
// result is here or in Config, so that a checkpoint can verify that a
// resumed run is the same run.
type TrainOptions struct {
	Epochs      int     `json:"epochs"`
	Batch       int     `json:"batch"`
	LR          float64 `json:"lr"`           // peak learning rate of Adam
	MinLR       float64 `json:"min_lr"`       // learning rate at the end of the cosine decay
	WarmupSteps int     `json:"warmup_steps"` // linear warm-up steps
	WeightDecay float64 `json:"weight_decay"` // decoupled (AdamW) weight decay
	Seed        uint64  `json:"seed"`         // data order, noise and initial weights
	EvalBatch   int     `json:"-"`            // batch size of evaluation (does not change results)
}

// DefaultTrainOptions returns the options of `cortex train`.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs: 4, Batch: 64, LR: 2e-3, MinLR: 2e-5, WarmupSteps: 100, WeightDecay: 1e-4, Seed: 1, EvalBatch: 500}
}

// Validate reports the first option that is out of range.
func (o TrainOptions) Validate() error {
	switch {
	case o.Epochs < 1 || o.Epochs > 100000:
		return fmt.Errorf("cortex: TrainOptions.Epochs = %d, want 1..100000", o.Epochs)
	case o.Batch < 1 || o.Batch > 65536:
		return fmt.Errorf("cortex: TrainOptions.Batch = %d, want 1..65536", o.Batch)
	case !(o.LR > 0 && o.LR < 10):
		return fmt.Errorf("cortex: TrainOptions.LR = %v, want (0, 10)", o.LR)
	case !(o.MinLR >= 0 && o.MinLR <= o.LR):
		return fmt.Errorf("cortex: TrainOptions.MinLR = %v, want [0, LR]", o.MinLR)
	case o.WarmupSteps < 0:
		return fmt.Errorf("cortex: TrainOptions.WarmupSteps = %d, want >= 0", o.WarmupSteps)
	case !(o.WeightDecay >= 0 && o.WeightDecay < 1):
		return fmt.Errorf("cortex: TrainOptions.WeightDecay = %v, want [0, 1)", o.WeightDecay)
	case o.EvalBatch < 0:
		return fmt.Errorf("cortex: TrainOptions.EvalBatch = %d, want >= 0", o.EvalBatch)
	}
	return nil
}

// Trainer trains a System on a Task with AdamW under a warm-up + cosine
// learning-rate schedule. Each step is a pure function of the state and
// (Seed, epoch, step): the epoch's data order is data.Permutation(TrainLen,
// Seed, epoch) and the training noise of a step has its own generator, so
// a run resumed from a checkpoint (which holds the parameters, the batch
// statistics, the optimiser state and the position) ends with the same
// bits as an uninterrupted one.
type Trainer struct {
	Sys   *System
	Task  Task
	Opts  TrainOptions
	Opt   *nn.Adam
	Sched nn.CosineLR
	Epoch int // epoch of the next step
	Step  int // step within the epoch of the next step

	perm      []int
	permEpoch int
	x         *tensor.Tensor
	bufs      [][]float32 // batch statistics before the current step (saveBuffers)
}

// NewTrainer returns a trainer at the start of training.
func NewTrainer(sys *System, task Task, opts TrainOptions) (*Trainer, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if task.TrainLen() < opts.Batch {
		return nil, fmt.Errorf("cortex: %s has %d training examples, fewer than one batch of %d", task.Name(), task.TrainLen(), opts.Batch)
	}
	if opts.EvalBatch == 0 {
		opts.EvalBatch = 500
	}
	opt := nn.NewAdamW(sys.Trainable(), opts.LR)
	opt.WeightDecay = float32(opts.WeightDecay)
	tr := &Trainer{Sys: sys, Task: task, Opts: opts, Opt: opt, permEpoch: -1}
	tr.Sched = nn.CosineLR{Base: opts.LR, Min: opts.MinLR, Warmup: opts.WarmupSteps, Total: opts.Epochs * tr.StepsPerEpoch()}
	return tr, nil
}

// StepsPerEpoch returns the number of full batches per epoch (a last,
// partial batch is dropped).
func (tr *Trainer) StepsPerEpoch() int { return tr.Task.TrainLen() / tr.Opts.Batch }

// Done reports whether every epoch has been trained.
func (tr *Trainer) Done() bool { return tr.Epoch >= tr.Opts.Epochs }

// Position returns the next step as messages print it: "epoch E step S",
// both counted from 1 as the progress bar counts epochs (Epoch and Step
// count from 0). A checkpoint written after step S of epoch E resumes at
// step S+1.
func (tr *Trainer) Position() string {
	return fmt.Sprintf("epoch %d step %d", tr.Epoch+1, tr.Step+1)
}

// globalStep returns the number of steps taken.
func (tr *Trainer) globalStep() int { return tr.Epoch*tr.StepsPerEpoch() + tr.Step }

// stepStream is the generator stream of the training noise of one step.
func stepStream(epoch, step int) uint64 { return 1<<32 | uint64(epoch)<<20 ^ uint64(step) }

// StepResult is the outcome of one training step.
type StepResult struct {
	Loss               float64
	Correct, Direction int // correct class and direction answers in the batch
	N                  int // batch size
}

// TrainStep runs the next step: forward, backward, optimiser update.
//
// A NaN or an Inf in the loss or in the gradients stops the step before
// the optimiser changes anything: the parameters, the optimiser state and
// the batch-normalisation statistics are those before the step, the
// position is not advanced, and the error names the step and the first
// area (tape scope) that produced a non-finite value, found by running the
// step again on a tape that checks every op (see diagnoseNonFinite). The
// check costs one pass over the gradients when everything is finite.
func (tr *Trainer) TrainStep() (StepResult, error) {
	if tr.Done() {
		return StepResult{}, errors.New("cortex: training already finished")
	}
	if tr.permEpoch != tr.Epoch {
		tr.perm = data.Permutation(tr.Task.TrainLen(), tr.Opts.Seed, uint64(tr.Epoch))
		tr.permEpoch = tr.Epoch
	}
	b := tr.Opts.Batch
	idx := tr.perm[tr.Step*b : (tr.Step+1)*b]
	x, tg := tr.Task.Batch(tr.x, false, tr.Epoch, idx)
	tr.x = x
	tr.Sys.SetTraining(true)
	tr.saveBuffers()
	tp := autodiff.NewTape()
	// The step's activations and gradients are the same sizes every step:
	// recycling them spares the zeroing and page faults of fresh storage.
	// Areas kept for the caller (KeepIntermediate) must outlive the step.
	tp.Recycle = recycleSteps && !tr.Sys.Config.KeepIntermediate
	defer tp.Release()
	out, err := tr.Sys.Forward(tp, x, tensor.NewRNG(tr.Opts.Seed, stepStream(tr.Epoch, tr.Step)))
	if err != nil {
		return StepResult{}, err
	}
	loss, err := tr.Sys.Loss(tp, out, tg)
	if err != nil {
		return StepResult{}, err
	}
	tr.Opt.ZeroGrad()
	if err := tp.Backward(loss); err != nil {
		return StepResult{}, err
	}
	res := StepResult{Loss: float64(loss.Value.Item()), N: b, Correct: countCorrect(out.Class.Value, tg.Class)}
	if out.Direction != nil {
		res.Direction = countCorrect(out.Direction.Value, tg.Direction)
	}
	if what := tr.nonFinite(res.Loss); what != "" {
		return res, tr.diagnoseNonFinite(what, x, tg)
	}
	tr.Opt.SetLR(tr.Sched.LR(tr.globalStep()))
	tr.Opt.Step()
	tr.Step++
	if tr.Step == tr.StepsPerEpoch() {
		tr.Epoch, tr.Step = tr.Epoch+1, 0
	}
	return res, nil
}

// recycleSteps lets the tests compare recycled steps with fresh ones.
var recycleSteps = true

// countCorrect returns how many rows of logits [N, C] have their first
// maximum at the label.
func countCorrect(logits *tensor.Tensor, labels []int) int {
	n, c := logits.Dim(0), logits.Dim(1)
	d := logits.Data()
	correct := 0
	for i := 0; i < n; i++ {
		row := d[i*c : (i+1)*c]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		if best == labels[i] {
			correct++
		}
	}
	return correct
}

// Metrics are evaluation results on a test set.
type Metrics struct {
	N             int     `json:"n"`
	Accuracy      float64 `json:"accuracy"`           // object class
	DirAccuracy   float64 `json:"direction_accuracy"` // motion direction (sequences only)
	PositionError float64 `json:"position_error_px"`  // mean distance of the position estimate, pixels (sequences only)
	Loss          float64 `json:"loss"`
}

// Evaluate runs the system in evaluation mode (no noise, running batch
// statistics) on the first n test examples (all when n <= 0).
func Evaluate(sys *System, task Task, n, batch int) (Metrics, error) {
	if n <= 0 || n > task.TestLen() {
		n = task.TestLen()
	}
	if batch <= 0 {
		batch = 500
	}
	sys.SetTraining(false)
	defer sys.SetTraining(true)
	var m Metrics
	var correct, dir int
	var lossSum, posSum float64
	var x *tensor.Tensor
	idx := make([]int, 0, batch)
	cfg := &sys.Config
	for lo := 0; lo < n; lo += batch {
		hi := min(lo+batch, n)
		idx = idx[:0]
		for i := lo; i < hi; i++ {
			idx = append(idx, i)
		}
		var tg Targets
		x, tg = task.Batch(x, true, 0, idx)
		tp := autodiff.NoGrad()
		tp.Recycle = recycleSteps && !cfg.KeepIntermediate
		out, err := sys.Forward(tp, x, nil)
		if err != nil {
			return m, err
		}
		loss, err := sys.Loss(tp, out, tg)
		if err != nil {
			return m, err
		}
		lossSum += float64(loss.Value.Item()) * float64(hi-lo)
		correct += countCorrect(out.Class.Value, tg.Class)
		if out.Direction != nil {
			dir += countCorrect(out.Direction.Value, tg.Direction)
			p, q := out.Position.Value.Data(), tg.Position.Data()
			for i := 0; i < hi-lo; i++ {
				dx := float64(p[2*i]-q[2*i]) * float64(cfg.Width) / 2
				dy := float64(p[2*i+1]-q[2*i+1]) * float64(cfg.Height) / 2
				posSum += math.Hypot(dx, dy)
			}
		}
		tp.Release()
		if hi == n {
			x = nil
		}
	}
	m.N = n
	m.Accuracy = float64(correct) / float64(n)
	m.Loss = lossSum / float64(n)
	if cfg.Motion {
		m.DirAccuracy = float64(dir) / float64(n)
		m.PositionError = posSum / float64(n)
	}
	return m, nil
}

// Progress reports a running training epoch.
type Progress struct {
	Epoch, Epochs int     // current epoch (from 0) and total
	Step, Steps   int     // steps done in this epoch and per epoch
	Loss          float64 // mean loss over this epoch so far
	Accuracy      float64 // class accuracy over this epoch so far
	DirAccuracy   float64 // direction accuracy over this epoch so far (sequences)
	Images        int     // examples trained on in this run
	RunSteps      int     // steps taken in this run
	Elapsed       time.Duration
}

// ErrInterrupted is returned by Run when its context is cancelled: the
// current step was finished and a checkpoint written.
var ErrInterrupted = errors.New("cortex: training interrupted")

// Run trains until Done or until ctx is cancelled, calling progress after
// every step (it may be nil) and writing a checkpoint to path (if not
// empty) at the end of every epoch and when interrupted.
func (tr *Trainer) Run(ctx context.Context, path string, progress func(Progress)) error {
	start := time.Now()
	images, runSteps := 0, 0
	var lossSum float64
	var correct, dir, seen int
	for !tr.Done() {
		if tr.Step == 0 {
			lossSum, correct, dir, seen = 0, 0, 0, 0
		}
		epoch := tr.Epoch
		r, err := tr.TrainStep()
		if err != nil {
			return err
		}
		images += r.N
		runSteps++
		seen += r.N
		lossSum += r.Loss * float64(r.N)
		correct += r.Correct
		dir += r.Direction
		if progress != nil {
			step := tr.Step
			if tr.Epoch != epoch {
				step = tr.StepsPerEpoch()
			}
			progress(Progress{
				Epoch: epoch, Epochs: tr.Opts.Epochs, Step: step, Steps: tr.StepsPerEpoch(),
				Loss: lossSum / float64(seen), Accuracy: float64(correct) / float64(seen), DirAccuracy: float64(dir) / float64(seen),
				Images: images, RunSteps: runSteps, Elapsed: time.Since(start),
			})
		}
		epochEnd := tr.Step == 0
		if epochEnd && path != "" {
			if err := tr.Save(path); err != nil {
				return err
			}
		}
		if ctx.Err() != nil {
			if !epochEnd && path != "" {
				if err := tr.Save(path); err != nil {
					return err
				}
			}
			return ErrInterrupted
		}
	}
	return nil
}

// Checkpoint metadata keys.
const (
	metaConfig  = "cortex.config"
	metaOptions = "cortex.options"
	metaTask    = "cortex.task"
	metaEpoch   = "cortex.epoch"
	metaStep    = "cortex.step"
)

// Save writes a checkpoint of the system, the optimiser and the position
// in training, atomically (nn.SaveCheckpoint).
func (tr *Trainer) Save(path string) error {
	cfg, err := json.Marshal(tr.Sys.Config)
	if err != nil {
		return err
	}
	opts, err := json.Marshal(tr.Opts)
	if err != nil {
		return err
	}
	meta := map[string]string{
		metaConfig: string(cfg), metaOptions: string(opts), metaTask: tr.Task.Name(),
		metaEpoch: strconv.Itoa(tr.Epoch), metaStep: strconv.Itoa(tr.Step),
	}
	return nn.SaveCheckpoint(path, tr.Sys, tr.Opt, meta)
}

// Resume loads a checkpoint written by Save into tr, whose system, task
// and options must be those the checkpoint was written with.
func (tr *Trainer) Resume(path string) error {
	cfg, opts, task, err := ReadCheckpointInfo(path)
	if err != nil {
		return err
	}
	if task != tr.Task.Name() {
		return fmt.Errorf("cortex: checkpoint %s was trained on %s, not %s", path, task, tr.Task.Name())
	}
	want, _ := json.Marshal(tr.Sys.Config)
	got, _ := json.Marshal(cfg)
	if string(want) != string(got) {
		return fmt.Errorf("cortex: checkpoint %s holds a different system configuration", path)
	}
	o := tr.Opts
	o.EvalBatch = 0
	opts.EvalBatch = 0
	if o != opts {
		return fmt.Errorf("cortex: checkpoint %s was written with options %+v, not %+v", path, opts, o)
	}
	meta, err := nn.LoadCheckpoint(path, tr.Sys, tr.Opt)
	if err != nil {
		return err
	}
	e, err1 := strconv.Atoi(meta[metaEpoch])
	s, err2 := strconv.Atoi(meta[metaStep])
	if err1 != nil || err2 != nil || e < 0 || s < 0 || s >= tr.StepsPerEpoch() || e > tr.Opts.Epochs {
		return fmt.Errorf("cortex: checkpoint %s: bad position epoch %q step %q", path, meta[metaEpoch], meta[metaStep])
	}
	tr.Epoch, tr.Step = e, s
	return nil
}

// ReadCheckpointInfo returns the configuration, options and task name a
// checkpoint was written with.
func ReadCheckpointInfo(path string) (Config, TrainOptions, string, error) {
	f, err := safetensors.ReadFile(path)
	if err != nil {
		return Config{}, TrainOptions{}, "", fmt.Errorf("cortex: %w", err)
	}
	return checkpointInfo(path, f)
}

func checkpointInfo(path string, f *safetensors.File) (Config, TrainOptions, string, error) {
	var cfg Config
	var opts TrainOptions
	meta := f.Metadata
	if err := json.Unmarshal([]byte(meta[metaConfig]), &cfg); err != nil {
		return cfg, opts, "", fmt.Errorf("cortex: checkpoint %s: configuration: %v", path, err)
	}
	if err := json.Unmarshal([]byte(meta[metaOptions]), &opts); err != nil {
		return cfg, opts, "", fmt.Errorf("cortex: checkpoint %s: options: %v", path, err)
	}
	if err := cfg.Validate(); err != nil {
		return cfg, opts, "", fmt.Errorf("checkpoint %s: %w", path, err)
	}
	return cfg, opts, meta[metaTask], nil
}

// LoadSystem rebuilds the system stored in a checkpoint (for evaluation)
// and returns it with the name of its task and its training options. The
// shapes the stored configuration implies are checked against the file's
// tensors before the system is built: memory follows the file's size, not
// what its metadata claims.
func LoadSystem(path string) (*System, string, TrainOptions, error) {
	f, err := safetensors.ReadFile(path)
	if err != nil {
		return nil, "", TrainOptions{}, fmt.Errorf("cortex: %w", err)
	}
	cfg, opts, task, err := checkpointInfo(path, f)
	if err != nil {
		return nil, "", opts, err
	}
	if err := checkPlannedShapes(path, f, &cfg); err != nil {
		return nil, "", opts, err
	}
	f = nil // LoadCheckpoint reads the file again; let this copy go
	sys, err := New(cfg, opts.Seed)
	if err != nil {
		return nil, "", opts, err
	}
	if _, err := nn.LoadCheckpoint(path, sys, nil); err != nil {
		return nil, "", opts, err
	}
	return sys, task, opts, nil
}
