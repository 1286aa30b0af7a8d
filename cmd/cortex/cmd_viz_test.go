package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestVizWritesEveryPicture(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	args := []string{"viz", "--untrained", "--config", "mnist", "--input", "mnist:0", "--out", dir, "--json"}
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res vizResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	want := []string{"input.png", "photoreceptors.png", "horizontal.png", "ganglion_P.png", "ganglion_M.png", "logpolar.png",
		"gabor_bank.png", "v1_filters.png", "features_V1.png", "features_V2.png", "features_V4.png", "predictions.png"}
	if len(res.Files) != len(want) {
		t.Fatalf("files %v", res.Files)
	}
	for i, name := range want {
		if filepath.Base(res.Files[i]) != name {
			t.Errorf("file %d is %s, want %s", i, res.Files[i], name)
		}
		img := decodePNG(t, res.Files[i])
		if b := img.Bounds(); b.Dx() < 20 || b.Dy() < 20 {
			t.Errorf("%s is %v", name, b)
		}
	}
	// The input picture shows MNIST test digit 0 (a 7), bright on black.
	img := decodePNG(t, filepath.Join(dir, "input.png"))
	white, black := 0, 0
	b := img.Bounds()
	for y := b.Min.Y + 20; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			switch v := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y; {
			case v > 200:
				white++
			case v == 0:
				black++
			}
		}
	}
	if white < 100 || black < 1000 {
		t.Errorf("input picture: %d white, %d black pixels", white, black)
	}
	sum := 0.0
	for _, p := range res.ClassProbs {
		sum += p
	}
	if len(res.ClassProbs) != 10 || sum < 0.999 || sum > 1.001 || res.Direction != nil {
		t.Errorf("predictions %+v", res)
	}
}

func TestVizMovingAndImageFile(t *testing.T) {
	dir := t.TempDir()
	// A small PNG file as input to a motion system: a still repeated.
	src := image.NewRGBA(image.Rect(0, 0, 10, 6))
	for i := range src.Pix {
		src.Pix[i] = 200
	}
	f, err := os.Create(filepath.Join(dir, "in.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, src); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var out, errb bytes.Buffer
	args := []string{"viz", "--untrained", "--input", filepath.Join(dir, "in.png"), "--out", filepath.Join(dir, "o"), "--json"}
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res vizResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 14 || res.Direction == nil || len(res.Position) != 2 {
		t.Errorf("moving system result %+v", res)
	}
	for _, bad := range [][]string{
		{"viz", "--untrained", "--input", "mnist:x"},
		{"viz", "--untrained", "--input", "mnist:99999"},
		{"viz", "--untrained", "--input", filepath.Join(dir, "missing.png")},
		{"viz", "--untrained", "--max-maps", "0"},
	} {
		out.Reset()
		errb.Reset()
		if code := run(append(bad, "--out", filepath.Join(dir, "bad")), &out, &errb); code != 2 {
			t.Errorf("%v: exit %d, %q", bad, code, errb.String())
		}
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func FuzzVizParseInput(f *testing.F) {
	for _, s := range []string{"mnist:0", "moving:12", "mnist:-1", "mnist:", "moving:x", "a.png", "", "c:/x.png", "mnist:99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		kind, i, err := vizParseInput(spec)
		if err != nil {
			return
		}
		switch kind {
		case "mnist", "moving":
			if i < 0 {
				t.Fatalf("%q: negative index %d accepted", spec, i)
			}
		case "file":
			if spec == "" {
				t.Fatal("empty input accepted as a file")
			}
		default:
			t.Fatalf("%q: kind %q", spec, kind)
		}
	})
}

// A blank 5000x5000 PNG (a small file that decodes to 25 Mpixel) is
// refused from its header, before decoding, with a one-line error that
// names the file.
func TestVizRefusesHugeImage(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "blank.png")
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, image.NewGray(image.Rect(0, 0, 5000, 5000))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := vizReadImage(p)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a 5000x5000 image was accepted")
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("refusing a %d-byte 5000x5000 PNG allocated %d bytes", b.Len(), alloc)
	}
	var out, errb bytes.Buffer
	code := run([]string{"viz", "--untrained", "--config", "mnist", "--input", p, "--out", filepath.Join(dir, "out")}, &out, &errb)
	msg := strings.TrimSpace(errb.String())
	if code == 0 || strings.Contains(msg, "\n") || !strings.Contains(msg, p) || !strings.Contains(msg, "5000x5000") || strings.Contains(msg, "panic") {
		t.Fatalf("exit %d, stderr %q: want a one-line error naming the file and its size", code, msg)
	}
	t.Logf("%d-byte file: %s", b.Len(), msg)
}
