package reliability

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/nn/safetensors"
)

// Every reader is fed the same families of broken input: zero-length,
// truncated, oversized, wrong magic, wrong element type and NaN-filled
// (where the format can hold a NaN at all), plus the format's own
// inconsistencies. Each must fail with an error naming the file and the
// problem; none may panic.

// idx encodes an IDX file of unsigned bytes (element type 0x08), or of
// element type typ when typ is not 0.
func idx(typ byte, dims []int, payload []byte) []byte {
	if typ == 0 {
		typ = 0x08
	}
	b := []byte{0, 0, typ, byte(len(dims))}
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	return append(b, payload...)
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// badCRC flips the CRC-32 in a gzip member's trailer.
func badCRC(b []byte) []byte {
	b = append([]byte(nil), b...)
	b[len(b)-8] ^= 0xff
	return b
}

func cat(bs ...[]byte) []byte {
	var out []byte
	for _, b := range bs {
		out = append(out, b...)
	}
	return out
}

// nanFloats returns n float32 NaNs as big-endian bytes (IDX order).
func nanFloats(n int) []byte {
	b := make([]byte, 0, 4*n)
	for range n {
		b = binary.BigEndian.AppendUint32(b, math.Float32bits(float32(math.NaN())))
	}
	return b
}

// readerCase is one broken file and the word its error must contain.
type readerCase struct {
	name string
	file []byte
	want string
}

func TestIDXReaderRejectsBrokenFiles(t *testing.T) {
	img := idx(0, []int{3, 4, 4}, make([]byte, 48))
	cases := []readerCase{
		{"zero-length", nil, "empty"},
		{"truncated-data", img[:len(img)-5], "truncated"},
		{"truncated-header", img[:9], "truncated"},
		{"truncated-magic", img[:2], "truncated"},
		{"oversized", cat(img, []byte{1, 2, 3}), "oversized"},
		{"wrong-magic", cat([]byte{0x89, 'P', 'N', 'G'}, img[4:]), "magic"},
		{"wrong-dtype-float", idx(0x0D, []int{3, 4, 4}, nanFloats(48)), "element type"}, // NaN-filled float32 IDX
		{"wrong-dtype-int16", idx(0x0B, []int{3, 4, 4}, make([]byte, 96)), "element type"},
		{"no-dimensions", idx(0, nil, nil), "dimensions"},
		{"too-many-dimensions", idx(0, []int{1, 1, 1, 1, 1, 1, 1, 1, 1}, []byte{0}), "dimensions"},
		{"zero-dimension", idx(0, []int{3, 0, 4}, nil), "zero"},
		{"declares-gigabytes", idx(0, []int{1 << 15, 1 << 15, 1 << 15}, make([]byte, 16)), "limit"},
		{"declares-more-than-held", idx(0, []int{1 << 20, 28, 28}, make([]byte, 16)), "truncated"},
		{"gzip-zero-length-payload", gz(nil), "empty"},
		{"gzip-truncated", gz(img)[:20], "truncated"},
		{"gzip-corrupt-stream", cat(gz(img)[:12], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), ""},
		{"gzip-bad-checksum", badCRC(gz(img)), "checksum"},
		{"gzip-oversized", gz(cat(img, []byte{9})), "oversized"},
		{"gzip-truncated-data", gz(img[:len(img)-1]), "truncated"},
		{"gzip-declares-more-than-held", gz(idx(0, []int{1 << 20, 28, 28}, make([]byte, 16))), "truncated"},
	}
	dir := t.TempDir()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Neutral file names, so that the problem words are found in
			// the message and not in the name.
			name := fmt.Sprintf("in%02d", i)
			if strings.HasPrefix(c.name, "gzip") {
				name += ".gz"
			}
			p := writeFile(t, dir, name, c.file)
			var err error
			alloc := allocated(func() { catch(t, "ReadIDXFile", func() { _, err = data.ReadIDXFile(p) }) })
			checkNames(t, err, p, c.want)
			// Declared sizes are checked against what the file holds
			// before anything of that size is allocated.
			if limit := uint64(4*len(c.file)) + 1<<20; alloc > limit {
				t.Errorf("allocated %d bytes for a %d-byte file", alloc, len(c.file))
			}
			t.Logf("%v", err)
		})
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// mnistDir writes an MNIST test split made of the given files.
func mnistDir(t *testing.T, images, labels []byte) (dir, imgPath, lblPath string) {
	dir = t.TempDir()
	imgPath = writeFile(t, dir, "t10k-images-idx3-ubyte", images)
	lblPath = writeFile(t, dir, "t10k-labels-idx1-ubyte", labels)
	return dir, imgPath, lblPath
}

