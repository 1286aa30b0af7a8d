package nn

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/neurocortex/neurocortex/nn/safetensors"
	"github.com/neurocortex/neurocortex/tensor"
)

// Checkpoint layout (safetensors):
//
//	<param name>                 F32  every parameter, e.g. "conv1.weight"
//	<buffer name>                F32  every buffer, e.g. "bn1.running_mean"
//	optimizer.step               I64  scalar, when an optimiser is saved
//	optimizer.<slot>.<param>     F32  e.g. "optimizer.exp_avg.conv1.weight"
//
// and metadata "neurocortex.format" = "1", "neurocortex.optimizer" = the
// optimiser's kind, plus the caller's own keys.
const (
	metaFormat    = "neurocortex.format"
	metaOptimizer = "neurocortex.optimizer"
	optPrefix     = "optimizer."
	optStepName   = "optimizer.step"
)

// SaveCheckpoint writes m's parameters and buffers, opt's state (when opt
// is not nil) and meta to path, atomically: a crash leaves either the old
// file or the new one. Metadata keys starting with "neurocortex." are
// reserved. A NaN or an Inf in any tensor is an error and leaves path as it
// was: LoadCheckpoint would refuse the file, and the previous checkpoint is
// the last good one.
func SaveCheckpoint(path string, m Module, opt Optimizer, meta map[string]string) error {
	f := &safetensors.File{Metadata: map[string]string{metaFormat: "1"}}
	for k, v := range meta {
		if strings.HasPrefix(k, "neurocortex.") {
			return fmt.Errorf("nn: SaveCheckpoint %s: metadata key %q is reserved", path, k)
		}
		f.Metadata[k] = v
	}
	add := func(name string, t *tensor.Tensor) error {
		if strings.HasPrefix(name, optPrefix) {
			return fmt.Errorf("nn: SaveCheckpoint %s: model tensor name %q collides with the optimiser's", path, name)
		}
		if k := firstNonFinite(t.Data()); k >= 0 {
			return fmt.Errorf("nn: SaveCheckpoint %s: tensor %q holds %v at element %d: refusing to write a checkpoint that is not finite", path, name, t.Data()[k], k)
		}
		f.Tensors = append(f.Tensors, safetensors.FromFloat32(name, safetensors.F32, t.Shape(), t.Data()))
		return nil
	}
	for _, p := range m.Params() {
		if err := add(p.Name, p.Value); err != nil {
			return err
		}
	}
	for _, b := range BuffersOf(m) {
		if err := add(b.Name, b.Value); err != nil {
			return err
		}
	}
	if opt != nil {
		st := opt.State()
		f.Metadata[metaOptimizer] = st.Kind
		f.Tensors = append(f.Tensors, safetensors.FromInt64(optStepName, safetensors.I64, []int{}, []int64{st.Step}))
		for _, name := range st.SlotNames() {
			t := st.Slots[name]
			if k := firstNonFinite(t.Data()); k >= 0 {
				return fmt.Errorf("nn: SaveCheckpoint %s: optimiser tensor %q holds %v at element %d: refusing to write a checkpoint that is not finite", path, optPrefix+name, t.Data()[k], k)
			}
			f.Tensors = append(f.Tensors, safetensors.FromFloat32(optPrefix+name, safetensors.F32, t.Shape(), t.Data()))
		}
	}
	if err := safetensors.WriteFile(path, f); err != nil {
		return fmt.Errorf("nn: SaveCheckpoint: %w", err)
	}
	return nil
}

