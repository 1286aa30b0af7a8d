package ops

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// The golden test pins the exact bits of every elementwise op on fixed
// inputs, so that a change of operation order, an FMA the compiler fused on
// one architecture, or a platform-dependent math call shows up as a
// mismatch. Run it under GOAMD64=v1 and v3, -tags purego and GOARCH=arm64
// (qemu); regenerate with `go test ./ops -run Golden -update` only when an
// order is changed on purpose.

func init() {
	// Shared with any other golden test of the package: define once.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func ewUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const ewGoldenFile = "testdata/elementwise_golden.txt"

// ewHash hashes shape and bits.
func ewHash(ts ...*tensor.Tensor) string {
	h := fnv.New64a()
	for _, t := range ts {
		fmt.Fprint(h, t.Shape())
		var b [4]byte
		for _, v := range t.Data() {
			u := math.Float32bits(v)
			b[0], b[1], b[2], b[3] = byte(u), byte(u>>8), byte(u>>16), byte(u>>24)
			h.Write(b[:])
		}
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

func ewGoldenResults() [][2]string {
	rng := tensor.NewRNG(2024, 7)
	u := func(lo, hi float32, shape ...int) *tensor.Tensor { return tensor.RandUniform(rng, lo, hi, shape...) }
	a, b := u(-3, 3, 3, 1, 37), u(0.5, 2, 5, 37)
	x := u(-4, 4, 4, 3, 9, 11)
	pos := u(0.05, 5, 4, 3, 9, 11)
	g := u(-1, 1, 4, 3, 9, 11)
	var out [][2]string
	add := func(name string, ts ...*tensor.Tensor) { out = append(out, [2]string{name, ewHash(ts...)}) }
	gab := u(-1, 1, 3, 5, 37)
	add("Add", Add(a, b))
	add("Sub", Sub(a, b))
	add("Mul", Mul(a, b))
	add("Div", Div(a, b))
	for _, op := range []struct {
		name string
		f    func(a, b, g *tensor.Tensor) (*tensor.Tensor, *tensor.Tensor)
	}{{"AddBackward", AddBackward}, {"SubBackward", SubBackward}, {"MulBackward", MulBackward}, {"DivBackward", DivBackward}} {
		ga, gb := op.f(a, b, gab)
		add(op.name, ga, gb)
	}
	add("ReLU", ReLU(x), ReLUBackward(x, g))
	add("LeakyReLU", LeakyReLU(x, 0.01), LeakyReLUBackward(x, g, 0.01))
	sy, ty, ey := Sigmoid(x), Tanh(x), Exp(x)
	add("Sigmoid", sy, SigmoidBackward(sy, g))
	add("Tanh", ty, TanhBackward(ty, g))
	add("Softplus", Softplus(x), SoftplusBackward(x, g))
	add("Exp", ey, ExpBackward(ey, g))
	add("Log", Log(pos), LogBackward(pos, g))
	sq := Sqrt(pos)
	add("Sqrt", sq, SqrtBackward(sq, g))
	add("Abs", Abs(x), AbsBackward(x, g))
	add("Pow", Pow(pos, 1.7), PowBackward(pos, g, 1.7), Pow(x, 3), PowBackward(x, g, -2))
	add("Clamp", Clamp(x, -1, 2), ClampBackward(x, g, -1, 2))
	add("Sum", Sum(x, []int{0, 2}, false), Sum(x, []int{0}, true), Sum(x, nil, false), SumTo(g, 3, 1, 1))
	add("Mean", Mean(x, []int{1, 3}, false), MeanBackward(x, Mean(x, []int{1, 3}, false), []int{1, 3}, false))
	add("Max", Max(x, []int{2}, false), MaxBackward(x, Max(x, []int{2}, false), []int{2}, false))
	for axis := 0; axis < 4; axis++ {
		sm, lsm := Softmax(x, axis), LogSoftmax(x, axis)
		add(fmt.Sprint("Softmax", axis), sm, SoftmaxBackward(sm, g, axis), lsm, LogSoftmaxBackward(lsm, g, axis))
	}
	logits := u(-5, 5, 13, 10)
	labels := make([]int, 13)
	for i := range labels {
		labels[i] = (i * 7) % 10
	}
	add("CrossEntropy", CrossEntropy(logits, labels), CrossEntropyBackward(logits, labels, tensor.Scalar(0.5)))
	ma, mb := MSEBackward(x, pos, tensor.Scalar(1.5))
	add("MSE", MSE(x, pos), ma, mb)
	gamma, beta := u(0.5, 2, 3), u(-1, 1, 3)
	rm, rv := u(-1, 1, 3), u(0.5, 2, 3)
	for _, train := range []bool{true, false} {
		y, m, is := BatchNorm(x, gamma, beta, rm, rv, train, 0.1, 1e-5)
		gx, gg, gb := BatchNormBackward(x, gamma, m, is, g, train)
		add(fmt.Sprint("BatchNorm ", train), y, m, is, rm, rv, gx, gg, gb)
	}
	lg, lb := u(0.5, 2, 9, 11), u(-1, 1, 9, 11)
	ly, lm, lis := LayerNorm(x, lg, lb, 2, 1e-5)
	lgx, lgg, lgb := LayerNormBackward(x, lg, lm, lis, g, 2)
	add("LayerNorm", ly, lm, lis, lgx, lgg, lgb)
	for _, p := range []DivNormParams{{Size: 3, Sigma: 0.5, Exponent: 2}, {Size: 5, Sigma: 0.1, Exponent: 1.5, PerChannel: true}} {
		y, d := DivisiveNorm(x, p)
		add(fmt.Sprintf("DivisiveNorm %+v", p), y, d, DivisiveNormBackward(x, d, g, p))
	}
	dy, dm := Dropout(x, 0.3, tensor.NewRNG(5, 5), true)
	add("Dropout", dy, dm, DropoutBackward(dm, g))
	ry := Resize(x, 5, 17)
	add("Resize", ry, ResizeBackward(x, u(-1, 1, 4, 3, 5, 17)))
	grid := u(-1.2, 1.2, 4, 6, 7, 2)
	gsy := u(-1, 1, 4, 3, 6, 7)
	add("GridSample", GridSample(x, grid), GridSampleBackwardInput(x, grid, gsy), GridSampleBackwardGrid(x, grid, gsy))
	add("Shape", Permute(x, 2, 0, 3, 1), Pad(x, [][2]int{{0, 1}, {1, 0}, {2, 2}, {0, 3}}, -1), Concat(Split(x, 3, []int{4, 7}), 3))
	return out
}

func TestGoldenElementwise(t *testing.T) {
	got := ewGoldenResults()
	if ewUpdating() {
		var sb strings.Builder
		sb.WriteString("# exact-bit hashes of ops results (see golden_ew_test.go); regenerate with -update\n")
		for _, r := range got {
			fmt.Fprintf(&sb, "%s\t%s\n", r[1], r[0])
		}
		if err := ewWriteAtomic(ewGoldenFile, []byte(sb.String())); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(ewGoldenFile)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		hash, name, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad golden line %q", line)
		}
		want[name] = hash
	}
	if len(want) != len(got) {
		t.Errorf("golden file has %d entries, test computes %d", len(want), len(got))
	}
	for _, r := range got {
		if want[r[0]] != r[1] {
			t.Errorf("%s: bits hash %s, golden %s", r[0], r[1], want[r[0]])
		}
	}
}

// ewWriteAtomic writes data to path through a synced temporary file and a
// rename, so that the file is never half-written.
func ewWriteAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".golden-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
