package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"time"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

func init() { registerBench("train", runBenchTrain) }

// refNet is the reference network of shared/anchors/refnet.py: a small
// bio-inspired convolutional net on 1x28x28 input.
//
//	retina: conv 1->6 5x5 pad 2 + ReLU               (28x28)
//	V1:     conv 6->32 7x7 pad 3 + ReLU + maxpool 2  (-> 14x14)
//	V2:     conv 32->64 3x3 pad 1 + ReLU + maxpool 2 (-> 7x7)
//	V4:     conv 64->128 3x3 pad 1 + ReLU            (7x7)
//	IT:     global average pool -> linear 128->10
type refNet struct {
	retina, v1, v2, v4 *nn.Conv2d
	it                 *nn.Linear
}

func newRefNet(seed uint64) *refNet {
	rng := tensor.NewRNG(seed, 0)
	return &refNet{
		retina: nn.NewConv2d(rng, "retina", 1, 6, 5, 5, ops.Conv2dParams{PadH: 2, PadW: 2}, true),
		v1:     nn.NewConv2d(rng, "v1", 6, 32, 7, 7, ops.Conv2dParams{PadH: 3, PadW: 3}, true),
		v2:     nn.NewConv2d(rng, "v2", 32, 64, 3, 3, ops.Conv2dParams{PadH: 1, PadW: 1}, true),
		v4:     nn.NewConv2d(rng, "v4", 64, 128, 3, 3, ops.Conv2dParams{PadH: 1, PadW: 1}, true),
		it:     nn.NewLinear(rng, "it", 128, 10, true),
	}
}

func (r *refNet) Params() []*autodiff.Var {
	var ps []*autodiff.Var
	for _, m := range []nn.Module{r.retina, r.v1, r.v2, r.v4, r.it} {
		ps = append(ps, m.Params()...)
	}
	return ps
}

func (r *refNet) Forward(tp *autodiff.Tape, x *autodiff.Var) *autodiff.Var {
	pool := ops.Pool2dParams{KH: 2, KW: 2}
	x = tp.ReLU(r.retina.Forward(tp, x))
	x = tp.MaxPool2d(tp.ReLU(r.v1.Forward(tp, x)), pool)
	x = tp.MaxPool2d(tp.ReLU(r.v2.Forward(tp, x)), pool)
	x = tp.ReLU(r.v4.Forward(tp, x))
	return r.it.Forward(tp, tp.GlobalAvgPool2d(x))
}

// refNetMACs is the multiply-accumulate count of one forward pass (the
// same count as refnet.py's flops_per_image).
const refNetMACs = 6*28*28*1*25 + 32*28*28*6*49 + 64*14*14*32*9 + 128*7*7*64*9 + 128*10

type benchTrainResult struct {
	Benchmark       string  `json:"benchmark"`
	Model           string  `json:"model"`
	Batch           int     `json:"batch"`
	Threads         int     `json:"threads"`
	Steps           int     `json:"steps"`
	StepMs          float64 `json:"step_ms"`
	ImagesPerS      float64 `json:"images_per_s"`
	TrainGFLOPs     float64 `json:"train_gflop_per_s"`
	InferBatchMs    float64 `json:"infer_batch_ms"`
	InferImagesPerS float64 `json:"infer_images_per_s"`
}

// runBenchTrain times training steps of the reference network as
// refnet.py does: batch 64 of fixed random data, SGD (lr 0.01, momentum
// 0.9), cross-entropy; the median of the measured steps after warm-up.
func runBenchTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench train", stderr)
	batch := fs.Int("batch", 64, "batch size")
	steps := fs.Int("steps", 20, "measured steps (median reported)")
	warm := fs.Int("warmup", 5, "warm-up steps")
	asJSON := fs.Bool("json", false, "print one JSON object")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the timed loops to `FILE` (go tool pprof)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *batch < 1 || *batch > 4096 || *steps < 1 || *steps > 10000 || *warm < 0 || *warm > 10000 {
		return usagef("want 1 <= --batch <= 4096, 1 <= --steps <= 10000, 0 <= --warmup <= 10000")
	}
	net := newRefNet(0)
	rng := tensor.NewRNG(0, 1)
	x := autodiff.Const(tensor.RandNormal(rng, 0, 1, *batch, 1, 28, 28))
	labels := make([]int, *batch)
	for i := range labels {
		labels[i] = rng.IntN(10)
	}
	opt := nn.NewSGD(net.Params(), 0.01)
	opt.Momentum = 0.9
	// Both loops recycle the tensors of the previous step (Tape.Recycle),
	// as a training loop that reuses its buffers does.
	step := func() error {
		opt.ZeroGrad()
		tp := autodiff.NewTape()
		tp.Recycle = true
		loss := tp.CrossEntropy(net.Forward(tp, x), labels)
		if err := tp.Backward(loss); err != nil {
			return err
		}
		opt.Step()
		tp.Release()
		return nil
	}
	infer := func() error {
		tp := autodiff.NoGrad()
		tp.Recycle = true
		net.Forward(tp, x)
		tp.Release()
		return nil
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	tTrain, err := benchMedian(step, *warm, *steps)
	if err != nil {
		return err
	}
	tInfer, err := benchMedian(infer, *warm, *steps)
	if err != nil {
		return err
	}
	// Training FLOPs as refnet.py counts them: forward, input gradient and
	// weight gradient (3x the forward), less the retina's input gradient.
	trainFlop := float64(3*2*refNetMACs - 2*6*28*28*25)
	res := benchTrainResult{
		Benchmark: "train", Model: "refnet", Batch: *batch, Threads: runtime.GOMAXPROCS(0), Steps: *steps,
		StepMs: tTrain.Seconds() * 1e3, ImagesPerS: float64(*batch) / tTrain.Seconds(),
		TrainGFLOPs:  trainFlop * float64(*batch) / tTrain.Seconds() / 1e9,
		InferBatchMs: tInfer.Seconds() * 1e3, InferImagesPerS: float64(*batch) / tInfer.Seconds(),
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	fmt.Fprintf(stdout, "refnet training, batch %d, %d threads: %.1f ms/step, %.0f images/s, %.1f GFLOP/s\n",
		res.Batch, res.Threads, res.StepMs, res.ImagesPerS, res.TrainGFLOPs)
	fmt.Fprintf(stdout, "refnet inference: %.1f ms/batch, %.0f images/s\n", res.InferBatchMs, res.InferImagesPerS)
	return nil
}

// benchMedian runs f warm times, then n times, and returns the median
// duration of the n.
func benchMedian(f func() error, warm, n int) (time.Duration, error) {
	for i := 0; i < warm; i++ {
		if err := f(); err != nil {
			return 0, err
		}
	}
	ts := make([]time.Duration, n)
	for i := range ts {
		start := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		ts[i] = time.Since(start)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	return ts[n/2], nil
}