func TestLoadMNISTRejectsInconsistentFiles(t *testing.T) {
	imgs := idx(0, []int{4, 28, 28}, make([]byte, 4*784))
	lbls := idx(0, []int{4}, []byte{0, 1, 2, 3})
	cases := []struct {
		name         string
		images, lbls []byte
		badImages    bool // the error must name the image file (else the label file)
		want         string
	}{
		{"images-not-28x28", idx(0, []int{4, 27, 27}, make([]byte, 4*729)), lbls, true, "28"},
		{"images-2d", idx(0, []int{4, 784}, make([]byte, 4*784)), lbls, true, "28"},
		{"labels-are-images", imgs, imgs, false, "labels"},
		{"label-not-a-digit", imgs, idx(0, []int{4}, []byte{0, 1, 10, 3}), false, "label 10"},
		{"fewer-labels", imgs, idx(0, []int{3}, []byte{0, 1, 2}), false, "labels"},
		{"truncated-images", imgs[:len(imgs)-1], lbls, true, "truncated"},
		{"zero-length-labels", imgs, nil, false, "empty"},
		{"wrong-dtype-images", idx(0x0D, []int{4, 28, 28}, nanFloats(4*784)), lbls, true, "element type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, ip, lp := mnistDir(t, c.images, c.lbls)
			var err error
			catch(t, "LoadMNIST", func() { _, err = data.LoadMNIST(dir, "test") })
			file := lp
			if c.badImages {
				file = ip
			}
			checkNames(t, err, file, c.want)
			t.Logf("%v", err)
		})
	}
	t.Run("missing-directory", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "nowhere")
		_, err := data.LoadMNIST(dir, "test")
		checkNames(t, err, dir)
	})
}

func TestCIFAR10ReaderRejectsBrokenFiles(t *testing.T) {
	rec := func(label byte) []byte {
		r := make([]byte, data.CIFARRecordSize)
		r[0] = label
		return r
	}
	two := cat(rec(3), rec(9))
	png := cat([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100))
	cases := []readerCase{
		{"zero-length", nil, "empty"},
		{"one-byte", []byte{1}, "truncated"},
		{"truncated", two[:len(two)-1], "truncated"},
		{"oversized-by-a-byte", cat(two, []byte{0}), "truncated"}, // not a whole number of records
		{"bad-label", cat(rec(3), rec(10)), "label"},
		{"png-instead", png, "truncated"},
		{"gzip-corrupt-stream", cat(gz(two)[:12], []byte{0xff, 0xff, 0xff, 0xff}), ""},
		{"gzip-bad-checksum", badCRC(gz(two)), "checksum"},
		{"gzip-truncated", gz(two)[:30], "truncated"},
	}
	dir := t.TempDir()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, dir, fmt.Sprintf("in%02d.bin", i), c.file)
			var err error
			alloc := allocated(func() { catch(t, "ReadCIFAR10File", func() { _, err = data.ReadCIFAR10File(p) }) })
			checkNames(t, err, p, c.want)
			if limit := uint64(4*len(c.file)) + 1<<20; alloc > limit {
				t.Errorf("allocated %d bytes for a %d-byte file", alloc, len(c.file))
			}
			t.Logf("%v", err)
		})
	}
	t.Run("more-records-than-the-limit", func(t *testing.T) {
		_, err := data.ReadCIFAR10Limit(bytes.NewReader(cat(two, rec(1))), "three.bin", 2)
		checkNames(t, err, "three.bin", "oversized")
	})
	t.Run("missing-batch-file", func(t *testing.T) {
		dir := t.TempDir()
		_, err := data.LoadCIFAR10(dir, "test")
		checkNames(t, err, filepath.Join(dir, "test_batch.bin"))
	})
}

// safetensorsFile builds a file from a raw header and buffer.
func safetensorsFile(header string, buf []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return cat(b, []byte(header), buf)
}

