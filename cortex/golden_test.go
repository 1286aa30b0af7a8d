package cortex

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// digest returns the SHA-256 of a tensor's shape and bits.
func digest(t *tensor.Tensor) string {
	h := sha256.New()
	for _, d := range t.Shape() {
		binary.Write(h, binary.LittleEndian, int64(d))
	}
	binary.Write(h, binary.LittleEndian, t.Data())
	return hex.EncodeToString(h.Sum(nil))
}

// The whole system's forward pass at a fixed seed, bit for bit: one line
// per area with its digest, for a static and a moving configuration, in
// training mode (photon noise, spikes) and in evaluation mode. Written by
// go test -update.
func TestGoldenForward(t *testing.T) {
	var sb strings.Builder
	for _, v := range []struct {
		name                   string
		motion, colour, logpol bool
		fovea                  int
	}{{"static-grey-logpolar", false, false, true, 0}, {"moving-grey", true, false, false, 0}, {"static-colour-spikes", false, true, false, 0},
		{"moving-fovea-logpolar", true, false, true, 10}} {
		c := tinyConfig(v.motion, v.colour, v.logpol, v.colour)
		c.FoveaSize = v.fovea
		c.KeepIntermediate = true
		s, err := New(c, 42)
		if err != nil {
			t.Fatal(err)
		}
		x, _ := tinyBatch(c, 3, 7)
		for _, train := range []bool{true, false} {
			s.SetTraining(train)
			rng := tensor.NewRNG(5, 5)
			if !train {
				rng = nil
			}
			out, err := s.Forward(autodiff.NoGrad(), x, rng)
			if err != nil {
				t.Fatal(err)
			}
			a := out.Areas
			areas := []struct {
				n string
				v *autodiff.Var
			}{{"photoreceptors", a.Photoreceptors}, {"horizontal", a.Horizontal}, {"P", a.P}, {"M", a.M}, {"LGN", a.LGN},
				{"V1", a.V1}, {"V2", a.V2}, {"V4", a.V4}, {"class", out.Class},
				{"motion_energy", a.MotionEnergy}, {"MT", a.MT}, {"direction", out.Direction}, {"position", out.Position}}
			for _, ar := range areas {
				if ar.v != nil {
					fmt.Fprintf(&sb, "%s train=%v %s %s\n", v.name, train, ar.n, digest(ar.v.Value))
				}
			}
		}
	}
	path := filepath.Join("testdata", "forward.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got := sb.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range gl {
			if i >= len(wl) || gl[i] != wl[i] {
				w := "<missing>"
				if i < len(wl) {
					w = wl[i]
				}
				t.Fatalf("forward pass differs from %s at line %d:\n got %s\nwant %s", path, i+1, gl[i], w)
			}
		}
		t.Fatalf("forward pass differs from %s", path)
	}
}
