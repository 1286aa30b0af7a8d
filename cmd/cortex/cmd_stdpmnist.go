package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/plasticity"
	"github.com/neurocortex/neurocortex/tensor"
)

func init() {
	register("stdp-mnist", "unsupervised STDP network of Diehl & Cook (2015) on MNIST", runSTDPMNIST)
}

type stdpMNISTResult struct {
	Neurons        int     `json:"neurons"`
	Epochs         int     `json:"epochs"`
	TrainImages    int     `json:"train_images_per_epoch"`
	LabelImages    int     `json:"label_images"`
	TestImages     int     `json:"test_images"`
	TestAccuracy   float64 `json:"test_accuracy"`
	LabelAccuracy  float64 `json:"label_set_accuracy"`
	Unassigned     int     `json:"unassigned_neurons"`
	TrainSeconds   float64 `json:"train_seconds"`
	EpochSeconds   float64 `json:"seconds_per_epoch"`
	Seconds        float64 `json:"seconds"`
	Threads        int     `json:"threads"`
	Seed           uint64  `json:"seed"`
	PaperTargetPct float64 `json:"paper_accuracy_pct,omitempty"`
}

func runSTDPMNIST(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("stdp-mnist", stderr)
	neurons := fs.Int("neurons", 100, "excitatory neurons")
	epochs := fs.Int("epochs", 1, "passes over the training images")
	nTrain := fs.Int("train", 0, "training images per epoch (0: all 60000)")
	nLabel := fs.Int("label", 10000, "training images (from the start) whose responses assign the neurons' labels")
	nTest := fs.Int("test", 0, "test images (0: all 10000)")
	seed := fs.Uint64("seed", 1, "random seed (weights, input spike trains)")
	dir := fs.String("mnist", "", "directory of the MNIST files (default: found by the data package)")
	threads := fs.Int("threads", 0, "goroutines for labelling and testing (0: GOMAXPROCS); training is sequential")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *neurons <= 0 || *neurons > 10000 {
		return usagef("--neurons must be in [1, 10000], got %d", *neurons)
	}
	if *epochs < 0 || *epochs > 100 {
		return usagef("--epochs must be in [0, 100], got %d", *epochs)
	}
	switch {
	case *nTrain < 0:
		return usagef("--train must be >= 0, got %d", *nTrain)
	case *nLabel <= 0:
		return usagef("--label must be > 0, got %d", *nLabel)
	case *nTest < 0:
		return usagef("--test must be >= 0, got %d", *nTest)
	case *threads < 0 || *threads > 1024:
		return usagef("--threads must be in [0, 1024], got %d", *threads)
	}
	start := time.Now()
	train, err := data.LoadMNIST(*dir, "train")
	if err != nil {
		return err
	}
	test, err := data.LoadMNIST(*dir, "test")
	if err != nil {
		return err
	}
	if *nTrain == 0 || *nTrain > train.Len() {
		*nTrain = train.Len()
	}
	*nLabel = min(*nLabel, train.Len())
	if *nTest == 0 || *nTest > test.Len() {
		*nTest = test.Len()
	}
	th := *threads
	if th == 0 {
		th = runtime.GOMAXPROCS(0)
	}
	net, err := plasticity.NewDiehlCook(plasticity.DiehlCookConfig{Inputs: 784, Neurons: *neurons, Dt: 0.5, PresentMs: 350, MaxRate: 63.75, Seed: *seed})
	if err != nil {
		return err
	}
	img := func(ds *data.Dataset, i int) []float32 {
		b := ds.Image(i)
		x := make([]float32, len(b))
		for j, v := range b {
			x[j] = float32(v) / 255
		}
		return x
	}
	// Training: one image after another, one input stream per epoch.
	trainStart := time.Now()
	for e := range *epochs {
		rng := tensor.NewRNG(*seed, 100+uint64(e))
		order := rng.Perm(train.Len())[:*nTrain]
		bar := newProgress(stderr, fmt.Sprintf("train %d/%d", e+1, *epochs), *nTrain)
		for k, i := range order {
			net.Present(img(train, i), true, rng)
			bar.set(k + 1)
		}
		bar.done()
	}
	trainSec := time.Since(trainStart).Seconds()
	// Labelling and testing: learning off, images in parallel, each with
	// its own input stream, so results do not depend on --threads.
	eval := func(name string, ds *data.Dataset, n int, stream uint64) [][]int {
		counts := make([][]int, n)
		bar := newProgress(stderr, name, n)
		var next, doneN atomic.Int64
		var wg sync.WaitGroup
		for range th {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= n {
						return
					}
					counts[i] = net.Present(img(ds, i), false, tensor.NewRNG(*seed, stream+uint64(i)))
					bar.set(int(doneN.Add(1)))
				}
			}()
		}
		wg.Wait()
		bar.done()
		return counts
	}
	labelCounts := eval("label", train, *nLabel, 1<<32)
	assign, err := plasticity.AssignLabels(labelCounts, train.Labels[:*nLabel], 10)
	if err != nil {
		return err
	}
	res := stdpMNISTResult{Neurons: *neurons, Epochs: *epochs, TrainImages: *nTrain, LabelImages: *nLabel, TestImages: *nTest,
		TrainSeconds: trainSec, Threads: th, Seed: *seed}
	if *epochs > 0 {
		res.EpochSeconds = trainSec / float64(*epochs)
	}
	for _, c := range assign {
		if c < 0 {
			res.Unassigned++
		}
	}
	correct := 0
	for k, c := range labelCounts {
		if plasticity.Vote(assign, c, 10) == train.Labels[k] {
			correct++
		}
	}
	res.LabelAccuracy = float64(correct) / float64(*nLabel)
	testCounts := eval("test", test, *nTest, 1<<33)
	correct = 0
	for k, c := range testCounts {
		if plasticity.Vote(assign, c, 10) == test.Labels[k] {
			correct++
		}
	}
	res.TestAccuracy = float64(correct) / float64(*nTest)
	res.Seconds = time.Since(start).Seconds()
	switch *neurons {
	case 100:
		res.PaperTargetPct = 82.9
	case 400:
		res.PaperTargetPct = 87.0
	case 1600:
		res.PaperTargetPct = 91.9
	case 6400:
		res.PaperTargetPct = 95.0
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	fmt.Fprintf(stdout, "Diehl & Cook, %d neurons, %d epoch(s) of %d images: test accuracy %.2f%% on %d images (labels from %d images, %d neurons unassigned)\n",
		res.Neurons, res.Epochs, res.TrainImages, 100*res.TestAccuracy, res.TestImages, res.LabelImages, res.Unassigned)
	fmt.Fprintf(stdout, "training %.1f s (%.1f s per epoch), total %.1f s\n", res.TrainSeconds, res.EpochSeconds, res.Seconds)
	return nil
}

// progress is a one-line progress bar on stderr, redrawn at most ten
// times a second.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	name  string
	total int
	start time.Time
	last  time.Time
	n     int
}

func newProgress(w io.Writer, name string, total int) *progress {
	p := &progress{w: w, name: name, total: total, start: time.Now()}
	p.draw()
	return p
}

func (p *progress) set(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n = max(p.n, n)
	if time.Since(p.last) > 100*time.Millisecond || p.n == p.total {
		p.draw()
	}
}

func (p *progress) draw() {
	p.last = time.Now()
	const width = 30
	fill := 0
	if p.total > 0 {
		fill = p.n * width / p.total
	}
	el := time.Since(p.start).Seconds()
	eta := 0.0
	if p.n > 0 {
		eta = el / float64(p.n) * float64(p.total-p.n)
	}
	b := make([]byte, width)
	for i := range b {
		b[i] = '.'
		if i < fill {
			b[i] = '#'
		}
	}
	fmt.Fprintf(p.w, "\r%-12s [%s] %d/%d %.0fs eta %.0fs ", p.name, b, p.n, p.total, el, eta)
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw()
	fmt.Fprintln(p.w)
}
