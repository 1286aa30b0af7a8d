package cortex

import (
	"fmt"

	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/tensor"
)

// Targets are the labels of a batch.
type Targets struct {
	Class     []int          // object class per example
	Direction []int          // motion direction per sequence (Config.Motion)
	Position  *tensor.Tensor // [N, 2] object centre in the last frame, normalised to [-1, 1] (Config.Motion)
}

// Task is a supervised data source for training and evaluation: a
// training set whose content may change with the epoch (fresh moving-MNIST
// sequences) and a fixed test set.
type Task interface {
	Name() string
	TrainLen() int // examples per training epoch
	TestLen() int
	// Batch returns the examples at idx of the training set in the given
	// epoch (test set when test is true, epoch ignored), reusing x when it
	// fits (see data.Dataset.BatchInto).
	Batch(x *tensor.Tensor, test bool, epoch int, idx []int) (*tensor.Tensor, Targets)
}

// MNISTTask is static digit classification on MNIST-format datasets.
type MNISTTask struct {
	Train, Test *data.Dataset
}

// Name returns "mnist".
func (t *MNISTTask) Name() string { return "mnist" }

// TrainLen returns the number of training images.
func (t *MNISTTask) TrainLen() int { return t.Train.Len() }

// TestLen returns the number of test images.
func (t *MNISTTask) TestLen() int { return t.Test.Len() }

// Batch returns images [len(idx), 1, H, W] and their classes.
func (t *MNISTTask) Batch(x *tensor.Tensor, test bool, _ int, idx []int) (*tensor.Tensor, Targets) {
	d := t.Train
	if test {
		d = t.Test
	}
	x, y := d.BatchInto(x, nil, idx)
	return x, Targets{Class: y}
}

// MovingTask is the what + where task on moving-MNIST: the digit's class,
// its direction of motion (8 classes) and its position in the last frame.
// Every epoch sees fresh training sequences (indices epoch*TrainSize + i of
// the generator); the test sequences are drawn from the test digits with
// a fixed seed of their own (MovingTestSeed), the same for every
// training seed.
type MovingTask struct {
	TrainGen, TestGen   *data.MovingMNIST
	TrainSize, TestSize int
	digitH, digitW      int
}

// NewMovingTask returns a moving-MNIST task drawing training sequences
// from train's digits and test sequences from test's digits.
func NewMovingTask(train, test *data.Dataset, cfg data.MovingConfig, trainSize, testSize int) (*MovingTask, error) {
	if trainSize < 1 || testSize < 1 {
		return nil, fmt.Errorf("cortex: moving-MNIST sizes %d (train), %d (test): want >= 1", trainSize, testSize)
	}
	tg, err := data.NewMovingMNIST(train, cfg)
	if err != nil {
		return nil, err
	}
	tc := cfg
	tc.Seed = MovingTestSeed
	sg, err := data.NewMovingMNIST(test, tc)
	if err != nil {
		return nil, err
	}
	return &MovingTask{TrainGen: tg, TestGen: sg, TrainSize: trainSize, TestSize: testSize, digitH: train.H, digitW: train.W}, nil
}

// MovingTestSeed seeds the generator of the moving-MNIST test sequences.
const MovingTestSeed = 20261128

// Name returns "moving-mnist".
func (t *MovingTask) Name() string { return "moving-mnist" }

// TrainLen returns the number of training sequences per epoch.
func (t *MovingTask) TrainLen() int { return t.TrainSize }

// TestLen returns the number of test sequences.
func (t *MovingTask) TestLen() int { return t.TestSize }

// Batch returns sequences [len(idx), T, 1, H, W] and their targets.
func (t *MovingTask) Batch(x *tensor.Tensor, test bool, epoch int, idx []int) (*tensor.Tensor, Targets) {
	g := t.TrainGen
	ids := make([]int, len(idx))
	for k, i := range idx {
		ids[k] = epoch*t.TrainSize + i
	}
	if test {
		g = t.TestGen
		copy(ids, idx)
	}
	x, labels := g.BatchInto(x, nil, ids)
	cfg := g.Config()
	tg := Targets{Class: make([]int, len(idx)), Direction: make([]int, len(idx)), Position: tensor.New(len(idx), 2)}
	for k, l := range labels {
		tg.Class[k], tg.Direction[k] = l.Digit, l.Direction
		dx, dy := data.DirectionStep(l.Direction, l.Speed)
		cx := float64(l.X0+(cfg.Frames-1)*dx) + float64(t.digitW)/2
		cy := float64(l.Y0+(cfg.Frames-1)*dy) + float64(t.digitH)/2
		tg.Position.Set(float32(2*cx/float64(cfg.Width)-1), k, 0)
		tg.Position.Set(float32(2*cy/float64(cfg.Height)-1), k, 1)
	}
	return x, tg
}