// LoadCheckpoint reads a checkpoint written by SaveCheckpoint into m and,
// when opt is not nil, into opt, and returns the caller's metadata.
//
// The file is validated completely before anything is changed: every
// parameter and buffer of m must be present with its shape (F32, or F64,
// F16 or BF16 converted), the file may hold no other model tensors, and
// when opt is given the optimiser's kind and every slot must match. Every
// float value loaded (parameters, buffers, optimiser slots) must be finite:
// a NaN or an Inf there would silently poison every later result. On
// error m and opt are unchanged and the error names the file and the first
// mismatch.
func LoadCheckpoint(path string, m Module, opt Optimizer) (map[string]string, error) {
	f, err := safetensors.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("nn: LoadCheckpoint: %w", err)
	}
	fail := func(format string, args ...any) (map[string]string, error) {
		return nil, fmt.Errorf("nn: LoadCheckpoint %s: %s", path, fmt.Sprintf(format, args...))
	}
	byName := map[string]*safetensors.Tensor{}
	for i := range f.Tensors {
		byName[f.Tensors[i].Name] = &f.Tensors[i]
	}

	type target struct {
		name string
		dst  *tensor.Tensor
	}
	var targets []target
	for _, p := range m.Params() {
		targets = append(targets, target{p.Name, p.Value})
	}
	for _, b := range BuffersOf(m) {
		targets = append(targets, target{b.Name, b.Value})
	}
	used := map[string]bool{}
	values := make([][]float32, len(targets))
	for i, tg := range targets {
		t, ok := byName[tg.name]
		if !ok {
			return fail("missing tensor %q (shape %v)", tg.name, tg.dst.Shape())
		}
		if !tensor.SameShape(t.Shape, tg.dst.Shape()) {
			return fail("tensor %q has shape %v in the file, the model has %v", tg.name, t.Shape, tg.dst.Shape())
		}
		v, err := t.Float32s()
		if err != nil {
			return fail("tensor %q: %v", tg.name, err)
		}
		if k := firstNonFinite(v); k >= 0 {
			return fail("tensor %q holds %v at element %d: parameters and buffers must be finite", tg.name, v[k], k)
		}
		values[i] = v
		used[tg.name] = true
	}
	for _, t := range f.Tensors {
		if !used[t.Name] && !strings.HasPrefix(t.Name, optPrefix) {
			return fail("unexpected tensor %q (shape %v) not in the model", t.Name, t.Shape)
		}
	}

	if opt != nil {
		kind, ok := f.Metadata[metaOptimizer]
		if !ok {
			return fail("no optimiser state")
		}
		st := OptimizerState{Kind: kind, Slots: map[string]*tensor.Tensor{}}
		stepT, ok := byName[optStepName]
		if !ok {
			return fail("no %s", optStepName)
		}
		steps, err := stepT.Int64s()
		if err != nil || len(steps) != 1 {
			return fail("%s must be one integer", optStepName)
		}
		st.Step = steps[0]
		for _, t := range f.Tensors {
			if !strings.HasPrefix(t.Name, optPrefix) || t.Name == optStepName {
				continue
			}
			v, err := t.Float32s()
			if err != nil {
				return fail("tensor %q: %v", t.Name, err)
			}
			// Optimiser state is finite whenever the parameters are: a
			// non-finite moment would turn every later update into NaN.
			if k := firstNonFinite(v); k >= 0 {
				return fail("tensor %q holds %v at element %d: optimiser state must be finite", t.Name, v[k], k)
			}
			st.Slots[strings.TrimPrefix(t.Name, optPrefix)] = tensor.FromSlice(v, t.Shape...)
		}
		if err := opt.SetState(st); err != nil {
			return fail("%v", err)
		}
	}
	for i, tg := range targets {
		copy(tg.dst.Data(), values[i])
	}
	meta := map[string]string{}
	for k, v := range f.Metadata {
		if !strings.HasPrefix(k, "neurocortex.") {
			meta[k] = v
		}
	}
	return meta, nil
}

// firstNonFinite returns the index of the first NaN or Inf in v, or -1.
func firstNonFinite(v []float32) int {
	for i, x := range v {
		// x-x is NaN exactly when x is NaN or an infinity.
		if x-x != 0 {
			return i
		}
	}
	return -1
}

// EncodePCG returns the state of a PCG generator as a string for
// checkpoint metadata, so that data shuffling and dropout resume with the
// same draws.
func EncodePCG(p *rand.PCG) string {
	b, _ := p.MarshalBinary() // never fails
	return hex.EncodeToString(b)
}

// DecodePCG restores into p a state written by EncodePCG.
func DecodePCG(s string, p *rand.PCG) error {
	b, err := hex.DecodeString(s)
	if err != nil {
		return fmt.Errorf("nn: DecodePCG: %v", err)
	}
	if err := p.UnmarshalBinary(b); err != nil {
		return fmt.Errorf("nn: DecodePCG: %v", err)
	}
	return nil
}
