package viz

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestSavePNGAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.png")
	c := NewCanvas(7, 5, Black)
	if err := SavePNG(path, c.Img); err != nil {
		t.Fatal(err)
	}
	// Overwrite: the new picture replaces the old in one rename.
	c2 := NewCanvas(3, 2, White)
	if err := SavePNG(path, c2.Img); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 3 || b.Dy() != 2 {
		t.Errorf("decoded %v, want 3x2", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d files, want only a.png (no temporary left)", len(entries))
	}
	if err := SavePNG(filepath.Join(dir, "missing", "b.png"), c.Img); err == nil {
		t.Error("saving into a missing directory succeeded")
	}
}
