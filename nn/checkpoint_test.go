package nn

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn/safetensors"
	"github.com/neurocortex/neurocortex/tensor"
)

// toyModel has two parameters and one buffer.
type toyModel struct {
	ps  []*autodiff.Var
	buf *tensor.Tensor
}

func newToy(seed uint64) *toyModel {
	rng := tensor.NewRNG(seed, 0)
	return &toyModel{
		ps: []*autodiff.Var{
			autodiff.Param(tensor.RandNormal(rng, 0, 1, 3, 2), "fc.weight"),
			autodiff.Param(tensor.RandNormal(rng, 0, 1, 3), "fc.bias"),
		},
		buf: tensor.RandNormal(rng, 0, 1, 3),
	}
}

func (m *toyModel) Params() []*autodiff.Var { return m.ps }
func (m *toyModel) Buffers() []Buffer       { return []Buffer{{"bn.running_mean", m.buf}} }

func TestCheckpointRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ck.safetensors")
	m := newToy(1)
	opt := NewAdam(m.Params(), 0.01)
	for k := 0; k < 3; k++ {
		setGrads(m.Params(), k)
		opt.Step()
	}
	meta := map[string]string{"epoch": "3", "rng": "deadbeef"}
	if err := SaveCheckpoint(path, m, opt, meta); err != nil {
		t.Fatal(err)
	}
	m2 := newToy(2)
	opt2 := NewAdam(m2.Params(), 0.01)
	got, err := LoadCheckpoint(path, m2, opt2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["epoch"] != "3" || got["rng"] != "deadbeef" {
		t.Errorf("metadata %v", got)
	}
	for i := range m.ps {
		if !tensor.Equal(m.ps[i].Value, m2.ps[i].Value) {
			t.Errorf("%s differs after loading", m.ps[i].Name)
		}
	}
	if !tensor.Equal(m.buf, m2.buf) {
		t.Error("buffer differs after loading")
	}
	// Continuing both runs gives the same bits.
	for k := 3; k < 6; k++ {
		setGrads(m.Params(), k)
		opt.Step()
		setGrads(m2.Params(), k)
		opt2.Step()
	}
	for i := range m.ps {
		if !tensor.Equal(m.ps[i].Value, m2.ps[i].Value) {
			t.Fatalf("%s: resumed training differs", m.ps[i].Name)
		}
	}
	// Loading for evaluation ignores the optimiser state.
	m3 := newToy(3)
	if _, err := LoadCheckpoint(path, m3, nil); err != nil {
		t.Fatal(err)
	}
	if err := SaveCheckpoint(path, m, nil, map[string]string{"neurocortex.format": "2"}); err == nil {
		t.Error("reserved metadata key accepted")
	}
}

func TestCheckpointMismatches(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ck.safetensors")
	m := newToy(1)
	if err := SaveCheckpoint(path, m, nil, nil); err != nil {
		t.Fatal(err)
	}
	check := func(name string, model Module, opt Optimizer, want string) {
		t.Helper()
		var before []*tensor.Tensor
		for _, p := range model.Params() {
			before = append(before, p.Value.Clone())
		}
		_, err := LoadCheckpoint(path, model, opt)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want one naming %s and containing %q", name, err, path, want)
		}
		for i, p := range model.Params() {
			if !tensor.Equal(before[i], p.Value) {
				t.Errorf("%s: failed load changed %s", name, p.Name)
			}
		}
	}
	bigger := newToy(2)
	bigger.ps[0] = autodiff.Param(tensor.New(4, 2), "fc.weight")
	check("shape", bigger, nil, `"fc.weight" has shape [3 2] in the file, the model has [4 2]`)
	extra := newToy(2)
	extra.ps = append(extra.ps, autodiff.Param(tensor.New(1), "fc.scale"))
	check("missing", extra, nil, `missing tensor "fc.scale"`)
	fewer := newToy(2)
	fewer.ps = fewer.ps[:1]
	check("unexpected", fewer, nil, `unexpected tensor "fc.bias"`)
	check("no optimiser", newToy(2), NewSGD(newToy(2).Params(), 0.1), "no optimiser state")

	// Optimiser kind mismatch.
	opt := NewAdam(m.Params(), 0.1)
	setGrads(m.Params(), 0)
	opt.Step()
	if err := SaveCheckpoint(path, m, opt, nil); err != nil {
		t.Fatal(err)
	}
	m4 := newToy(2)
	check("kind", m4, NewSGD(m4.Params(), 0.1), `"adam"`)

	// Corrupt files: truncated, garbage, and a header length pointing
	// far past the end.
	good, _ := os.ReadFile(path)
	for name, b := range map[string][]byte{
		"truncated": good[:len(good)-3],
		"garbage":   []byte("not a checkpoint at all"),
		"huge":      binary.LittleEndian.AppendUint64(nil, math.MaxUint64),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		if _, err := LoadCheckpoint(p, newToy(2), nil); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := LoadCheckpoint(filepath.Join(dir, "absent"), newToy(2), nil); err == nil {
		t.Error("missing file loaded")
	}
}

