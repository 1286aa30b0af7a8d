package simd

import (
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenDigests hashes the outputs of every math function and kernel of
// this file set on fixed inputs. The digests in testdata/math.golden were
// written on amd64; the same bits must come out on every platform and code
// path (GOAMD64=v1/v3, -tags purego, GOARCH=arm64 under qemu), which is the
// point of the package.
func goldenDigests() []string {
	var sweepIn []float32
	for b := uint64(0); b < 1<<32; b += 1 << 14 {
		sweepIn = append(sweepIn, math.Float32frombits(uint32(b)))
	}
	digest := func(name string, v ...[]float32) string {
		h := sha256.New()
		for _, s := range v {
			for _, f := range s {
				binary.Write(h, binary.LittleEndian, canonNaN(f))
			}
		}
		return fmt.Sprintf("%s %x", name, h.Sum(nil))
	}
	scalar := func(name string, f func(float32) float32) string {
		out := make([]float32, len(sweepIn))
		for i, x := range sweepIn {
			out[i] = f(x)
		}
		return digest(name, out)
	}
	lines := []string{
		scalar("Exp", Exp), scalar("Log", Log), scalar("Tanh", Tanh), scalar("Sigmoid", Sigmoid),
		scalar("Erf", Erf), scalar("Softplus", Softplus), scalar("Sqrt", Sqrt),
	}
	rng := rand.New(rand.NewPCG(11, 1))
	x := randomInput(rng, 5003, -30, 30)
	y := randomInput(rng, 5003, -30, 30)
	vec := func(name string, f func(dst, x []float32)) string {
		dst := make([]float32, len(x))
		f(dst, x)
		return digest(name, dst)
	}
	lines = append(lines,
		vec("ExpTo", ExpTo), vec("LogTo", LogTo), vec("TanhTo", TanhTo), vec("SigmoidTo", SigmoidTo), vec("ReluTo", ReluTo),
		vec("ErfTo", ErfTo), vec("SoftplusTo", SoftplusTo), vec("SqrtTo", SqrtTo))
	for _, c := range binaryCases {
		dst := make([]float32, len(x))
		c.vec(dst, x, y)
		lines = append(lines, digest(c.name, dst))
	}
	yy := append([]float32(nil), y...)
	Axpy(0.37, x, yy)
	xx := append([]float32(nil), x...)
	Scale(-1.3, xx)
	lines = append(lines, digest("Axpy", yy), digest("Scale", xx))
	// Reductions on finite data with cancellation, at several lengths.
	var red []float32
	for _, n := range []int{1, 15, 16, 17, 100, 1000, 5003} {
		a := make([]float32, n)
		b := make([]float32, n)
		for i := range a {
			a[i] = float32(rng.NormFloat64()) * float32(math.Pow(10, float64(rng.IntN(6)-3)))
			b[i] = float32(rng.NormFloat64())
		}
		red = append(red, Sum(a), Dot(a, b), SumSquares(a), Max(a))
	}
	lines = append(lines, digest("Reductions", red))
	return lines
}

// canonNaN maps every NaN to one pattern: NaN payloads of arithmetic are
// not part of the contract (see sameFloat).
func canonNaN(f float32) uint32 {
	if f != f {
		return 0x7fc00000
	}
	return math.Float32bits(f)
}

func TestMathGolden(t *testing.T) {
	path := filepath.Join("testdata", "math.golden")
	got := strings.Join(goldenDigests(), "\n") + "\n"
	if *updateGolden {
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestMathGolden -update to create it)", err)
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
	if len(wl) != len(gl) {
		t.Fatalf("golden file has %d lines, this build computes %d", len(wl), len(gl))
	}
	for i := range wl {
		if wl[i] != gl[i] {
			t.Errorf("bits differ from %s:\n got %s\nwant %s", path, gl[i], wl[i])
		}
	}
}
