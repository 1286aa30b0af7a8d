package reliability

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/nn/safetensors"
	"github.com/neurocortex/neurocortex/tensor"
)

// poisonTask is an MNIST task whose training batch number poisonAt (0 =
// the first batch of the run) carries one non-finite pixel.
type poisonTask struct {
	*cortex.MNISTTask
	poisonAt int
	value    float32
	calls    int
}

func (p *poisonTask) Batch(x *tensor.Tensor, test bool, epoch int, idx []int) (*tensor.Tensor, cortex.Targets) {
	x, tg := p.MNISTTask.Batch(x, test, epoch, idx)
	if !test {
		if p.calls == p.poisonAt {
			x.Data()[len(x.Data())/2] = p.value
		}
		p.calls++
	}
	return x, tg
}

// stepNumber finds the step an error names ("step 6", "step 2 of epoch 1").
var stepNumber = regexp.MustCompile(`step (\d+)`)

// areaNames are the tape scopes of the system's areas, first to last.
var areaNames = []string{"retina", "sheet", "v1", "v2", "v4", "it", "dorsal", "mt"}

// checkpointFinite reports the first tensor of a checkpoint file that
// holds a NaN or an Inf.
func checkpointFinite(path string) error {
	f, err := safetensors.ReadFile(path)
	if err != nil {
		return err
	}
	for _, x := range f.Tensors {
		if !x.DType.IsFloat() {
			continue
		}
		v, err := x.Float32s()
		if err != nil {
			return err
		}
		for i, e := range v {
			if math.IsNaN(float64(e)) || math.IsInf(float64(e), 0) {
				return fmt.Errorf("tensor %q element %d is %v", x.Name, i, e)
			}
		}
	}
	return nil
}

