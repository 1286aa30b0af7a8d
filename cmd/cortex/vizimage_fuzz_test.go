package main

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// FuzzVizReadImage feeds arbitrary bytes to the PNG/JPEG reader behind
// cortex viz --input: it must never panic, a refused file gets an error
// naming it, an accepted one becomes [1, 3, h, w] in [0, 1] within the
// documented 8192-pixel bound, and the memory it takes stays proportionate
// to the file (no decompression bomb within the bound).
func FuzzVizReadImage(f *testing.F) {
	img := image.NewRGBA(image.Rect(0, 0, 5, 3))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 29)
	}
	var pb, jb, gb bytes.Buffer
	png.Encode(&pb, img)
	jpeg.Encode(&jb, img, nil)
	grey := image.NewGray16(image.Rect(0, 0, 2, 2))
	grey.Set(1, 1, color.Gray16{Y: 0xffff})
	png.Encode(&gb, grey)
	f.Add(pb.Bytes())
	f.Add(jb.Bytes())
	f.Add(gb.Bytes())
	f.Add(pb.Bytes()[:len(pb.Bytes())/2])
	f.Add(jb.Bytes()[:len(jb.Bytes())/2])
	f.Add(cliPNGHeader(100000, 100000))
	f.Add(cliPNGHeader(8192, 8192))
	f.Add(cliPNGHeader(0, 0))
	f.Add([]byte{})
	f.Add([]byte("GIF89a"))
	f.Fuzz(func(t *testing.T, in []byte) {
		p := filepath.Join(t.TempDir(), "in.img")
		if err := os.WriteFile(p, in, 0o644); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		x, err := vizReadImage(p)
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<10*uint64(len(in))+16<<20 {
			t.Fatalf("allocated %d bytes for a %d-byte image", alloc, len(in))
		}
		if err != nil {
			if !bytes.Contains([]byte(err.Error()), []byte(p)) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		s := x.Shape()
		if len(s) != 4 || s[0] != 1 || s[1] != 3 || s[2] < 1 || s[3] < 1 || s[2] > 8192 || s[3] > 8192 {
			t.Fatalf("accepted image of shape %v", s)
		}
		for i, v := range x.Data() {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("pixel value %v at %d outside [0, 1]", v, i)
			}
		}
	})
}
