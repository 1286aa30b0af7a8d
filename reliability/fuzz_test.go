package reliability

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/nn/safetensors"
	"github.com/neurocortex/neurocortex/retina"
	"github.com/neurocortex/neurocortex/tensor"
)

// Fuzzers for the readers and constructors that have none in their own
// package: data has FuzzReadIDX and FuzzReadCIFAR10, nn/safetensors has
// FuzzLoadSafetensors (Decode of bytes). Missing were the file-level
// checkpoint loaders, the MNIST directory loader (which cross-checks two
// IDX files) and the system constructor fed arbitrary configurations.

// FuzzLoadMNIST writes a fuzzed image file and label file as an MNIST test
// split and loads it: no panic, and every error names one of the files or
// the directory; whatever loads is self-consistent.
func FuzzLoadMNIST(f *testing.F) {
	imgs := idx(0, []int{2, 28, 28}, make([]byte, 2*784))
	lbls := idx(0, []int{2}, []byte{3, 9})
	f.Add(imgs, lbls)
	f.Add(imgs, idx(0, []int{2}, []byte{3, 10}))
	f.Add(imgs, idx(0, []int{3}, []byte{3, 9, 1}))
	f.Add(idx(0, []int{2, 27, 28}, make([]byte, 2*756)), lbls)
	f.Add(lbls, imgs)
	f.Add(gz(imgs), gz(lbls))
	f.Add([]byte{}, []byte{})
	f.Add(imgs[:100], lbls)
	f.Fuzz(func(t *testing.T, images, labels []byte) {
		dir := t.TempDir()
		ip := writeFile(t, dir, "t10k-images-idx3-ubyte", images)
		lp := writeFile(t, dir, "t10k-labels-idx1-ubyte", labels)
		d, err := data.LoadMNIST(dir, "test")
		if err != nil {
			msg := err.Error()
			if !strings.Contains(msg, ip) && !strings.Contains(msg, lp) && !strings.Contains(msg, dir) {
				t.Fatalf("error %q names neither file", err)
			}
			return
		}
		if d.Len() == 0 || len(d.Pixels) != d.Len()*28*28 || d.C != 1 || d.H != 28 || d.W != 28 {
			t.Fatalf("accepted %d examples, %d pixel bytes, shape %dx%dx%d", d.Len(), len(d.Pixels), d.C, d.H, d.W)
		}
		for i, y := range d.Labels {
			if y < 0 || y > 9 {
				t.Fatalf("label %d of example %d accepted", y, i)
			}
		}
	})
}

