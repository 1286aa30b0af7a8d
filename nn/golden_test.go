package nn

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/nn/safetensors"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

var update = flag.Bool("update", false, "rewrite the golden files in ../testdata")

const goldenTrainingFile = "../testdata/nn_golden_training.txt"

// goldenRecord is what a golden training run produces: the loss of every
// step and the final parameters and buffers.
type goldenRecord struct {
	losses  []float32
	names   []string
	shapes  [][]int
	tensors [][]float32
}

// goldenBatch returns n synthetic 12x12 images of three classes (a bright
// horizontal bar, a vertical bar or a diagonal, at a random position, on
// noise) and their labels.
func goldenBatch(rng *rand.Rand, n int) (*tensor.Tensor, []int) {
	x := tensor.New(n, 1, 12, 12)
	labels := make([]int, n)
	d := x.Data()
	for i := 0; i < n; i++ {
		img := d[i*144 : (i+1)*144]
		for j := range img {
			img[j] = 0.3 * (rng.Float32() - 0.5)
		}
		c, pos := rng.IntN(3), 2+rng.IntN(8)
		labels[i] = c
		for k := 0; k < 12; k++ {
			switch c {
			case 0:
				img[pos*12+k] += 1
			case 1:
				img[k*12+pos] += 1
			case 2:
				img[k*12+(k+pos)%12] += 1
			}
		}
	}
	return x, labels
}

// goldenModel returns the small CNN of the golden test: convolutions,
// batch norm, max-pool, ReLU and a linear classifier, from a fixed seed.
func goldenModel() *Sequential {
	init := tensor.NewRNG(2024, 1)
	model := NewSequential(
		NewConv2d(init, "conv1", 1, 4, 3, 3, ops.Conv2dParams{PadH: 1, PadW: 1}, true),
		NewBatchNorm("bn1", 4),
		ReLU{},
		NewMaxPool2d(ops.Pool2dParams{KH: 2, KW: 2}),
		NewConv2d(init, "conv2", 4, 6, 3, 3, ops.Conv2dParams{PadH: 1, PadW: 1, StrideH: 2, StrideW: 2}, false),
		ReLU{},
		Flatten{},
		NewLinear(init, "fc", 6*3*3, 3, true),
	)
	KaimingNormal(init, model.Layers[0].(*Conv2d).Weight.Value, Gain("relu", 0))
	return model
}

var goldenSchedule = CosineLR{Base: 0.02, Min: 0.002, Warmup: 3, Total: 20}

// goldenSteps runs training steps [from, to) of the golden run, drawing
// batches from data, and returns their losses.
func goldenSteps(t *testing.T, model *Sequential, opt Optimizer, data *rand.Rand, from, to int) []float32 {
	t.Helper()
	var losses []float32
	for step := from; step < to; step++ {
		x, labels := goldenBatch(data, 8)
		tp := autodiff.NewTape()
		tp.CheckFinite = true
		loss, err := CrossEntropyLoss(tp, model.Forward(tp, autodiff.Const(x)), labels)
		if err != nil {
			t.Fatal(err)
		}
		opt.ZeroGrad()
		if err := tp.Backward(loss); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		if _, err := ClipGradNorm(opt.Params(), 5); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		opt.SetLR(goldenSchedule.LR(step))
		opt.Step()
		losses = append(losses, loss.Value.Item())
	}
	return losses
}

// goldenTraining trains the golden CNN with Adam, a cosine schedule and
// gradient clipping for 20 steps from fixed seeds.
func goldenTraining(t *testing.T) goldenRecord {
	model := goldenModel()
	opt := NewAdam(model.Params(), 0.02)
	rec := goldenRecord{losses: goldenSteps(t, model, opt, tensor.NewRNG(2024, 2), 0, 20)}
	rec.addState(model)
	return rec
}

func (r *goldenRecord) addState(model *Sequential) {
	for _, p := range model.Params() {
		r.names = append(r.names, p.Name)
		r.shapes = append(r.shapes, p.Value.Shape())
		r.tensors = append(r.tensors, append([]float32(nil), p.Value.Data()...))
	}
	for _, b := range model.Buffers() {
		r.names = append(r.names, b.Name)
		r.shapes = append(r.shapes, b.Value.Shape())
		r.tensors = append(r.tensors, append([]float32(nil), b.Value.Data()...))
	}
}

// TestCheckpointResumesTraining interrupts the golden run at step 9,
// saves a checkpoint (parameters, BatchNorm buffers, Adam state and the
// data generator's state as metadata), loads it into a fresh model and
// optimiser, and requires the rest of the run to match the uninterrupted
// one bit for bit.
func TestCheckpointResumesTraining(t *testing.T) {
	whole := goldenTraining(t)

	path := filepath.Join(t.TempDir(), "run.safetensors")
	model := goldenModel()
	opt := NewAdam(model.Params(), 0.02)
	pcg := rand.NewPCG(2024, 2)
	losses := goldenSteps(t, model, opt, rand.New(pcg), 0, 9)
	if err := SaveCheckpoint(path, model, opt, map[string]string{"step": "9", "data_rng": EncodePCG(pcg)}); err != nil {
		t.Fatal(err)
	}

	fresh := goldenModel()
	fresh.Layers[0].(*Conv2d).Weight.Value.Fill(7) // must be overwritten
	freshOpt := NewAdam(fresh.Params(), 0.02)
	meta, err := LoadCheckpoint(path, fresh, freshOpt)
	if err != nil {
		t.Fatal(err)
	}
	freshPCG := rand.NewPCG(0, 0)
	if err := DecodePCG(meta["data_rng"], freshPCG); err != nil {
		t.Fatal(err)
	}
	step, _ := strconv.Atoi(meta["step"])
	resumed := goldenRecord{losses: append(losses, goldenSteps(t, fresh, freshOpt, rand.New(freshPCG), step, 20)...)}
	resumed.addState(fresh)
	if d := resumed.diff(whole); d != "" {
		t.Fatalf("resumed run differs from the uninterrupted one: %s", d)
	}
}

