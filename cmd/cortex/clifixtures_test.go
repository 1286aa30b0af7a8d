package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/nn/safetensors"
)

// cliFixtures are the files the bad-invocation table points cortex at:
// a tiny MNIST directory that loads, broken copies of it, a checkpoint
// that loads and broken copies of it. They are made once per test binary
// under cliDir.
type cliFixtures struct {
	dir     string
	file    string // a regular file, for "a folder under a file"
	missing string // a path that does not exist
	mnist   string // a small valid MNIST directory (16 train, 8 test digits)
	ckpt    string // a valid checkpoint of the default mnist system

	// badMNIST are MNIST directories whose test images (read by every
	// command that takes an MNIST directory) are broken in one way.
	badMNIST []cliBadFile
	// badCkpt are broken checkpoints.
	badCkpt []cliBadFile
	// png is a valid 4x4 PNG; badImages are broken PNG/JPEG inputs.
	png       string
	badImages []cliBadFile
}

// cliBadFile is one broken input and what its error must say.
type cliBadFile struct {
	name string // what is wrong, e.g. "truncated"
	path string // the file (checkpoints) or the directory (MNIST)
	file string // the broken file inside path that the error must name
	want string // a word the error must contain
}

var (
	cliFixturesOnce sync.Once
	cliFixturesVal  *cliFixtures
	cliFixturesErr  error
)

// cliSharedFixtures returns the fixtures, making them on first use.
func cliSharedFixtures(t testing.TB) *cliFixtures {
	t.Helper()
	cliFixturesOnce.Do(func() { cliFixturesVal, cliFixturesErr = cliMakeFixtures(filepath.Join(cliDir, "fixtures")) })
	if cliFixturesErr != nil {
		t.Fatalf("making test fixtures: %v", cliFixturesErr)
	}
	return cliFixturesVal
}

// cliIDX encodes an IDX file of unsigned bytes.
func cliIDX(dims []int, payload []byte) []byte {
	b := []byte{0, 0, 0x08, byte(len(dims))}
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	return append(b, payload...)
}

// cliFakeDigits returns n deterministic 28x28 images and labels 0..9.
func cliFakeDigits(n int) (pixels, labels []byte) {
	pixels = make([]byte, n*28*28)
	for i := range pixels {
		pixels[i] = byte(i * 37 % 251)
	}
	labels = make([]byte, n)
	for i := range labels {
		labels[i] = byte(i % 10)
	}
	return pixels, labels
}