// A NaN or an Inf in a training batch stops training with an error that
// names the step and the first layer that produced a non-finite value
// (the retina, which reads the poisoned input), and leaves on disk the
// checkpoint of the last epoch end, byte for byte.
func TestNonFiniteInputStopsTraining(t *testing.T) {
	const epochs, batch, stepsPerEpoch = 3, 8, 4
	const poisonEpoch, poisonStep = 1, 2
	for _, v := range []float32{float32(math.NaN()), float32(math.Inf(1))} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			cfg := smallConfig(false)
			sys, err := cortex.New(cfg, 1)
			if err != nil {
				t.Fatal(err)
			}
			d := digits(batch*stepsPerEpoch, cfg.Height, cfg.Width, 1)
			task := &poisonTask{MNISTTask: &cortex.MNISTTask{Train: d, Test: d}, poisonAt: poisonEpoch*stepsPerEpoch + poisonStep, value: v}
			opts := cortex.DefaultTrainOptions()
			opts.Epochs, opts.Batch = epochs, batch
			tr, err := cortex.NewTrainer(sys, task, opts)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "checkpoint.safetensors")
			var good []byte
			runErr := tr.Run(context.Background(), path, func(p cortex.Progress) {
				// The first step of epoch 1 has run: the file holds the
				// checkpoint of the end of epoch 0.
				if p.Epoch == poisonEpoch && p.Step == 1 {
					good, _ = os.ReadFile(path)
				}
			})
			if errors.Is(runErr, cortex.ErrInterrupted) {
				t.Fatalf("training over a %v input: %v", v, runErr)
			}
			t.Logf("error: %v", runErr)
			t.Run("training-stops", func(t *testing.T) {
				if runErr == nil {
					t.Errorf("training over a %v input pixel ended without an error: the non-finite value was dropped "+
						"somewhere between the input and the loss, and training went on", v)
				}
			})
			msg := ""
			if runErr != nil {
				msg = strings.ToLower(runErr.Error())
			}
			t.Run("error-names-step", func(t *testing.T) {
				if runErr == nil {
					t.Skip("no error")
				}
				m := stepNumber.FindStringSubmatch(msg)
				global := poisonEpoch*stepsPerEpoch + poisonStep
				ok := m != nil && (m[1] == fmt.Sprint(poisonStep) || m[1] == fmt.Sprint(poisonStep+1) ||
					m[1] == fmt.Sprint(global) || m[1] == fmt.Sprint(global+1))
				if !ok {
					t.Errorf("error %q does not name the step (epoch %d step %d, global step %d, counting from 0)", runErr, poisonEpoch, poisonStep, global)
				}
			})
			t.Run("error-names-first-layer", func(t *testing.T) {
				if runErr == nil {
					t.Skip("no error")
				}
				first := ""
				for _, a := range areaNames {
					if regexp.MustCompile(`\b` + a + `\b`).MatchString(msg) {
						first = a
						break
					}
				}
				if first != "retina" {
					t.Errorf("error %q does not name the first layer that produced a non-finite value (the retina, fed the poisoned input); names %q", runErr, first)
				}
			})
			t.Run("last-good-checkpoint-kept", func(t *testing.T) {
				if runErr == nil {
					// Training ran to the end: the file is the last one,
					// and it must at least hold finite values.
					if err := checkpointFinite(path); err != nil {
						t.Errorf("checkpoint on disk: %v", err)
					}
					return
				}
				if good == nil {
					t.Fatal("no checkpoint was written at the end of epoch 0")
				}
				now, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("the checkpoint is gone: %v", err)
				}
				if !bytes.Equal(now, good) {
					t.Error("the checkpoint on disk changed after the non-finite step")
				}
				if err := checkpointFinite(path); err != nil {
					t.Errorf("checkpoint on disk: %v", err)
				}
			})
			t.Run("weights-in-memory-stay-finite", func(t *testing.T) {
				// A caller that saves after the error (or keeps serving the
				// model) must not get NaN weights: the update of the bad
				// step should not be applied.
				for _, p := range sys.Params() {
					for i, e := range p.Value.Data() {
						if math.IsNaN(float64(e)) || math.IsInf(float64(e), 0) {
							t.Fatalf("after training, parameter %s element %d is %v: a non-finite update was applied", p.Name, i, e)
						}
					}
				}
			})
		})
	}
}

// The largest learning rate TrainOptions accepts either trains with finite
// values throughout or stops with an error; it never writes non-finite
// weights to a checkpoint or keeps them silently.
func TestHugeLearningRateNeverSilentlyNaN(t *testing.T) {
	cfg := smallConfig(false)
	sys, err := cortex.New(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	d := digits(32, cfg.Height, cfg.Width, 1)
	opts := cortex.DefaultTrainOptions()
	opts.Epochs, opts.Batch, opts.LR, opts.MinLR, opts.WarmupSteps, opts.WeightDecay = 4, 8, 9.99, 9.99, 0, 0
	tr, err := cortex.NewTrainer(sys, &cortex.MNISTTask{Train: d, Test: d}, opts)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "checkpoint.safetensors")
	var last cortex.Progress
	runErr := tr.Run(context.Background(), path, func(p cortex.Progress) { last = p })
	t.Logf("LR %v: %v after epoch %d step %d, mean loss %.4g", opts.LR, runErr, last.Epoch, last.Step, last.Loss)
	if _, err := os.Stat(path); err == nil {
		if err := checkpointFinite(path); err != nil {
			t.Errorf("checkpoint written with LR %v: %v", opts.LR, err)
		}
	}
	if runErr != nil {
		if stepNumber.FindString(strings.ToLower(runErr.Error())) == "" {
			t.Errorf("error %q does not name the step", runErr)
		}
		return
	}
	for _, p := range sys.Params() {
		for i, e := range p.Value.Data() {
			if math.IsNaN(float64(e)) || math.IsInf(float64(e), 0) {
				t.Fatalf("training returned no error but parameter %s element %d is %v", p.Name, i, e)
			}
		}
	}
}
