package viz

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// EncodePNG writes img to w as a PNG.
func EncodePNG(w io.Writer, img image.Image) error {
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	return enc.Encode(w, img)
}

// SavePNG writes img to path atomically: the PNG goes to a temporary file
// in the same directory, is synced to disk and renamed over path, so path
// holds either its old content or the whole new picture.
func SavePNG(path string, img image.Image) error {
	var buf bytes.Buffer
	if err := EncodePNG(&buf, img); err != nil {
		return fmt.Errorf("viz: encode %s: %w", path, err)
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// WriteFileAtomic writes data to path through a synced temporary file and
// a rename, then syncs the folder. On error path is left as it was and the
// temporary file is removed; the error wraps the cause, so errors.Is tells
// a missing or unwritable folder (fs.ErrNotExist, fs.ErrPermission).
func WriteFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("viz: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("viz: write %s: %w", path, err)
	}
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("viz: %w", err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("viz: sync %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("viz: close %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("viz: %w", err)
	}
	// Make the rename itself durable. Windows cannot sync a folder (and
	// does not need to).
	if runtime.GOOS != "windows" {
		d, derr := os.Open(dir)
		if derr != nil {
			return fmt.Errorf("viz: %w", derr)
		}
		defer d.Close()
		if derr := d.Sync(); derr != nil {
			return fmt.Errorf("viz: sync %s: %w", dir, derr)
		}
	}
	return nil
}