// cliWriteMNIST writes the four MNIST files (uncompressed) into dir, with
// testImages replacing the test image file when it is not nil.
func cliWriteMNIST(dir string, testImages []byte, testImagesName string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	trP, trL := cliFakeDigits(16)
	teP, teL := cliFakeDigits(8)
	files := map[string][]byte{
		"train-images-idx3-ubyte": cliIDX([]int{16, 28, 28}, trP),
		"train-labels-idx1-ubyte": cliIDX([]int{16}, trL),
		"t10k-labels-idx1-ubyte":  cliIDX([]int{8}, teL),
	}
	if testImages == nil {
		files["t10k-images-idx3-ubyte"] = cliIDX([]int{8, 28, 28}, teP)
	} else {
		files[testImagesName] = testImages
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func cliMakeFixtures(dir string) (*cliFixtures, error) {
	fx := &cliFixtures{
		dir:     dir,
		file:    filepath.Join(dir, "regular-file"),
		missing: filepath.Join(dir, "does-not-exist"),
		mnist:   filepath.Join(dir, "mnist-ok"),
		ckpt:    filepath.Join(dir, "ok.safetensors"),
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(fx.file, []byte("not a directory\n"), 0o644); err != nil {
		return nil, err
	}
	if err := cliWriteMNIST(fx.mnist, nil, ""); err != nil {
		return nil, err
	}

	// Broken test-image files.
	teP, _ := cliFakeDigits(8)
	good := cliIDX([]int{8, 28, 28}, teP)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(good)
	zw.Close()
	const img = "t10k-images-idx3-ubyte"
	floatType := append([]byte(nil), good...)
	floatType[2] = 0x0D // IDX float32 elements
	small := cliIDX([]int{8, 27, 27}, make([]byte, 8*27*27))
	for _, v := range []struct {
		name, file, want string
		b                []byte
	}{
		{"zero-length", img, "empty", []byte{}},
		{"truncated", img, "truncated", good[:len(good)-100]},
		{"truncated-header", img, "truncated", good[:10]},
		{"oversized", img, "oversized", append(append([]byte(nil), good...), 1, 2, 3)},
		{"wrong-magic", img, "magic", append([]byte{'P', 'K', 3, 4}, good[4:]...)},
		{"wrong-dtype", img, "element type", floatType},
		{"wrong-image-size", img, "28", small},
		{"corrupt-gzip", img + ".gz", "gzip", append(append([]byte(nil), gz.Bytes()[:20]...), 0xde, 0xad, 0xbe, 0xef)},
		{"truncated-gzip", img + ".gz", "truncated", gz.Bytes()[:gz.Len()/2]},
		{"count-mismatch", img, "labels", cliIDX([]int{7, 28, 28}, teP[:7*784])},
	} {
		d := filepath.Join(dir, "mnist-"+v.name)
		if err := cliWriteMNIST(d, v.b, v.file); err != nil {
			return nil, err
		}
		fx.badMNIST = append(fx.badMNIST, cliBadFile{name: v.name, path: d, file: filepath.Join(d, v.file), want: v.want})
	}

	// A valid checkpoint: the default static-MNIST system before any step.
	if err := cliWriteCheckpoint(fx.ckpt, fx.mnist); err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(fx.ckpt)
	if err != nil {
		return nil, err
	}
	parsed, err := safetensors.Decode(raw)
	if err != nil {
		return nil, err
	}
	variants := []struct {
		name, want string
		b          []byte
	}{
		{"zero-length", "bytes", []byte{}},
		{"truncated", "buffer", raw[:len(raw)/2]},
		{"truncated-data", "buffer", raw[:len(raw)-4]},
		{"oversized", "data buffer", append(append([]byte(nil), raw...), 0, 0, 0, 0)},
		{"wrong-magic", "header", append([]byte("PK\x03\x04\x14\x00\x00\x00"), raw[8:]...)},
		{"not-json", "header", cliRawSafetensors([]byte("{\"a\": [1,"), nil)},
	}
	// Wrong dtype: the first parameter's bytes relabelled as I32.
	variants = append(variants, struct {
		name, want string
		b          []byte
	}{"wrong-dtype", "I32", cliReencode(parsed, func(f *safetensors.File) {
		f.Tensors[0].DType = safetensors.I32
	})})
	// NaN- and Inf-filled parameters.
	for _, nf := range []struct {
		name string
		v    float32
	}{{"nan-filled", float32(math.NaN())}, {"inf-filled", float32(math.Inf(1))}} {
		v := nf.v
		variants = append(variants, struct {
			name, want string
			b          []byte
		}{nf.name, "finite", cliReencode(parsed, func(f *safetensors.File) {
			for i := range f.Tensors {
				t := &f.Tensors[i]
				if t.DType != safetensors.F32 {
					continue
				}
				d := make([]byte, len(t.Data))
				for k := 0; k+4 <= len(d); k += 4 {
					binary.LittleEndian.PutUint32(d[k:], math.Float32bits(v))
				}
				t.Data = d
			}
		})})
	}
	variants = append(variants, struct {
		name, want string
		b          []byte
	}{"missing-tensor", "missing", cliReencode(parsed, func(f *safetensors.File) {
		f.Tensors = f.Tensors[1:]
	})}, struct {
		name, want string
		b          []byte
	}{"bad-config", "config", cliReencode(parsed, func(f *safetensors.File) {
		f.Metadata["cortex.config"] = `{"Height": 3}`
	})}, struct {
		name, want string
		b          []byte
	}{"no-metadata", "config", cliReencode(parsed, func(f *safetensors.File) {
		f.Metadata = nil
	})})
	for _, v := range variants {
		p := filepath.Join(dir, "ckpt-"+v.name+".safetensors")
		if err := os.WriteFile(p, v.b, 0o644); err != nil {
			return nil, err
		}
		fx.badCkpt = append(fx.badCkpt, cliBadFile{name: v.name, path: p, file: p, want: v.want})
	}
	if err := cliMakeImages(fx); err != nil {
		return nil, err
	}
	return fx, nil
}

// cliMakeImages writes a valid PNG and broken images for --input.
func cliMakeImages(fx *cliFixtures) error {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 13)
	}
	var pb, jb bytes.Buffer
	if err := png.Encode(&pb, img); err != nil {
		return err
	}
	if err := jpeg.Encode(&jb, img, nil); err != nil {
		return err
	}
	fx.png = filepath.Join(fx.dir, "ok.png")
	if err := os.WriteFile(fx.png, pb.Bytes(), 0o644); err != nil {
		return err
	}
	p, j := pb.Bytes(), jb.Bytes()
	for _, v := range []struct {
		name, want string
		b          []byte
	}{
		{"zero-length.png", "format", nil},
		{"truncated.png", "png", p[:len(p)/2]},
		{"truncated-header.png", "EOF", p[:20]},
		{"text.png", "format", []byte("this is not an image\n")},
		{"huge.png", "8192", cliPNGHeader(100000, 100000)},
		{"huge-width.png", "8192", cliPNGHeader(1<<30, 1)},
		{"zero-size.png", "", cliPNGHeader(0, 0)},
		{"bad-crc.png", "checksum", append(append([]byte(nil), p[:29]...), append([]byte{0, 0, 0, 0}, p[33:]...)...)},
		{"truncated.jpg", "EOF", j[:len(j)/2]},
		{"wrong-magic.jpg", "format", append([]byte{0x00, 0xd8}, j[2:]...)},
	} {
		path := filepath.Join(fx.dir, "img-"+v.name)
		if err := os.WriteFile(path, v.b, 0o644); err != nil {
			return err
		}
		fx.badImages = append(fx.badImages, cliBadFile{name: v.name, path: path, file: path, want: v.want})
	}
	return nil
}

// cliPNGHeader returns a PNG signature and an IHDR chunk declaring w x h
// 8-bit RGBA, with a valid CRC, and nothing after it.
func cliPNGHeader(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0)
	b = binary.BigEndian.AppendUint32(b, 13)
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}

