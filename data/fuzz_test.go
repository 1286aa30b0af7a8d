package data

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"runtime"
	"testing"
)

// allocBound is what a parser may allocate for an uncompressed input of n
// bytes: its buffer (at most twice the input), the bufio window and small
// change.
func allocBound(n int) uint64 { return 2*uint64(n) + 256<<10 }

// checkParseError requires err to be a *FormatError naming the input.
func checkParseError(t *testing.T, err error) {
	t.Helper()
	var fe *FormatError
	if !errors.As(err, &fe) || fe.File != "fuzz" {
		t.Fatalf("error %T %q is not a *FormatError naming the file", err, err)
	}
}

// inflated returns in, gunzipped if it is gzip; ok is false if it is not
// valid gzip.
func inflated(in []byte) ([]byte, bool) {
	if len(in) < 2 || in[0] != 0x1f || in[1] != 0x8b {
		return in, true
	}
	zr, err := gzip.NewReader(bytes.NewReader(in))
	if err != nil {
		return nil, false
	}
	out, err := io.ReadAll(zr)
	return out, err == nil
}

func FuzzReadIDX(f *testing.F) {
	good := encodeIDX([]int{2, 3, 4}, seq(24, 5, 1))
	f.Add(good)
	f.Add(gzipBytes(f, good))
	f.Add(encodeIDX([]int{3}, []byte{7, 2, 1}))
	f.Add(good[:len(good)-1])                            // truncated data
	f.Add(good[:9])                                      // truncated dimensions
	f.Add(append(append([]byte(nil), good...), 1, 2))    // oversized
	f.Add([]byte{0x00, 0x00, 0x0d, 0x01, 0, 0, 0, 1})    // float element type
	f.Add([]byte{0x12, 0x34, 0x08, 0x03})                // wrong magic
	f.Add([]byte{0, 0, 8, 0})                            // no dimensions
	f.Add(encodeIDX([]int{1 << 16, 1 << 16}, nil))       // over the limit
	f.Add(encodeIDX([]int{1 << 28}, []byte{1, 2, 3}))    // declares far more than it holds
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}) // gzip garbage
	gz := gzipBytes(f, good)
	f.Add(gz[:len(gz)-3]) // gzip truncated
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, in []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		x, err := ReadIDX(bytes.NewReader(in), "fuzz")
		runtime.ReadMemStats(&after)
		plain, validGzip := inflated(in)
		if validGzip && len(plain) == len(in) {
			if got := after.TotalAlloc - before.TotalAlloc; got > allocBound(len(in)) {
				t.Fatalf("allocated %d bytes for a %d-byte input", got, len(in))
			}
		}
		if err != nil {
			checkParseError(t, err)
			return
		}
		if !validGzip {
			t.Fatal("accepted corrupt gzip")
		}
		size := 1
		for _, d := range x.Dims {
			if d <= 0 {
				t.Fatalf("dimension %d accepted", d)
			}
			size *= d
		}
		if len(x.Data) != size {
			t.Fatalf("%d bytes of data for dimensions %v", len(x.Data), x.Dims)
		}
		if !bytes.Equal(encodeIDX(x.Dims, x.Data), plain) {
			t.Fatal("decoded file does not re-encode to the input")
		}
	})
}

func FuzzReadCIFAR10(f *testing.F) {
	const px = CIFARRecordSize - 1
	good := encodeCIFAR([]byte{3, 9}, seq(2*px, 3, 1))
	f.Add(good)
	f.Add(gzipBytes(f, good))
	f.Add(good[:len(good)-1])                         // truncated
	f.Add(good[:1])                                   // one byte
	f.Add(append([]byte{10}, good[1:]...))            // bad label
	f.Add(append(append([]byte(nil), good...), 0))    // a stray byte
	f.Add([]byte{0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6}) // gzip garbage
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, in []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		d, err := ReadCIFAR10Limit(bytes.NewReader(in), "fuzz", 4)
		runtime.ReadMemStats(&after)
		plain, validGzip := inflated(in)
		if validGzip && len(plain) == len(in) {
			if got := after.TotalAlloc - before.TotalAlloc; got > allocBound(len(in)) {
				t.Fatalf("allocated %d bytes for a %d-byte input", got, len(in))
			}
		}
		if err != nil {
			checkParseError(t, err)
			return
		}
		if !validGzip || d.Len() == 0 || d.Len() > 4 || len(d.Pixels) != d.Len()*px {
			t.Fatalf("accepted %d records, %d pixel bytes (valid gzip %v)", d.Len(), len(d.Pixels), validGzip)
		}
		labels := make([]byte, d.Len())
		for i, y := range d.Labels {
			if y < 0 || y >= CIFARClasses {
				t.Fatalf("label %d accepted", y)
			}
			labels[i] = byte(y)
		}
		if !bytes.Equal(encodeCIFAR(labels, d.Pixels), plain) {
			t.Fatal("decoded records do not re-encode to the input")
		}
	})
}
