package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type trainJSON struct {
	Dataset       string   `json:"dataset"`
	Epochs        int      `json:"epochs"`
	TestAccuracy  float64  `json:"test_accuracy"`
	WhereAccuracy *float64 `json:"where_accuracy"`
	ImagesPerS    float64  `json:"images_per_s"`
	Seconds       float64  `json:"seconds"`
	Checkpoint    string   `json:"checkpoint"`
	TestExamples  int      `json:"test_examples"`
}

func runJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("cortex %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	if err := json.Unmarshal(out.Bytes(), v); err != nil {
		t.Fatalf("%v in %q", err, out.String())
	}
}

// A tiny training run on real MNIST writes a checkpoint that eval reads
// back with the same test accuracy; --resume of a finished run only
// evaluates.
func TestTrainEvalTinyMNIST(t *testing.T) {
	dir := t.TempDir()
	var tr trainJSON
	runJSON(t, &tr, "train", "--dataset", "mnist", "--epochs", "1", "--train-size", "64", "--test-size", "40",
		"--batch", "32", "--out", dir, "--json")
	if tr.Dataset != "mnist" || tr.Epochs != 1 || tr.TestExamples != 40 || tr.WhereAccuracy != nil ||
		tr.Checkpoint != filepath.Join(dir, "checkpoint.safetensors") || !(tr.ImagesPerS > 0) || !(tr.Seconds > 0) {
		t.Fatalf("train result %+v", tr)
	}
	for _, png := range []string{"training.png", "v1.png"} {
		if _, err := os.Stat(filepath.Join(dir, png)); err != nil {
			t.Errorf("plot missing: %v", err)
		}
	}
	var ev struct {
		Dataset      string  `json:"dataset"`
		TestAccuracy float64 `json:"test_accuracy"`
		TestExamples int     `json:"test_examples"`
	}
	runJSON(t, &ev, "eval", "--checkpoint", tr.Checkpoint, "--test-size", "40", "--json")
	if ev.Dataset != "mnist" || ev.TestExamples != 40 || ev.TestAccuracy != tr.TestAccuracy {
		t.Fatalf("eval %+v after train %+v", ev, tr)
	}
	var again trainJSON
	runJSON(t, &again, "train", "--dataset", "mnist", "--epochs", "1", "--train-size", "64", "--test-size", "40",
		"--batch", "32", "--out", dir, "--json", "--resume")
	if again.TestAccuracy != tr.TestAccuracy {
		t.Fatalf("resumed finished run: accuracy %v, want %v", again.TestAccuracy, tr.TestAccuracy)
	}
}

func TestTrainTinyMovingMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("moving-MNIST step takes seconds")
	}
	var tr trainJSON
	runJSON(t, &tr, "train", "--epochs", "1", "--train-size", "16", "--test-size", "16",
		"--batch", "16", "--out", t.TempDir(), "--json")
	if tr.Dataset != "moving-mnist" || tr.WhereAccuracy == nil || *tr.WhereAccuracy < 0 || *tr.WhereAccuracy > 1 {
		t.Fatalf("train result %+v", tr)
	}
}

func TestTrainEvalUsage(t *testing.T) {
	for _, args := range [][]string{
		{"train", "--dataset", "cifar"},
		{"train", "--batch", "0"},
		{"train", "--epochs", "-1"},
		{"train", "--train-size", "10", "--batch", "32"},
		{"train", "--resume", "--out", "/nonexistent/dir"},
		{"train", "extra"},
		{"eval"},
		{"eval", "--checkpoint", "/nonexistent/file"},
		{"eval", "--checkpoint", "x", "--test-size", "-3"},
		{"bench", "train", "--batch", "0"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 2 {
			t.Errorf("cortex %s: exit %d, want 2 (stderr %q)", strings.Join(args, " "), code, errb.String())
		}
		if lines := strings.Count(strings.TrimSpace(errb.String()), "\n"); lines > 0 {
			t.Errorf("cortex %s: %d-line error %q, want one line", strings.Join(args, " "), lines+1, errb.String())
		}
	}
}

func TestEvalBadCheckpoint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.safetensors")
	if err := os.WriteFile(path, []byte("not a checkpoint"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"eval", "--checkpoint", path}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "bad.safetensors") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

func TestBenchTrainJSON(t *testing.T) {
	var r struct {
		Model      string  `json:"model"`
		Batch      int     `json:"batch"`
		ImagesPerS float64 `json:"images_per_s"`
	}
	runJSON(t, &r, "bench", "train", "--batch", "4", "--steps", "1", "--warmup", "0", "--json")
	if r.Model != "refnet" || r.Batch != 4 || !(r.ImagesPerS > 0) {
		t.Fatalf("bench result %+v", r)
	}
}

// An --out that cannot be written is refused before the data are read
// (the MNIST folder given does not exist: reading it first would name it).
func TestTrainChecksOutFirst(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"train", "--dataset", "mnist", "--out", filepath.Join(file, "sub"), "--mnist-dir", "/nonexistent/mnist"}, &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "--out") || strings.Contains(errb.String(), "mnist") {
		t.Fatalf("exit %d, stderr %q: want exit 2 and an error about --out", code, errb.String())
	}
}

// Temporary files that a killed save left next to the checkpoint are
// removed when training starts; other files, even with similar names, are
// left alone.
func TestTrainRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	stale := []string{".checkpoint.safetensors.tmp-123456", ".checkpoint.safetensors.tmp-9"}
	keep := []string{"checkpoint.safetensors", ".checkpoint.safetensors.tmp-", ".checkpoint.safetensors.tmp-12x",
		".other.safetensors.tmp-123", "notes.tmp-1", ".cortex-write-check-1"}
	for _, n := range append(append([]string(nil), stale...), keep...) {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, ".checkpoint.safetensors.tmp-77"), 0o755); err != nil {
		t.Fatal(err)
	}
	keep = append(keep, ".checkpoint.safetensors.tmp-77") // a folder: not ours
	var errb bytes.Buffer
	if err := trainRemoveStaleTemps(dir, &errb); err != nil {
		t.Fatal(err)
	}
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s was not removed", n)
		}
	}
	for _, n := range keep {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s: %v (should have been kept)", n, err)
		}
	}
	if got := strings.Count(errb.String(), "removed "); got != len(stale) {
		t.Errorf("%d removals reported: %q", got, errb.String())
	}
}