func TestCheckpointReadsOtherFloatTypes(t *testing.T) {
	// A checkpoint written by another tool in F16/BF16/F64 loads with
	// conversion.
	path := filepath.Join(t.TempDir(), "half.safetensors")
	f := &safetensors.File{Tensors: []safetensors.Tensor{
		safetensors.FromFloat32("fc.weight", safetensors.F16, []int{3, 2}, []float32{1, 2, 3, 4, 0.5, -0.25}),
		safetensors.FromFloat32("fc.bias", safetensors.BF16, []int{3}, []float32{1, -1, 2}),
		safetensors.FromFloat32("bn.running_mean", safetensors.F64, []int{3}, []float32{0.1, 0.2, 0.3}),
	}}
	if err := safetensors.WriteFile(path, f); err != nil {
		t.Fatal(err)
	}
	m := newToy(1)
	if _, err := LoadCheckpoint(path, m, nil); err != nil {
		t.Fatal(err)
	}
	if got := m.ps[0].Value.Data(); got[5] != -0.25 || got[3] != 4 {
		t.Errorf("fc.weight = %v", got)
	}
	if got := m.buf.Data(); got[1] != 0.2 {
		t.Errorf("buffer = %v", got)
	}
}

func TestPCGState(t *testing.T) {
	p := rand.NewPCG(3, 4)
	r := rand.New(p)
	r.Uint64()
	s := EncodePCG(p)
	want := r.Uint64()
	q := rand.NewPCG(0, 0)
	if err := DecodePCG(s, q); err != nil {
		t.Fatal(err)
	}
	if got := rand.New(q).Uint64(); got != want {
		t.Errorf("restored generator draws %d, want %d", got, want)
	}
	if err := DecodePCG("zz", q); err == nil {
		t.Error("bad hex accepted")
	}
	if err := DecodePCG("00", q); err == nil {
		t.Error("short state accepted")
	}
}

// A checkpoint holding a NaN or an Inf in a parameter, a buffer or the
// optimiser's state is refused, with the file, the tensor and the value
// named, and the model left as it was.
func TestCheckpointRejectsNonFinite(t *testing.T) {
	dir := t.TempDir()
	m := newToy(1)
	opt := NewAdam(m.Params(), 0.1)
	setGrads(m.Params(), 1)
	opt.Step()
	good := filepath.Join(dir, "good.safetensors")
	if err := SaveCheckpoint(good, m, opt, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := safetensors.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tensor string
		val    float32
		want   string
	}{
		{"fc.weight", float32(math.NaN()), "NaN"},
		{"fc.bias", float32(math.Inf(1)), "+Inf"},
		{"bn.running_mean", float32(math.Inf(-1)), "-Inf"},
		{"optimizer.exp_avg_sq.fc.weight", float32(math.NaN()), "NaN"},
	} {
		t.Run(c.tensor, func(t *testing.T) {
			f := &safetensors.File{Metadata: parsed.Metadata}
			found := false
			for _, x := range parsed.Tensors {
				if x.Name == c.tensor {
					v, err := x.Float32s()
					if err != nil {
						t.Fatal(err)
					}
					v[len(v)-1] = c.val
					x = safetensors.FromFloat32(x.Name, safetensors.F32, x.Shape, v)
					found = true
				}
				f.Tensors = append(f.Tensors, x)
			}
			if !found {
				t.Fatalf("no tensor %q in the checkpoint", c.tensor)
			}
			p := filepath.Join(dir, "bad.safetensors")
			if err := safetensors.WriteFile(p, f); err != nil {
				t.Fatal(err)
			}
			m2 := newToy(2)
			before := m2.ps[0].Value.Clone()
			_, err := LoadCheckpoint(p, m2, NewAdam(m2.Params(), 0.1))
			if err == nil {
				t.Fatal("non-finite checkpoint loaded")
			}
			for _, w := range []string{p, `"` + c.tensor + `"`, c.want, "finite"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
			if !tensor.Equal(before, m2.ps[0].Value) {
				t.Error("the rejected checkpoint changed the model")
			}
		})
	}
	// F64 values beyond the float32 range round to Inf on conversion and
	// are refused too.
	p := filepath.Join(dir, "f64.safetensors")
	f := &safetensors.File{Tensors: []safetensors.Tensor{
		safetensors.FromFloat64("fc.weight", []int{3, 2}, []float64{1, 2, 3, 4, 5, 1e300}),
		safetensors.FromFloat32("fc.bias", safetensors.F32, []int{3}, []float32{1, 2, 3}),
		safetensors.FromFloat32("bn.running_mean", safetensors.F32, []int{3}, []float32{1, 2, 3}),
	}}
	if err := safetensors.WriteFile(p, f); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCheckpoint(p, newToy(2), nil); err == nil || !strings.Contains(err.Error(), "+Inf at element 5") {
		t.Errorf("F64 1e300: error %v, want +Inf at element 5", err)
	}
}

// SaveCheckpoint refuses a model or optimiser state holding a NaN or an
// Inf, naming the tensor, and leaves the previous file as it was.
func TestSaveCheckpointRefusesNonFinite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ck.safetensors")
	m := newToy(1)
	opt := NewAdam(m.Params(), 0.1)
	setGrads(m.Params(), 1)
	opt.Step()
	if err := SaveCheckpoint(path, m, opt, nil); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what, want string) {
		t.Helper()
		err := SaveCheckpoint(path, m, opt, nil)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one naming %s and %s", what, err, path, want)
		}
		if now, _ := os.ReadFile(path); string(now) != string(good) {
			t.Errorf("%s: the refused save changed the file", what)
		}
	}
	w := m.ps[1].Value.Data()
	w[2] = float32(math.Inf(-1))
	check("parameter", `"fc.bias" holds -Inf at element 2`)
	w[2] = 0
	m.buf.Data()[0] = float32(math.NaN())
	check("buffer", `"bn.running_mean" holds NaN at element 0`)
	m.buf.Data()[0] = 0
	st := opt.State()
	name := st.SlotNames()[0]
	st.Slots[name].Data()[0] = float32(math.NaN())
	if err := opt.SetState(st); err != nil {
		t.Fatal(err)
	}
	check("optimiser", `"optimizer.`+name+`" holds NaN`)
}