func TestSafetensorsReaderRejectsBrokenFiles(t *testing.T) {
	var good bytes.Buffer
	safetensors.Encode(&good, &safetensors.File{Tensors: []safetensors.Tensor{
		safetensors.FromFloat32("w", safetensors.F32, []int{2, 2}, []float32{1, 2, 3, 4}),
	}})
	g := good.Bytes()
	cases := []readerCase{
		{"zero-length", nil, "bytes"},
		{"seven-bytes", g[:7], "bytes"},
		{"header-only-length", g[:8], "header length"},
		{"truncated-header", g[:20], "header length"},
		{"truncated-data", g[:len(g)-1], "buffer"},
		{"oversized", cat(g, []byte{0}), "buffer"},
		{"wrong-magic-zip", cat([]byte("PK\x03\x04\x14\x00\x08\x00"), g[8:]), "header length"},
		{"wrong-magic-png", cat([]byte("\x89PNG\r\n\x1a\n"), g[8:]), "header length"},
		{"header-not-json", safetensorsFile(`{"w": [`, nil), "header"},
		{"header-not-object", safetensorsFile(`[1, 2]`, nil), "header"},
		{"unknown-dtype", safetensorsFile(`{"w":{"dtype":"F99","shape":[1],"data_offsets":[0,4]}}`, make([]byte, 4)), "dtype"},
		{"dtype-size-mismatch", safetensorsFile(`{"w":{"dtype":"F64","shape":[1],"data_offsets":[0,4]}}`, make([]byte, 4)), "needs more bytes"},
		{"negative-dimension", safetensorsFile(`{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}`, make([]byte, 4)), "negative"},
		{"huge-shape", safetensorsFile(`{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}`, make([]byte, 4)), "buffer"},
		{"offsets-outside", safetensorsFile(`{"w":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}}`, make([]byte, 4)), "outside"},
		{"overlapping", safetensorsFile(`{"a":{"dtype":"U8","shape":[3],"data_offsets":[0,3]},"b":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}`, make([]byte, 4)), "overlap"},
		{"gap", safetensorsFile(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}`, make([]byte, 2)), "gap"},
		{"duplicate-name", safetensorsFile(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}`, make([]byte, 1)), "duplicate"},
		{"metadata-not-strings", safetensorsFile(`{"__metadata__":{"k":1}}`, nil), "metadata"},
		{"missing-fields", safetensorsFile(`{"w":{"dtype":"F32"}}`, nil), "required"},
	}
	dir := t.TempDir()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, dir, fmt.Sprintf("in%02d.safetensors", i), c.file)
			var err error
			alloc := allocated(func() { catch(t, "safetensors.ReadFile", func() { _, err = safetensors.ReadFile(p) }) })
			checkNames(t, err, p, c.want)
			if limit := uint64(4*len(c.file)) + 1<<20; alloc > limit {
				t.Errorf("allocated %d bytes for a %d-byte file", alloc, len(c.file))
			}
			t.Logf("%v", err)
		})
	}
	t.Run("missing", func(t *testing.T) {
		p := filepath.Join(dir, "missing.safetensors")
		_, err := safetensors.ReadFile(p)
		checkNames(t, err, p)
	})
}

// checkpointFixture saves a small trained-for-one-step system and returns
// the trainer, the file's path and its decoded content.
func checkpointFixture(t *testing.T) (*cortex.Trainer, string, *safetensors.File) {
	t.Helper()
	tr := newSmallTrainer(t, 1, 8)
	if _, err := tr.TrainStep(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "good.safetensors")
	if err := tr.Save(p); err != nil {
		t.Fatal(err)
	}
	f, err := safetensors.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return tr, p, f
}

