package main

// Training under faults, with real processes: SIGINT and SIGTERM finish
// the step, write a checkpoint and exit; kill -9 at random moments never
// damages the previous checkpoint; and --resume after either ends with
// exactly the bytes of an uninterrupted run. The runs are tiny (a fake
// 512-digit MNIST, batch 8, 3 epochs of 64 steps), but every one is a
// separate cortex process, so the tests are skipped with -short.

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/nn/safetensors"
)

const (
	faultTrain  = 512
	faultBatch  = 8
	faultEpochs = 3
	faultSteps  = faultTrain / faultBatch // per epoch
)

// faultMNIST writes a fake MNIST directory big enough for the fault runs.
func faultMNIST(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	trP, trL := cliFakeDigits(faultTrain)
	teP, teL := cliFakeDigits(16)
	for name, b := range map[string][]byte{
		"train-images-idx3-ubyte": cliIDX([]int{faultTrain, 28, 28}, trP),
		"train-labels-idx1-ubyte": cliIDX([]int{faultTrain}, trL),
		"t10k-images-idx3-ubyte":  cliIDX([]int{16, 28, 28}, teP),
		"t10k-labels-idx1-ubyte":  cliIDX([]int{16}, teL),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// faultArgs are the flags of every fault run.
func faultArgs(mnist, out string) []string {
	return []string{"train", "--dataset", "mnist", "--mnist-dir", mnist, "--train-size", strconv.Itoa(faultTrain),
		"--test-size", "16", "--batch", strconv.Itoa(faultBatch), "--epochs", strconv.Itoa(faultEpochs), "--out", out}
}

// faultBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type faultBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *faultBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *faultBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// faultProc is a running cortex process.
type faultProc struct {
	cmd    *exec.Cmd
	stderr faultBuffer
	stdout faultBuffer
	done   chan struct{}
	err    error
	start  time.Time
}

func faultStart(t *testing.T, args ...string) *faultProc {
	t.Helper()
	p := &faultProc{cmd: exec.Command(cliBinary(t), args...), done: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	p.start = time.Now()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// exit waits for the process and returns its exit status (-1 when a
// signal ended it) and the signal.
func (p *faultProc) exit(t *testing.T, timeout time.Duration) (int, syscall.Signal) {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(timeout):
		p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("cortex %s: still running after %v\nstderr: %s", strings.Join(p.cmd.Args[1:], " "), timeout, p.stderr.String())
	}
	st := p.cmd.ProcessState.Sys().(syscall.WaitStatus)
	if st.Signaled() {
		return -1, st.Signal()
	}
	return st.ExitStatus(), 0
}

func (p *faultProc) checkNoPanic(t *testing.T) {
	t.Helper()
	if s := p.stderr.String(); strings.Contains(s, "panic:") || strings.Contains(s, "goroutine ") {
		t.Fatalf("panic on stderr:\n%s", s)
	}
}

// faultPosition returns the epoch and step a checkpoint was written at.
func faultPosition(b []byte) (epoch, step int, err error) {
	f, err := safetensors.Decode(b)
	if err != nil {
		return 0, 0, err
	}
	epoch, err1 := strconv.Atoi(f.Metadata["cortex.epoch"])
	step, err2 := strconv.Atoi(f.Metadata["cortex.step"])
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("bad position %q %q", f.Metadata["cortex.epoch"], f.Metadata["cortex.step"])
	}
	return epoch, step, nil
}

// faultReference is an uninterrupted run: its final checkpoint, the
// checkpoint of every epoch end as it appeared on disk, and how long the
// process ran. The fault tests time their signals from these and from the
// files on disk only, not from the wording of the progress output.
type faultReference struct {
	final   []byte
	byEpoch map[int][]byte
	total   time.Duration
}

var (
	faultRefOnce sync.Once
	faultRef     faultReference
	faultRefErr  string
	faultRefDir  string
)

// faultReferenceRun runs the uninterrupted training once per test binary.
func faultReferenceRun(t *testing.T) (faultReference, string) {
	t.Helper()
	faultRefOnce.Do(func() {
		faultRefDir = filepath.Join(cliDir, "fault-mnist")
		if err := faultMNIST(faultRefDir); err != nil {
			faultRefErr = err.Error()
			return
		}
		out := filepath.Join(cliDir, "fault-reference")
		p := faultStart(t, faultArgs(faultRefDir, out)...)
		ckpt := filepath.Join(out, trainCheckpointName)
		byEpoch := map[int][]byte{}
		var last time.Time
		for running := true; running; {
			select {
			case <-p.done:
				running = false
			case <-time.After(3 * time.Millisecond):
			}
			st, err := os.Stat(ckpt)
			if err != nil || st.ModTime().Equal(last) {
				continue
			}
			b, err := os.ReadFile(ckpt)
			if err != nil {
				continue
			}
			last = st.ModTime()
			if e, s, err := faultPosition(b); err == nil && s == 0 {
				byEpoch[e] = b
			}
		}
		if code, _ := p.exit(t, time.Minute); code != 0 {
			faultRefErr = fmt.Sprintf("reference run: exit %d\n%s", code, p.stderr.String())
			return
		}
		final, err := os.ReadFile(ckpt)
		if err != nil {
			faultRefErr = err.Error()
			return
		}
		faultRef = faultReference{final: final, byEpoch: byEpoch, total: time.Since(p.start)}
	})
	if faultRefErr != "" {
		t.Fatal(faultRefErr)
	}
	return faultRef, faultRefDir
}

// faultCheckLoadable resumes a trainer from path in-process, as --resume does:
// the file must parse, match the run and load completely.
func faultCheckLoadable(t *testing.T, mnist, path string) {
	t.Helper()
	train, err := data.LoadMNIST(mnist, "train")
	if err != nil {
		t.Fatal(err)
	}
	sys, err := cortex.New(cortex.DefaultConfig(), 1)
	if err != nil {
		t.Fatal(err)
	}
	opts := cortex.DefaultTrainOptions()
	opts.Epochs, opts.Batch = faultEpochs, faultBatch
	tr, err := cortex.NewTrainer(sys, &cortex.MNISTTask{Train: train, Test: train}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.Resume(path); err != nil {
		t.Fatalf("checkpoint left behind does not load: %v", err)
	}
}

// faultWaitFile waits until path exists; it reports whether it did
// before the timeout or the end of the process.
func faultWaitFile(p *faultProc, path string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return true
		}
		select {
		case <-p.done:
			_, err := os.Stat(path)
			return err == nil
		case <-time.After(2 * time.Millisecond):
		}
	}
	return false
}

// faultWaitTemp waits until a new temporary checkpoint file appears in
// dir (a save is under way) and reports whether one did before the
// timeout or the end of the process. Files left by earlier kills do not
// count.
func faultWaitTemp(p *faultProc, dir string, timeout time.Duration) bool {
	old := map[string]bool{}
	for _, f := range faultStrayTemps(dir) {
		old[f] = true
	}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		for _, f := range faultStrayTemps(dir) {
			if !old[f] {
				return true
			}
		}
		select {
		case <-p.done:
			return false
		default:
		}
		time.Sleep(200 * time.Microsecond)
	}
	return false
}

