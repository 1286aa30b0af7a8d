package viz

import (
	"errors"
	"image/png"
	"io/fs"
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
	if err := SavePNG(filepath.Join(dir, "missing", "b.png"), c.Img); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("saving into a missing directory: %v, want an error matching fs.ErrNotExist", err)
	}
	// A path through a regular file, and a folder where the file should
	// be: errors, and the folder is left as it was.
	if err := SavePNG(filepath.Join(path, "c.png"), c.Img); err == nil {
		t.Error("saving under a regular file succeeded")
	}
	if err := os.Mkdir(filepath.Join(dir, "d.png"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := SavePNG(filepath.Join(dir, "d.png"), c.Img); err == nil {
		t.Error("saving over a folder succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("directory holds %v, want a.png and d.png only", entries)
	}
}