// newSmallTrainer returns a trainer of the small static system on 32
// synthetic digits.
func newSmallTrainer(t *testing.T, epochs, batch int) *cortex.Trainer {
	t.Helper()
	cfg := smallConfig(false)
	sys, err := cortex.New(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	d := digits(32, cfg.Height, cfg.Width, 1)
	opts := cortex.DefaultTrainOptions()
	opts.Epochs, opts.Batch = epochs, batch
	tr, err := cortex.NewTrainer(sys, &cortex.MNISTTask{Train: d, Test: d}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// edited returns f's bytes after edit changed a copy of it.
func edited(t *testing.T, f *safetensors.File, edit func(*safetensors.File)) []byte {
	t.Helper()
	c := &safetensors.File{Tensors: append([]safetensors.Tensor(nil), f.Tensors...), Metadata: map[string]string{}}
	for k, v := range f.Metadata {
		c.Metadata[k] = v
	}
	edit(c)
	var buf bytes.Buffer
	if err := safetensors.Encode(&buf, c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fill returns a tensor's bytes with every F32 element set to v.
func fill(n int, v float32) []byte {
	b := make([]byte, 0, n)
	for len(b) < n {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

// paramIndex returns the index of the first tensor whose name has the
// prefix (a parameter, not optimiser state, unless asked for).
func paramIndex(t *testing.T, f *safetensors.File, prefix string) int {
	t.Helper()
	for i, x := range f.Tensors {
		if strings.HasPrefix(x.Name, prefix) {
			return i
		}
	}
	t.Fatalf("no tensor named %s*", prefix)
	return -1
}

// The checkpoint readers (nn.LoadCheckpoint, cortex.LoadSystem,
// Trainer.Resume) refuse broken checkpoints, name the file and the
// problem, and leave the model they load into unchanged.
func TestCheckpointReadersRejectBrokenFiles(t *testing.T) {
	tr, goodPath, f := checkpointFixture(t)
	raw, err := os.ReadFile(goodPath)
	if err != nil {
		t.Fatal(err)
	}
	nonFinite := func(v float32, prefix string) []byte {
		return edited(t, f, func(c *safetensors.File) {
			for i := range c.Tensors {
				x := &c.Tensors[i]
				if x.DType == safetensors.F32 && strings.HasPrefix(x.Name, prefix) {
					x.Data = fill(len(x.Data), v)
				}
			}
		})
	}
	nan := float32(math.NaN())
	cases := []readerCase{
		{"zero-length", nil, "bytes"},
		{"truncated", raw[:len(raw)/2], "buffer"},
		{"truncated-header", raw[:40], "header length"},
		{"oversized", cat(raw, make([]byte, 8)), "buffer"},
		{"wrong-magic", cat([]byte("PK\x03\x04\x14\x00\x08\x00"), raw[8:]), "header length"},
		{"wrong-dtype-I32", edited(t, f, func(c *safetensors.File) {
			c.Tensors[paramIndex(t, c, "v2.weight")].DType = safetensors.I32
		}), "I32"},
		{"wrong-dtype-U8", edited(t, f, func(c *safetensors.File) {
			i := paramIndex(t, c, "v2.weight")
			x := c.Tensors[i]
			c.Tensors[i] = safetensors.Tensor{Name: x.Name, DType: safetensors.U8, Shape: x.Shape, Data: make([]byte, len(x.Data)/4)}
		}), "U8"},
		{"nan-filled-weights", nonFinite(nan, "v2."), "NaN"},
		{"inf-filled-weights", nonFinite(float32(math.Inf(1)), "v4."), "Inf"},
		{"nan-filled-everything", nonFinite(nan, ""), "NaN"},
		{"missing-tensor", edited(t, f, func(c *safetensors.File) {
			i := paramIndex(t, c, "v4.weight")
			c.Tensors = append(c.Tensors[:i], c.Tensors[i+1:]...)
		}), "missing"},
		{"extra-tensor", edited(t, f, func(c *safetensors.File) {
			c.Tensors = append(c.Tensors, safetensors.FromFloat32("v9.weight", safetensors.F32, []int{1}, []float32{1}))
		}), "unexpected"},
		{"wrong-shape", edited(t, f, func(c *safetensors.File) {
			i := paramIndex(t, c, "v4.weight")
			x := c.Tensors[i]
			c.Tensors[i] = safetensors.FromFloat32(x.Name, safetensors.F32, []int{1}, []float32{1})
		}), "shape"},
		{"bad-config", edited(t, f, func(c *safetensors.File) { c.Metadata["cortex.config"] = `{"Height": 3}` }), "Height"},
		{"config-not-json", edited(t, f, func(c *safetensors.File) { c.Metadata["cortex.config"] = `{"Height":` }), "configuration"},
		{"no-metadata", edited(t, f, func(c *safetensors.File) { c.Metadata = nil }), "configuration"},
	}
	dir := t.TempDir()
	loaders := []struct {
		name string
		load func(path string) error
	}{
		{"nn.LoadCheckpoint", func(p string) error {
			_, err := nn.LoadCheckpoint(p, tr.Sys, tr.Opt)
			return err
		}},
		{"cortex.LoadSystem", func(p string) error {
			_, _, _, err := cortex.LoadSystem(p)
			return err
		}},
		{"Trainer.Resume", func(p string) error { return tr.Resume(p) }},
	}
	for i, c := range cases {
		p := writeFile(t, dir, fmt.Sprintf("in%02d.safetensors", i), c.file)
		for _, l := range loaders {
			if l.name == "nn.LoadCheckpoint" && strings.Contains(c.name, "config") || strings.Contains(c.name, "metadata") && l.name == "nn.LoadCheckpoint" {
				continue // the cortex metadata is not nn's business
			}
			t.Run(c.name+"/"+l.name, func(t *testing.T) {
				before := weightsDigest(tr.Sys)
				var err error
				catch(t, l.name, func() { err = l.load(p) })
				if err == nil {
					// Accepted: put the good state back for the next case.
					if rerr := tr.Resume(goodPath); rerr != nil {
						t.Fatal(rerr)
					}
				} else if weightsDigest(tr.Sys) != before {
					t.Errorf("the rejected checkpoint changed the model it was loaded into")
				}
				checkNames(t, err, p, c.want)
				t.Logf("%v", err)
			})
		}
	}
	t.Run("nan-in-optimiser-state/Trainer.Resume", func(t *testing.T) {
		b := nonFinite(nan, "optimizer.exp_avg_sq.")
		p := writeFile(t, dir, "adam.safetensors", b)
		err := tr.Resume(p)
		if err == nil {
			tr.Resume(goodPath)
		}
		checkNames(t, err, p, "NaN")
	})
	t.Run("other-options/Trainer.Resume", func(t *testing.T) {
		other := newSmallTrainer(t, 2, 8) // 2 epochs: a different run
		checkNames(t, other.Resume(goodPath), goodPath, "options")
	})
	t.Run("other-task/Trainer.Resume", func(t *testing.T) {
		b := edited(t, f, func(c *safetensors.File) { c.Metadata["cortex.task"] = "moving-mnist" })
		p := writeFile(t, dir, "task.safetensors", b)
		checkNames(t, tr.Resume(p), p, "moving-mnist")
	})
	t.Run("position-out-of-range/Trainer.Resume", func(t *testing.T) {
		b := edited(t, f, func(c *safetensors.File) { c.Metadata["cortex.step"] = "999" })
		p := writeFile(t, dir, "pos.safetensors", b)
		checkNames(t, tr.Resume(p), p, "position")
	})
}

// A checkpoint whose metadata describes a very large system but holds no
// tensors must be refused before the system is built: declared sizes are
// checked against what the file holds before allocating.
func TestLoadSystemChecksSizesBeforeAllocating(t *testing.T) {
	_, _, f := checkpointFixture(t)
	var cfg cortex.Config
	if err := json.Unmarshal([]byte(f.Metadata["cortex.config"]), &cfg); err != nil {
		t.Fatal(err)
	}
	cfg.V2Width, cfg.V4Width = 1024, 1024 // V4 alone: 1024*1024*9 floats, 37.7 MB
	big, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b := edited(t, f, func(c *safetensors.File) {
		c.Metadata["cortex.config"] = string(big)
		c.Tensors = nil
	})
	p := writeFile(t, t.TempDir(), "tiny-but-huge.safetensors", b)
	var lerr error
	alloc := allocated(func() { _, _, _, lerr = cortex.LoadSystem(p) })
	checkNames(t, lerr, p)
	t.Logf("%d-byte file: %v; allocated %.1f MB", len(b), lerr, float64(alloc)/(1<<20))
	if limit := uint64(8*len(b)) + 4<<20; alloc > limit {
		t.Errorf("cortex.LoadSystem allocated %.1f MB for a %d-byte checkpoint that holds no tensors (limit %.1f MB): "+
			"it builds the system its metadata describes before checking the file's tensors against it", float64(alloc)/(1<<20), len(b), float64(limit)/(1<<20))
	}
}