// faultStrayTemps lists the temporary files a save left in dir.
func faultStrayTemps(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	return m
}

// faultSameBits compares two checkpoints and names the first difference.
func faultSameBits(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	g, err1 := safetensors.Decode(got)
	w, err2 := safetensors.Decode(want)
	if err1 != nil || err2 != nil {
		t.Fatalf("%s: checkpoints differ and do not decode: %v, %v", what, err1, err2)
	}
	for k, v := range w.Metadata {
		if g.Metadata[k] != v {
			t.Fatalf("%s: metadata %q is %q, want %q", what, k, g.Metadata[k], v)
		}
	}
	for _, wt := range w.Tensors {
		gt, ok := g.Get(wt.Name)
		if !ok {
			t.Fatalf("%s: tensor %q missing", what, wt.Name)
		}
		if !bytes.Equal(gt.Data, wt.Data) {
			t.Fatalf("%s: tensor %q differs from the uninterrupted run", what, wt.Name)
		}
	}
	t.Fatalf("%s: checkpoint bytes differ from the uninterrupted run (%d vs %d bytes)", what, len(got), len(want))
}

// A SIGINT or SIGTERM in the middle of an epoch finishes the step, writes
// a checkpoint there and exits; --resume then ends with the bytes of the
// uninterrupted run.
func TestTrainSignalCheckpointsAndResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several training processes; skipped in -short")
	}
	ref, mnist := faultReferenceRun(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			out := t.TempDir()
			args := faultArgs(mnist, out)
			p := faultStart(t, args...)
			// The checkpoint appears at the end of epoch 1; stop a little
			// later, in the middle of epoch 2.
			if !faultWaitFile(p, filepath.Join(out, trainCheckpointName), time.Minute) {
				t.Fatalf("training never finished epoch 1:\n%s", p.stderr.String())
			}
			time.Sleep(time.Duration(rand.IntN(200)) * time.Millisecond)
			if err := p.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			code, by := p.exit(t, time.Minute)
			p.checkNoPanic(t)
			stderr := p.stderr.String()
			if by != 0 {
				t.Fatalf("killed by %v instead of stopping cleanly:\n%s", by, stderr)
			}
			if code == 0 {
				t.Fatalf("exit 0: the signal came after training ended; stderr:\n%s", stderr)
			}
			if !strings.Contains(stderr, "interrupted") || !strings.Contains(stderr, "--resume") {
				t.Errorf("stderr does not say it was interrupted and how to resume:\n%s", stderr)
			}
			ckpt := filepath.Join(out, trainCheckpointName)
			b, err := os.ReadFile(ckpt)
			if err != nil {
				t.Fatalf("no checkpoint after %v: %v", sig, err)
			}
			e, s, err := faultPosition(b)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%v: exit %d, checkpoint at epoch %d step %d", sig, code, e, s)
			if e >= faultEpochs {
				t.Fatalf("checkpoint at epoch %d step %d: training had ended", e, s)
			}
			if tmp := faultStrayTemps(out); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
			faultCheckLoadable(t, mnist, ckpt)

			r := faultStart(t, append(args, "--resume")...)
			if code, by := r.exit(t, time.Minute); code != 0 || by != 0 {
				t.Fatalf("--resume: exit %d (signal %v)\n%s", code, by, r.stderr.String())
			}
			r.checkNoPanic(t)
			final, err := os.ReadFile(ckpt)
			if err != nil {
				t.Fatal(err)
			}
			faultSameBits(t, "resumed after "+sig.String(), final, ref.final)
		})
	}
}