// smallCheckpoint returns the bytes of a checkpoint of the small static
// system with its optimiser state, and the trainer that wrote it.
func smallCheckpoint(f *testing.F) []byte {
	cfg := smallConfig(false)
	sys, err := cortex.New(cfg, 1)
	if err != nil {
		f.Fatal(err)
	}
	d := digits(8, cfg.Height, cfg.Width, 1)
	opts := cortex.DefaultTrainOptions()
	opts.Epochs, opts.Batch = 1, 8
	tr, err := cortex.NewTrainer(sys, &cortex.MNISTTask{Train: d, Test: d}, opts)
	if err != nil {
		f.Fatal(err)
	}
	p := filepath.Join(f.TempDir(), "c.safetensors")
	if err := tr.Save(p); err != nil {
		f.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

// FuzzLoadCheckpointFile feeds fuzzed checkpoint files to the three
// loaders a user reaches (cortex.ReadCheckpointInfo, cortex.LoadSystem,
// nn.LoadCheckpoint into a fixed model with its optimiser): no panic, the
// error names the file, and a failed nn.LoadCheckpoint leaves the model
// and optimiser unchanged. The metadata can describe any system, so
// LoadSystem only runs on files whose configuration is small.
func FuzzLoadCheckpointFile(f *testing.F) {
	good := smallCheckpoint(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(append(append([]byte(nil), good...), 0))
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04\x14\x00\x08\x00"))
	gf, err := safetensors.Decode(good)
	if err != nil {
		f.Fatal(err)
	}
	for _, edit := range []func(*safetensors.File){
		func(c *safetensors.File) { c.Metadata["cortex.config"] = `{"Height": 3}` },
		func(c *safetensors.File) { c.Metadata["cortex.step"] = "-1" },
		func(c *safetensors.File) { c.Metadata["neurocortex.optimizer"] = "sgd" },
		func(c *safetensors.File) { c.Tensors = c.Tensors[1:] },
	} {
		c := &safetensors.File{Tensors: append([]safetensors.Tensor(nil), gf.Tensors...), Metadata: map[string]string{}}
		for k, v := range gf.Metadata {
			c.Metadata[k] = v
		}
		edit(c)
		var buf bytes.Buffer
		if err := safetensors.Encode(&buf, c); err == nil {
			f.Add(buf.Bytes())
		}
	}

	cfg := smallConfig(false)
	sys, err := cortex.New(cfg, 1)
	if err != nil {
		f.Fatal(err)
	}
	opt := nn.NewAdamW(sys.Trainable(), 1e-3)
	before := weightsDigest(sys)
	optBefore := opt.State()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "fuzz.safetensors")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		named := func(what string, err error) {
			if err != nil && !strings.Contains(err.Error(), p) {
				t.Fatalf("%s: error %q does not name the file", what, err)
			}
		}
		c, _, _, err := cortex.ReadCheckpointInfo(p)
		named("ReadCheckpointInfo", err)
		if err == nil && smallEnough(c) {
			_, _, _, err := cortex.LoadSystem(p)
			named("LoadSystem", err)
		}
		_, err = nn.LoadCheckpoint(p, sys, opt)
		named("nn.LoadCheckpoint", err)
		if err != nil {
			if weightsDigest(sys) != before {
				t.Fatal("a failed nn.LoadCheckpoint changed the model")
			}
			if st := opt.State(); st.Step != optBefore.Step || len(st.Slots) != len(optBefore.Slots) {
				t.Fatal("a failed nn.LoadCheckpoint changed the optimiser")
			}
			return
		}
		// Accepted: put the original state back for the next input.
		if err := os.WriteFile(p, good, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := nn.LoadCheckpoint(p, sys, opt); err != nil {
			t.Fatal(err)
		}
		before, optBefore = weightsDigest(sys), opt.State()
	})
}

// smallEnough bounds the systems the checkpoint fuzzer lets LoadSystem
// build: a checkpoint's metadata may describe gigabytes of weights.
func smallEnough(c cortex.Config) bool {
	return c.Height <= 64 && c.Width <= 64 && c.V2Width <= 64 && c.V4Width <= 64 && c.MTWidth <= 64 &&
		c.Orientations <= 8 && len(c.SpatialFreqs) <= 2 && c.Frames <= 8 && c.Classes <= 100
}

// fuzzConfig maps fuzzer numbers onto a configuration: small, so every
// input runs in milliseconds, but reaching invalid values of every field
// (zero, negative, even kernel sizes, NaN and Inf) as well as valid ones.
func fuzzConfig(hw, frames, orient, gabor, widths, dirs, msize, stride, fovea uint8, sf, speed, mfreq, noise, hsigma, pc, ps, pg, norm float64, motion, colour, logPolar, spikes bool) cortex.Config {
	c := smallConfig(motion)
	c.Height = int(hw%48) - 2
	c.Width = int(hw/4%48) - 2
	c.Colour, c.LogPolar, c.Spikes = colour, logPolar, spikes
	if motion {
		c.Frames = int(frames%7) - 1
	} else {
		c.Frames = int(frames % 3)
	}
	c.Orientations = int(orient%6) - 1
	c.GaborSize = int(gabor%13) - 1
	c.SpatialFreqs = []float64{sf}
	c.V2Width = int(widths%9) - 1
	c.V4Width = int(widths/9%9) - 1
	c.MTWidth = int(widths/81%4) - 1
	c.Directions = int(dirs%10) - 1
	c.MotionSize = int(msize%12) - 1
	c.DorsalStride = int(stride%5) - 1
	c.FoveaSize = int(fovea % 40)
	c.Speeds = []float64{speed}
	c.MotionFreq = mfreq
	c.PhotonNoise = noise
	c.HorizontalSigma = hsigma
	c.PDoG = retina.DoG{SigmaCenter: pc, SigmaSurround: ps, SurroundGain: pg, Size: int(gabor%9) - 1}
	c.V1NormSigma = norm
	c.Sheet = retina.LogPolar{OutH: int(hw%24) + 1, OutW: int(hw/8%24) + 1, FieldDeg: 4, A: 0.75, K: 15}
	return c
}

// FuzzSystemConfig builds systems from arbitrary configurations: an
// invalid one is refused by Validate and by New with an error naming the
// field, never a panic; a valid one builds, runs a forward pass in
// evaluation and a training step (forward, loss, backward) on a small
// batch without panicking, and gives finite logits of the right shape.
func FuzzSystemConfig(f *testing.F) {
	f.Add(uint8(16*4+18), uint8(4), uint8(3), uint8(6), uint8(4+9*6+81), uint8(9), uint8(8), uint8(2), uint8(0), 0.25, 1.0, 0.15, 0.02, 1.5, 0.7, 1.5, 0.55, 0.1, false, false, false, false)
	f.Add(uint8(16*4+18), uint8(5), uint8(3), uint8(6), uint8(4+9*6+81), uint8(9), uint8(8), uint8(2), uint8(0), 0.25, 1.0, 0.15, 0.02, 1.5, 0.7, 1.5, 0.55, 0.1, true, true, false, true)
	f.Add(uint8(30*4+26), uint8(5), uint8(3), uint8(6), uint8(4+9*6+81), uint8(9), uint8(8), uint8(2), uint8(12), 0.25, 1.0, 0.15, 0.02, 1.5, 0.7, 1.5, 0.55, 0.1, true, false, true, false)
	f.Add(uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, false, false, false, false)
	f.Add(uint8(16*4+18), uint8(4), uint8(3), uint8(6), uint8(4+9*6+81), uint8(9), uint8(8), uint8(2), uint8(0), math.NaN(), math.Inf(1), math.NaN(), math.NaN(), math.Inf(1), math.NaN(), math.NaN(), math.NaN(), math.NaN(), true, false, false, false)
	f.Add(uint8(16*4+18), uint8(4), uint8(3), uint8(7), uint8(4+9*6+81), uint8(9), uint8(7), uint8(2), uint8(0), 0.49, 32.0, 0.5, 10.0, 64.0, 0.1, 30.0, 1.0, 100.0, true, true, true, true)
	f.Fuzz(func(t *testing.T, hw, frames, orient, gabor, widths, dirs, msize, stride, fovea uint8, sf, speed, mfreq, noise, hsigma, pc, ps, pg, norm float64, motion, colour, logPolar, spikes bool) {
		cfg := fuzzConfig(hw, frames, orient, gabor, widths, dirs, msize, stride, fovea, sf, speed, mfreq, noise, hsigma, pc, ps, pg, norm, motion, colour, logPolar, spikes)
		verr := cfg.Validate()
		sys, err := cortex.New(cfg, 1)
		if verr != nil {
			if !strings.Contains(verr.Error(), "Config.") {
				t.Fatalf("Validate: %q does not name the field", verr)
			}
			if err == nil {
				t.Fatalf("New accepted a configuration Validate refuses (%v)", verr)
			}
			return
		}
		if err != nil {
			t.Fatalf("New refused a valid configuration: %v", err)
		}
		x := tensor.RandUniform(tensor.NewRNG(1, 1), 0, 1, cfg.InputShape(2)...)
		sys.SetTraining(false)
		out, err := sys.Forward(autodiff.NoGrad(), x, nil)
		if err != nil {
			t.Fatalf("Forward on a valid input: %v", err)
		}
		if s := out.Class.Value.Shape(); len(s) != 2 || s[0] != 2 || s[1] != cfg.Classes {
			t.Fatalf("class logits %v, want [2 %d]", s, cfg.Classes)
		}
		if !autodiff.IsFinite(out.Class.Value) {
			cj, _ := json.Marshal(cfg)
			t.Fatalf("non-finite logits %v from a valid configuration %s", out.Class.Value.Data(), cj)
		}
		sys.SetTraining(true)
		tp := autodiff.NewTape()
		out, err = sys.Forward(tp, x, tensor.NewRNG(1, 2))
		if err != nil {
			t.Fatalf("training Forward: %v", err)
		}
		tg := cortex.Targets{Class: []int{0, 1}}
		if cfg.Motion {
			tg.Direction = []int{0, 1}
			tg.Position = tensor.New(2, 2)
		}
		loss, err := sys.Loss(tp, out, tg)
		if err != nil {
			t.Fatalf("Loss: %v", err)
		}
		if err := tp.Backward(loss); err != nil {
			var nf *autodiff.NonFiniteError
			if !errors.As(err, &nf) {
				t.Fatalf("Backward: %v", err)
			}
		}
	})
}

// Forward refuses inputs of the wrong shape with an error naming the
// shape, for images and sequences.
func TestForwardRejectsBadShapes(t *testing.T) {
	for _, motion := range []bool{false, true} {
		cfg := smallConfig(motion)
		sys, err := cortex.New(cfg, 1)
		if err != nil {
			t.Fatal(err)
		}
		good := cfg.InputShape(2)
		bad := [][]int{
			good[1:],                      // no batch dimension
			append([]int{1}, good...),     // one too many
			append([]int{0}, good[1:]...), // empty batch
		}
		for i := 1; i < len(good); i++ {
			s := append([]int(nil), good...)
			s[i]++
			bad = append(bad, s)
		}
		for _, s := range bad {
			x := tensor.New(s...)
			var ferr error
			catch(t, "Forward", func() { _, ferr = sys.Forward(autodiff.NoGrad(), x, nil) })
			if ferr == nil {
				t.Errorf("motion=%v: input %v accepted, want %v", motion, s, good)
				continue
			}
			checkNames(t, ferr, "shape")
			t.Logf("motion=%v %v: %v", motion, s, ferr)
		}
		var ferr error
		catch(t, "Forward(nil)", func() { _, ferr = sys.Forward(autodiff.NoGrad(), nil, nil) })
		checkNames(t, ferr, "nil")
	}
}

// Training and task constructors refuse impossible options with an error
// naming the option.
func TestTrainerRejectsBadOptions(t *testing.T) {
	cfg := smallConfig(false)
	sys, err := cortex.New(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	d := digits(16, cfg.Height, cfg.Width, 1)
	task := &cortex.MNISTTask{Train: d, Test: d}
	for _, c := range []struct {
		want string
		edit func(*cortex.TrainOptions)
	}{
		{"Epochs", func(o *cortex.TrainOptions) { o.Epochs = 0 }},
		{"Batch", func(o *cortex.TrainOptions) { o.Batch = 0 }},
		{"Batch", func(o *cortex.TrainOptions) { o.Batch = -3 }},
		{"LR", func(o *cortex.TrainOptions) { o.LR = math.NaN() }},
		{"LR", func(o *cortex.TrainOptions) { o.LR = math.Inf(1) }},
		{"MinLR", func(o *cortex.TrainOptions) { o.MinLR = -1 }},
		{"WarmupSteps", func(o *cortex.TrainOptions) { o.WarmupSteps = -1 }},
		{"WeightDecay", func(o *cortex.TrainOptions) { o.WeightDecay = math.NaN() }},
		{"batch of 32", func(o *cortex.TrainOptions) { o.Batch = 32 }}, // more than the 16 examples
	} {
		o := cortex.DefaultTrainOptions()
		c.edit(&o)
		var terr error
		catch(t, "NewTrainer", func() { _, terr = cortex.NewTrainer(sys, task, o) })
		checkNames(t, terr, c.want)
		t.Logf("%v", terr)
	}
	for _, n := range [][2]int{{0, 4}, {4, 0}, {-1, 4}} {
		var terr error
		catch(t, "NewMovingTask", func() {
			_, terr = cortex.NewMovingTask(digits(8, 8, 8, 1), digits(8, 8, 8, 1), data.MovingConfig{Frames: 4, Height: 16, Width: 16}, n[0], n[1])
		})
		checkNames(t, terr, "sizes")
	}
	for _, mc := range []data.MovingConfig{{Frames: 0, Height: 16, Width: 16}, {Frames: 4, Height: 4, Width: 16}, {Frames: 4, Height: 16, Width: -1}} {
		var terr error
		catch(t, "NewMovingMNIST", func() { _, terr = data.NewMovingMNIST(digits(8, 8, 8, 1), mc) })
		if terr == nil {
			t.Errorf("NewMovingMNIST(%+v) accepted", mc)
			continue
		}
		t.Logf("%+v: %v", mc, terr)
	}
}