// cliWriteCheckpoint saves an untrained default mnist system as cortex train
// would, with the options of the tiny runs the table uses.
func cliWriteCheckpoint(path, mnistDir string) error {
	train, err := data.LoadMNIST(mnistDir, "train")
	if err != nil {
		return err
	}
	sys, err := cortex.New(cortex.DefaultConfig(), 1)
	if err != nil {
		return err
	}
	opts := cortex.DefaultTrainOptions()
	opts.Epochs, opts.Batch = 1, 8
	tr, err := cortex.NewTrainer(sys, &cortex.MNISTTask{Train: train, Test: train}, opts)
	if err != nil {
		return err
	}
	return tr.Save(path)
}

// cliReencode returns the bytes of a copy of f changed by edit.
func cliReencode(f *safetensors.File, edit func(*safetensors.File)) []byte {
	c := &safetensors.File{Tensors: append([]safetensors.Tensor(nil), f.Tensors...), Metadata: map[string]string{}}
	for k, v := range f.Metadata {
		c.Metadata[k] = v
	}
	edit(c)
	var buf bytes.Buffer
	if err := safetensors.Encode(&buf, c); err != nil {
		panic("test fixture: " + err.Error())
	}
	return buf.Bytes()
}

// cliRawSafetensors builds a file from a raw header and buffer.
func cliRawSafetensors(header, buf []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), buf...)
}