// kill -9 at random moments (several times in a row, each run resuming the
// last) never leaves a damaged checkpoint: after every kill the checkpoint
// on disk is one an uninterrupted run wrote at an epoch end, byte for
// byte, and it loads; the run finished after the kills ends with the
// uninterrupted run's bytes. The seed is logged (FAULT_SEED repeats one).
func TestTrainKill9KeepsCheckpoint(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several training processes; skipped in -short")
	}
	ref, mnist := faultReferenceRun(t)
	if len(ref.byEpoch) == 0 {
		t.Fatal("the reference run left no epoch checkpoint to compare with")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("FAULT_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("FAULT_SEED=%d; the reference run took %v; epoch checkpoints seen: %d", seed, ref.total.Round(time.Millisecond), len(ref.byEpoch))
	rng := rand.New(rand.NewPCG(seed, 7))
	out := t.TempDir()
	ckpt := filepath.Join(out, trainCheckpointName)
	args := faultArgs(mnist, out)
	lastEpoch := -1
	const kills = 8
	for k := 0; k < kills; k++ {
		a := args
		if _, err := os.Stat(ckpt); err == nil {
			a = append(a, "--resume")
		}
		p := faultStart(t, a...)
		// Even kills land at a random moment of the run (start-up
		// included) scaled to what is left of it; odd ones, once there
		// is a checkpoint to lose, the moment a new temporary file
		// appears, in the middle of a save.
		left := faultEpochs - max(lastEpoch, 0)
		span := time.Duration(left) * ref.total / faultEpochs
		how := "at random"
		if k%2 == 1 && lastEpoch >= 0 && faultWaitTemp(p, out, span+time.Second) {
			how = "during a save"
		} else {
			time.Sleep(time.Duration(rng.Int64N(int64(span))))
		}
		delay := time.Since(p.start).Round(time.Millisecond)
		p.cmd.Process.Signal(syscall.SIGKILL)
		code, by := p.exit(t, time.Minute)
		p.checkNoPanic(t)
		if by == 0 {
			t.Logf("kill %d (%s) after %v: the run had already finished (exit %d)", k, how, delay, code)
			if code != 0 {
				t.Fatalf("run %d: exit %d\n%s", k, code, p.stderr.String())
			}
			break
		}
		b, err := os.ReadFile(ckpt)
		if err != nil {
			if lastEpoch >= 0 {
				t.Fatalf("kill %d (%s) after %v: the checkpoint of epoch %d is gone: %v", k, how, delay, lastEpoch, err)
			}
			t.Logf("kill %d (%s) after %v: no checkpoint yet", k, how, delay)
			continue
		}
		e, s, err := faultPosition(b)
		if err != nil {
			t.Fatalf("kill %d (%s) after %v: damaged checkpoint: %v", k, how, delay, err)
		}
		if s != 0 || e < lastEpoch {
			t.Fatalf("kill %d: checkpoint at epoch %d step %d after one at epoch %d", k, e, s, lastEpoch)
		}
		if want, ok := ref.byEpoch[e]; ok {
			faultSameBits(t, fmt.Sprintf("checkpoint after kill %d", k), b, want)
		}
		faultCheckLoadable(t, mnist, ckpt)
		t.Logf("kill %d (%s) after %v: checkpoint intact at epoch %d; temporary files left: %d", k, how, delay, e, len(faultStrayTemps(out)))
		lastEpoch = e
	}
	a := args
	if _, err := os.Stat(ckpt); err == nil {
		a = append(a, "--resume")
	}
	p := faultStart(t, a...)
	if code, by := p.exit(t, 2*time.Minute); code != 0 || by != 0 {
		t.Fatalf("final run: exit %d (signal %v)\n%s", code, by, p.stderr.String())
	}
	final, err := os.ReadFile(ckpt)
	if err != nil {
		t.Fatal(err)
	}
	faultSameBits(t, "after the kills and --resume", final, ref.final)
}

// An interrupt before training starts (while the data loads) loses
// nothing: the process ends and leaves no checkpoint or temporary file.
func TestTrainEarlySignalLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a training process; skipped in -short")
	}
	_, mnist := faultReferenceRun(t)
	out := t.TempDir()
	p := faultStart(t, faultArgs(mnist, out)...)
	time.Sleep(5 * time.Millisecond)
	p.cmd.Process.Signal(syscall.SIGINT)
	code, by := p.exit(t, time.Minute)
	p.checkNoPanic(t)
	entries, _ := os.ReadDir(out)
	t.Logf("exit %d, signal %v, %d files in --out", code, by, len(entries))
	for _, e := range entries {
		if e.Name() == trainCheckpointName {
			b, _ := os.ReadFile(filepath.Join(out, e.Name()))
			if _, _, err := faultPosition(b); err != nil {
				t.Fatalf("damaged checkpoint after an early interrupt: %v", err)
			}
			continue
		}
		t.Errorf("unexpected file %s in --out after an early interrupt", e.Name())
	}
}

