package spiking

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// simulationDigest runs every model, the encoders and the synapses for a
// few hundred steps and hashes the bits of all their state.
func simulationDigest() string {
	h := sha256.New()
	put := func(x []float32) {
		var b [4]byte
		for _, v := range x {
			binary.LittleEndian.PutUint32(b[:], math.Float32bits(v))
			h.Write(b[:])
		}
	}
	rng := tensor.NewRNG(2024, 1)
	const batch, n = 2, 517
	enc, _ := NewPoissonEncoder(tensor.RandUniform(rng, 0, 100, batch, n), 0.5, rng)
	w := tensor.RandUniform(rng, 0, 3, n, n)
	delays := make([]int, n*n)
	for i := range delays {
		delays[i] = rng.IntN(5)
	}
	syn, _ := NewDense(w, batch, delays...)
	l, _ := NewLIF(batch, n, DefaultLIF(), 0.5)
	p, _ := IzhikevichPreset("IB")
	z, _ := NewIzhikevich(batch, n, p, 0.5)
	a, _ := NewAdEx(batch, n, DefaultAdEx(), 0.05)
	bias := tensor.RandUniform(rng, 0, 20, batch, n)
	adIn := tensor.RandUniform(rng, 0, 1000, batch, n)
	for range 300 {
		cur := syn.Step(enc.Step())
		for i, x := range bias.Data() {
			cur.Data()[i] += x
		}
		put(l.Step(cur).Data())
		put(z.Step(cur).Data())
		put(a.Step(adIn).Data())
	}
	put(l.V.Data())
	put(z.V.Data())
	put(z.U.Data())
	put(a.V.Data())
	put(a.W.Data())
	put(LatencyRC(tensor.RandUniform(rng, 0, 1, 64), 10, 0.2).Data())
	return hex.EncodeToString(h.Sum(nil))
}

// TestGoldenDigest pins the bits of a simulation so that every platform,
// build tag and thread count gives the same results (run it under
// GOAMD64=v1/v3, -tags purego and GOARCH=arm64 with qemu).
func TestGoldenDigest(t *testing.T) {
	got := simulationDigest()
	path := filepath.Join("testdata", "simulation.sha256")
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != strings.TrimSpace(string(want)) {
		t.Errorf("simulation digest %s, golden %s", got, strings.TrimSpace(string(want)))
	}
}
