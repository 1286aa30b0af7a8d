package reliability

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/retina"
	"github.com/neurocortex/neurocortex/tensor"
)

// smallConfig is a system that runs in milliseconds: the default
// architecture at 16x16 with narrow stages. With motion it sees 4 frames
// and runs the dorsal pathway too.
func smallConfig(motion bool) cortex.Config {
	c := cortex.DefaultConfig()
	c.Height, c.Width = 16, 16
	c.PDoG = retina.DoG{SigmaCenter: 0.7, SigmaSurround: 1.5, SurroundGain: 0.55, Size: 5}
	c.MDoG = retina.DoG{SigmaCenter: 1.2, SigmaSurround: 2.5, SurroundGain: 0.55, Size: 7}
	c.HorizontalSigma = 1.5
	c.Orientations, c.GaborSize = 2, 5
	c.V2Width, c.V4Width, c.MTWidth = 4, 6, 4
	if motion {
		c.Motion, c.Frames = true, 4
		c.Directions, c.Speeds, c.MotionSize, c.DorsalStride, c.MotionFreq = 8, []float64{1, 2}, 7, 1, 0.15
	}
	return c
}

// digits returns a synthetic dataset of n grey h x w images with labels
// 0..9, deterministic in seed.
func digits(n, h, w int, seed uint64) *data.Dataset {
	rng := tensor.NewRNG(seed, 3)
	px := make([]byte, n*h*w)
	for i := range px {
		px[i] = byte(rng.IntN(256))
	}
	labels := make([]int, n)
	for i := range labels {
		labels[i] = i % 10
	}
	return &data.Dataset{Name: "synthetic", C: 1, H: h, W: w, Pixels: px, Labels: labels, NumClasses: 10}
}

// writeFile writes b to name in dir and returns the path.
func writeFile(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkNames fails unless err is an error whose text contains every one
// of want (case-insensitively).
func checkNames(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one naming %q", want)
	}
	msg := strings.ToLower(err.Error())
	for _, w := range want {
		if !strings.Contains(msg, strings.ToLower(w)) {
			t.Fatalf("error %q does not name %q", err, w)
		}
	}
}

// catch runs f and turns a panic into a test failure that names what.
func catch(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s panicked: %v", what, r)
		}
	}()
	f()
}