// The largest learning rate cortex train accepts either trains with finite
// weights or stops with an error naming the step; it never writes a
// checkpoint holding NaN or Inf (which eval would then happily score).
func TestTrainHugeLRNeverWritesNonFiniteCheckpoint(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a training process; skipped in -short")
	}
	_, mnist := faultReferenceRun(t)
	out := t.TempDir()
	args := append(faultArgs(mnist, out), "--lr", "9.99", "--epochs", "1")
	p := faultStart(t, args...)
	code, by := p.exit(t, 2*time.Minute)
	p.checkNoPanic(t)
	stderr := strings.TrimSpace(p.stderr.String())
	t.Logf("exit %d (killed by signal: %v); last line: %s", code, by != 0, stderr[strings.LastIndexAny(stderr, "\r\n")+1:])
	if code != 0 && !regexp.MustCompile(`step \d+`).MatchString(stderr) {
		t.Errorf("failed without naming the step:\n%s", stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, trainCheckpointName))
	if err != nil {
		return // no checkpoint: nothing non-finite was written
	}
	f, err := safetensors.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range f.Tensors {
		if !x.DType.IsFloat() {
			continue
		}
		v, err := x.Float32s()
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range v {
			if math.IsNaN(float64(e)) || math.IsInf(float64(e), 0) {
				t.Fatalf("cortex train --lr 9.99 exited %d and left a checkpoint whose tensor %q element %d is %v", code, x.Name, i, e)
			}
		}
	}
}