func (r goldenRecord) write(w io.Writer) {
	fmt.Fprintln(w, "# Golden record of TestGoldenTraining (nn/golden_test.go): float32 bits in hex.")
	fmt.Fprintln(w, "# Regenerate only on purpose: go test ./nn -run Golden -update")
	for i, l := range r.losses {
		fmt.Fprintf(w, "loss %d %08x %g\n", i, math.Float32bits(l), l)
	}
	for i, name := range r.names {
		dims := make([]string, len(r.shapes[i]))
		for j, d := range r.shapes[i] {
			dims[j] = strconv.Itoa(d)
		}
		fmt.Fprintf(w, "tensor %s %s\n", name, strings.Join(dims, ","))
		for j, v := range r.tensors[i] {
			sep := " "
			if j%8 == 7 || j == len(r.tensors[i])-1 {
				sep = "\n"
			}
			fmt.Fprintf(w, "%08x%s", math.Float32bits(v), sep)
		}
	}
}

func readGolden(path string) (goldenRecord, error) {
	var r goldenRecord
	f, err := os.Open(path)
	if err != nil {
		return r, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	bad := func(msg string) error { return fmt.Errorf("%s:%d: %s", path, line, msg) }
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		switch fields[0] {
		case "loss":
			if len(fields) < 3 {
				return r, bad("short loss line")
			}
			b, err := strconv.ParseUint(fields[2], 16, 32)
			if err != nil {
				return r, bad(err.Error())
			}
			r.losses = append(r.losses, math.Float32frombits(uint32(b)))
		case "tensor":
			if len(fields) != 3 {
				return r, bad("bad tensor line")
			}
			var shape []int
			for _, s := range strings.Split(fields[2], ",") {
				d, err := strconv.Atoi(s)
				if err != nil {
					return r, bad(err.Error())
				}
				shape = append(shape, d)
			}
			r.names = append(r.names, fields[1])
			r.shapes = append(r.shapes, shape)
			r.tensors = append(r.tensors, nil)
		default:
			if len(r.tensors) == 0 {
				return r, bad("values before any tensor line")
			}
			k := len(r.tensors) - 1
			for _, h := range fields {
				b, err := strconv.ParseUint(h, 16, 32)
				if err != nil {
					return r, bad(err.Error())
				}
				r.tensors[k] = append(r.tensors[k], math.Float32frombits(uint32(b)))
			}
		}
	}
	return r, sc.Err()
}

// diff returns the first difference between two records, or "".
func (r goldenRecord) diff(want goldenRecord) string {
	if len(r.losses) != len(want.losses) {
		return fmt.Sprintf("%d losses, golden has %d", len(r.losses), len(want.losses))
	}
	for i := range r.losses {
		if math.Float32bits(r.losses[i]) != math.Float32bits(want.losses[i]) {
			return fmt.Sprintf("loss of step %d is %v (%08x), golden %v (%08x)", i,
				r.losses[i], math.Float32bits(r.losses[i]), want.losses[i], math.Float32bits(want.losses[i]))
		}
	}
	if strings.Join(r.names, " ") != strings.Join(want.names, " ") {
		return fmt.Sprintf("tensors %v, golden has %v", r.names, want.names)
	}
	for i, name := range r.names {
		if len(r.tensors[i]) != len(want.tensors[i]) {
			return fmt.Sprintf("%s has %d values, golden %d", name, len(r.tensors[i]), len(want.tensors[i]))
		}
		for j, v := range r.tensors[i] {
			if math.Float32bits(v) != math.Float32bits(want.tensors[i][j]) {
				return fmt.Sprintf("%s[%d] is %v (%08x), golden %v (%08x)", name, j,
					v, math.Float32bits(v), want.tensors[i][j], math.Float32bits(want.tensors[i][j]))
			}
		}
	}
	return ""
}

// TestGoldenTraining trains a small CNN and compares every loss and the
// final parameters and buffers bit for bit with testdata, at several
// GOMAXPROCS values. CI also runs it under GOAMD64=v1 and v3, -tags purego
// and arm64.
func TestGoldenTraining(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	defer blas.SetThreads(blas.SetThreads(0))
	var first goldenRecord
	for i, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		blas.SetThreads(procs)
		rec := goldenTraining(t)
		if i == 0 {
			first = rec
			continue
		}
		if d := rec.diff(first); d != "" {
			t.Fatalf("GOMAXPROCS=%d (blas threads) differs from GOMAXPROCS=1: %s", procs, d)
		}
	}
	if !(first.losses[len(first.losses)-1] < first.losses[0]) {
		t.Errorf("loss did not decrease: %v", first.losses)
	}
	if *update {
		var buf bytes.Buffer
		first.write(&buf)
		if err := safetensors.WriteFileAtomic(goldenTrainingFile, func(w io.Writer) error {
			_, err := w.Write(buf.Bytes())
			return err
		}); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", goldenTrainingFile)
		return
	}
	want, err := readGolden(goldenTrainingFile)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if d := first.diff(want); d != "" {
		t.Fatalf("training run differs from %s: %s", goldenTrainingFile, d)
	}
}
