package data

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

func TestReadIDXValid(t *testing.T) {
	payload := seq(2*3*4, 5, 1)
	raw := encodeIDX([]int{2, 3, 4}, payload)
	for _, tc := range []struct {
		name string
		in   []byte
	}{{"raw", raw}, {"gzip", gzipBytes(t, raw)}} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := ReadIDX(bytes.NewReader(tc.in), "x.idx")
			if err != nil {
				t.Fatal(err)
			}
			if len(x.Dims) != 3 || x.Dims[0] != 2 || x.Dims[1] != 3 || x.Dims[2] != 4 {
				t.Fatalf("dims %v, want [2 3 4]", x.Dims)
			}
			if !bytes.Equal(x.Data, payload) {
				t.Fatalf("data %v, want %v", x.Data, payload)
			}
			if x.Magic() != IDXImagesMagic {
				t.Fatalf("magic %#x, want %#x", x.Magic(), IDXImagesMagic)
			}
		})
	}
	lab, err := ReadIDX(bytes.NewReader(encodeIDX([]int{3}, []byte{7, 2, 1})), "l.idx")
	if err != nil || lab.Magic() != IDXLabelsMagic || !bytes.Equal(lab.Data, []byte{7, 2, 1}) {
		t.Fatalf("labels: %v %v", lab, err)
	}
}

func TestReadIDXErrors(t *testing.T) {
	good := encodeIDX([]int{2, 2}, []byte{1, 2, 3, 4})
	gz := gzipBytes(t, good)
	badCRC := append([]byte(nil), gz...)
	badCRC[len(badCRC)-6] ^= 0xff // inside the CRC-32 trailer
	for _, tc := range []struct {
		name string
		in   []byte
		off  int64  // expected FormatError offset
		want string // expected message fragment
	}{
		{"empty", nil, -1, "empty file"},
		{"empty gzip", gzipBytes(t, nil), -1, "empty after decompression"},
		{"short magic", []byte{0, 0, 8}, 3, "truncated in the magic"},
		{"wrong magic", []byte{0x1f, 0x8c, 8, 1, 0, 0, 0, 1, 9}, 0, "bad magic number 0x1f8c0801"},
		{"text file", []byte("hello world\n"), 0, "not an IDX file"},
		{"float dtype", []byte{0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0}, 2, "unsupported element type 0x0d"},
		{"zero dims", []byte{0, 0, 8, 0}, 3, "0 dimensions"},
		{"nine dims", []byte{0, 0, 8, 9}, 3, "9 dimensions"},
		{"zero dim", encodeIDX([]int{2, 0}, nil), 8, "dimension 1 is zero"},
		{"short dims", encodeIDX([]int{2, 2}, nil)[:10], 10, "truncated in the dimension 1 of 2"},
		{"truncated data", good[:len(good)-1], 15, "truncated: dimensions [2 2] declare 4 bytes of data, the file holds 3"},
		{"oversized", append(append([]byte(nil), good...), 0), 16, "oversized"},
		{"over limit", encodeIDX([]int{1 << 16, 1 << 16}, nil), 8, "exceeds the limit"},
		{"gzip truncated", gz[:len(gz)-4], -2, "truncated"},
		{"gzip bad crc", badCRC, -2, "checksum"},
		{"gzip garbage", []byte{0x1f, 0x8b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, -1, "gzip:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := ReadIDX(bytes.NewReader(tc.in), "bad.idx")
			if err == nil {
				t.Fatalf("no error, got %v", x)
			}
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v is not a *FormatError", err, err)
			}
			if fe.File != "bad.idx" || !strings.Contains(err.Error(), "bad.idx") {
				t.Errorf("error %q does not name the file", err)
			}
			if tc.off != -2 && fe.Offset != tc.off {
				t.Errorf("offset %d, want %d (%v)", fe.Offset, tc.off, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

// A header that declares far more data than follows must not make the
// reader allocate what it declares.
func TestReadIDXAllocatesWhatIsPresent(t *testing.T) {
	in := encodeIDX([]int{1 << 29}, seq(100, 1, 0)) // declares 512 MiB, holds 100 bytes
	for name, r := range map[string]io.Reader{
		"known length":   bytes.NewReader(in),
		"unknown length": io.MultiReader(bytes.NewReader(in)),
		"gzip":           bytes.NewReader(gzipBytes(t, in)),
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := ReadIDX(r, "liar.idx")
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), "truncated: dimensions [536870912] declare 536870912 bytes of data, the file holds 100") {
			t.Fatalf("%s: error %v, want truncated", name, err)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
			t.Fatalf("%s: allocated %d bytes for a 100-byte payload", name, got)
		}
	}
}

// readUpTo grows its buffer as data arrives: check it across chunk edges
// with a reader that returns a few bytes at a time.
func TestReadUpTo(t *testing.T) {
	src := seq(3*firstChunk+17, 3, 1)
	for _, n := range []int64{0, 1, firstChunk, firstChunk + 1, 3*firstChunk + 17, 1 << 40} {
		got, err := readUpTo(io.LimitReader(bytes.NewReader(src), int64(len(src))), n)
		if err != nil {
			t.Fatal(err)
		}
		want := src[:min(n, int64(len(src)))]
		if !bytes.Equal(got, want) {
			t.Fatalf("n=%d: read %d bytes, want %d", n, len(got), len(want))
		}
		if int64(cap(got)) > max(n, 1) && cap(got) > 2*len(got) {
			t.Fatalf("n=%d: capacity %d for %d bytes", n, cap(got), len(got))
		}
	}
	if _, err := readUpTo(stuckReader{}, 10); !errors.Is(err, io.ErrNoProgress) {
		t.Fatalf("stuck reader: %v, want ErrNoProgress", err)
	}
	if _, err := atEOF(stuckReader{}); !errors.Is(err, io.ErrNoProgress) {
		t.Fatalf("stuck reader at EOF: %v, want ErrNoProgress", err)
	}
}

// stuckReader returns no data and no error forever.
type stuckReader struct{}

func (stuckReader) Read([]byte) (int, error) { return 0, nil }

func TestReadIDXReaderError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(bytes.NewReader(encodeIDX([]int{4}, []byte{1, 2})), errReader{boom})
	_, err := ReadIDX(r, "x.idx")
	if !errors.Is(err, boom) {
		t.Fatalf("error %v does not wrap the reader's error", err)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
