package data

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

func TestReadCIFAR10(t *testing.T) {
	const px = CIFARRecordSize - 1
	labels := []byte{3, 0, 9}
	pixels := seq(3*px, 13, 5)
	raw := encodeCIFAR(labels, pixels)
	for _, tc := range []struct {
		name string
		in   []byte
	}{{"raw", raw}, {"gzip", gzipBytes(t, raw)}} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ReadCIFAR10(bytes.NewReader(tc.in), "data_batch_1.bin")
			if err != nil {
				t.Fatal(err)
			}
			if d.Len() != 3 || d.C != 3 || d.H != 32 || d.W != 32 || d.NumClasses != 10 {
				t.Fatalf("%d examples of %dx%dx%d", d.Len(), d.C, d.H, d.W)
			}
			if !bytes.Equal(d.Pixels, pixels) || fmt.Sprint(d.Labels) != "[3 0 9]" {
				t.Fatalf("labels %v or pixels differ", d.Labels)
			}
			// CHW: the green value of pixel (row 1, col 2) of image 2.
			x, _ := d.Batch([]int{2})
			if got, want := x.At(0, 1, 1, 2), float32(pixels[2*px+1024+32+2])/255; got != want {
				t.Fatalf("x[0,1,1,2] = %g, want %g", got, want)
			}
		})
	}
}

func TestReadCIFAR10Errors(t *testing.T) {
	rec := encodeCIFAR([]byte{1, 2}, seq(2*(CIFARRecordSize-1), 1, 0))
	badLabel := append([]byte(nil), rec...)
	badLabel[CIFARRecordSize] = 10
	for _, tc := range []struct {
		name string
		in   []byte
		max  int
		off  int64
		want string
	}{
		{"empty", nil, 10, -1, "empty file"},
		{"empty gzip", gzipBytes(t, nil), 10, -1, "empty: no CIFAR-10 records"},
		{"truncated", rec[:len(rec)-1], 10, CIFARRecordSize, "truncated: record 1 has 3072 of its 3073 bytes"},
		{"one byte", rec[:1], 10, 0, "truncated: record 0 has 1 of"},
		{"bad label", badLabel, 10, CIFARRecordSize, "record 1: label 10 out of range 0..9"},
		{"oversized", rec, 1, CIFARRecordSize, "oversized: more than 1 records"},
		{"gzip garbage", []byte{0x1f, 0x8b, 8, 0, 0xff, 0xff}, 10, -1, "gzip:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCIFAR10Limit(bytes.NewReader(tc.in), "bad.bin", tc.max)
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *FormatError", err)
			}
			if fe.File != "bad.bin" || fe.Offset != tc.off || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q (offset %d), want offset %d and %q", err, fe.Offset, tc.off, tc.want)
			}
		})
	}
	// Exactly at the limit is fine.
	if d, err := ReadCIFAR10Limit(bytes.NewReader(rec), "ok.bin", 2); err != nil || d.Len() != 2 {
		t.Fatalf("at the limit: %v", err)
	}
}

func TestReadCIFAR10AllocatesWhatIsPresent(t *testing.T) {
	in := encodeCIFAR([]byte{1}, seq(CIFARRecordSize-1, 1, 0))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadCIFAR10(bytes.NewReader(in), "one.bin")
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 2<<20 {
		t.Fatalf("allocated %d bytes for one 3073-byte record", got)
	}
}

func TestLoadCIFAR10(t *testing.T) {
	const px = CIFARRecordSize - 1
	dir := t.TempDir()
	for i := 1; i <= 5; i++ {
		writeFile(t, dir, fmt.Sprintf("data_batch_%d.bin", i), encodeCIFAR([]byte{byte(i), byte(i + 1)}, seq(2*px, i, 0)))
	}
	writeFile(t, dir, "test_batch.bin", encodeCIFAR([]byte{7}, seq(px, 9, 9)))
	train, err := LoadCIFAR10(dir, "train")
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 10 || fmt.Sprint(train.Labels) != "[1 2 2 3 3 4 4 5 5 6]" || train.Pixels[2*px+1] != 2 {
		t.Fatalf("train: %d examples, labels %v", train.Len(), train.Labels)
	}
	test, err := LoadCIFAR10(dir, "test")
	if err != nil || test.Len() != 1 || test.Labels[0] != 7 {
		t.Fatalf("test: %v", err)
	}
	if _, err := LoadCIFAR10(t.TempDir(), "test"); err == nil || !strings.Contains(err.Error(), "test_batch.bin") {
		t.Fatalf("missing file: %v", err)
	}
	if _, err := LoadCIFAR10(dir, "extra"); err == nil {
		t.Fatal("unknown split accepted")
	}
}
