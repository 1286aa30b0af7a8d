package reliability

import (
	"fmt"
	"hash/fnv"
	"math"
	"runtime"
	"sync"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/tensor"
)

// trainedSystem returns a small system after a few training steps, so that
// its weights and batch-norm running statistics are no longer the
// initial ones, switched to evaluation.
func trainedSystem(t *testing.T, motion, full bool) *cortex.System {
	t.Helper()
	cfg := smallConfig(motion)
	if full {
		cfg = cortex.DefaultConfig()
		if motion {
			cfg = cortex.MovingConfig()
		}
	}
	sys, err := cortex.New(cfg, 7)
	if err != nil {
		t.Fatal(err)
	}
	var task cortex.Task
	if motion {
		d := digits(64, min(cfg.Height/2, 28), min(cfg.Width/2, 28), 1)
		task, err = cortex.NewMovingTask(d, d, data.MovingConfig{Frames: cfg.Frames, Height: cfg.Height, Width: cfg.Width, Seed: 3}, 32, 8)
		if err != nil {
			t.Fatal(err)
		}
	} else {
		d := digits(32, cfg.Height, cfg.Width, 1)
		task = &cortex.MNISTTask{Train: d, Test: d}
	}
	opts := cortex.DefaultTrainOptions()
	opts.Epochs, opts.Batch, opts.WarmupSteps = 1, 8, 0
	tr, err := cortex.NewTrainer(sys, task, opts)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := tr.TrainStep(); err != nil {
			t.Fatal(err)
		}
	}
	sys.SetTraining(false)
	return sys
}

// weightsDigest hashes every parameter and buffer, to show that inference
// left the shared weights alone.
func weightsDigest(s *cortex.System) uint64 {
	h := fnv.New64a()
	var b [4]byte
	put := func(name string, t *tensor.Tensor) {
		h.Write([]byte(name))
		for _, v := range t.Data() {
			u := math.Float32bits(v)
			b[0], b[1], b[2], b[3] = byte(u), byte(u>>8), byte(u>>16), byte(u>>24)
			h.Write(b[:])
		}
	}
	for _, p := range s.Params() {
		put(p.Name, p.Value)
	}
	for _, bf := range s.Buffers() {
		put(bf.Name, bf.Value)
	}
	return h.Sum64()
}

// outputBits flattens every output of a forward pass.
func outputBits(o *cortex.Output) []uint32 {
	var bits []uint32
	for _, v := range []*autodiff.Var{o.Class, o.Direction, o.Position} {
		if v == nil {
			continue
		}
		for _, f := range v.Value.Data() {
			bits = append(bits, math.Float32bits(f))
		}
	}
	return bits
}

// Many goroutines run inference on one model at once (read-only weights
// shared, one no-grad tape each) and every result has the bits of the
// single-threaded run of the same input; the weights are unchanged after.
func TestConcurrentInferenceMatchesSerial(t *testing.T) {
	for _, tc := range []struct{ motion, full bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
		t.Run(fmt.Sprintf("motion=%v,full=%v", tc.motion, tc.full), func(t *testing.T) {
			sys := trainedSystem(t, tc.motion, tc.full)
			cfg := sys.Config
			// Inputs of several batch sizes, so goroutines run different
			// shapes through the shared scratch and worker pools.
			const inputs = 6
			xs := make([]*tensor.Tensor, inputs)
			want := make([][]uint32, inputs)
			rng := tensor.NewRNG(11, 0)
			for i := range xs {
				xs[i] = tensor.RandUniform(rng, 0, 1, cfg.InputShape(1+i%3)...)
				o, err := sys.Forward(autodiff.NoGrad(), xs[i], nil)
				if err != nil {
					t.Fatal(err)
				}
				want[i] = outputBits(o)
			}
			before := weightsDigest(sys)

			workers, rounds := 8, 6
			if testing.Short() {
				rounds = 3
			}
			var wg sync.WaitGroup
			errs := make(chan string, workers*rounds)
			for g := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for r := range rounds {
						i := (g + r) % inputs
						o, err := sys.Forward(autodiff.NoGrad(), xs[i], nil)
						if err != nil {
							errs <- fmt.Sprintf("goroutine %d round %d: %v", g, r, err)
							return
						}
						got := outputBits(o)
						if len(got) != len(want[i]) {
							errs <- fmt.Sprintf("goroutine %d round %d input %d: %d outputs, want %d", g, r, i, len(got), len(want[i]))
							continue
						}
						for k := range got {
							if got[k] != want[i][k] {
								errs <- fmt.Sprintf("goroutine %d round %d input %d: output %d is %v, the serial run gave %v",
									g, r, i, k, math.Float32frombits(got[k]), math.Float32frombits(want[i][k]))
								break
							}
						}
						runtime.Gosched()
					}
				}()
			}
			wg.Wait()
			close(errs)
			n := 0
			for e := range errs {
				if n < 10 {
					t.Error(e)
				}
				n++
			}
			if n > 0 {
				t.Fatalf("%d of %d concurrent results differ from the serial ones", n, workers*rounds)
			}
			if weightsDigest(sys) != before {
				t.Fatal("concurrent inference changed the shared weights or batch-norm statistics")
			}
		})
	}
}

// Separate models trained at the same time in different goroutines (they
// share only the package-level worker pools and scratch buffers) end with
// the bits of a model trained alone.
func TestConcurrentTrainingMatchesSerial(t *testing.T) {
	train := func() (uint64, error) {
		cfg := smallConfig(false)
		sys, err := cortex.New(cfg, 5)
		if err != nil {
			return 0, err
		}
		d := digits(32, cfg.Height, cfg.Width, 2)
		opts := cortex.DefaultTrainOptions()
		opts.Epochs, opts.Batch, opts.WarmupSteps = 1, 8, 0
		tr, err := cortex.NewTrainer(sys, &cortex.MNISTTask{Train: d, Test: d}, opts)
		if err != nil {
			return 0, err
		}
		for !tr.Done() {
			if _, err := tr.TrainStep(); err != nil {
				return 0, err
			}
		}
		return weightsDigest(sys), nil
	}
	want, err := train()
	if err != nil {
		t.Fatal(err)
	}
	const workers = 4
	got := make([]uint64, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[g], errs[g] = train()
		}()
	}
	wg.Wait()
	for g := range workers {
		if errs[g] != nil {
			t.Fatalf("goroutine %d: %v", g, errs[g])
		}
		if got[g] != want {
			t.Errorf("goroutine %d: weights digest %x after training, the serial run gave %x", g, got[g], want)
		}
	}
}
