package data

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
)

// gzipMagic starts every gzip member (RFC 1952).
var gzipMagic = [2]byte{0x1f, 0x8b}

// decompressing returns a reader of r's contents, inflated when they start
// with the gzip magic number, and the number of bytes it will yield when
// that is known in advance (r is uncompressed and reports its remaining
// length), else -1. Gzip corruption (bad header, bad checksum) surfaces as
// an error from the returned reader's Read.
func decompressing(r io.Reader, name string) (io.Reader, int64, error) {
	known := remaining(r)
	bufSize := 64 << 10
	if known >= 0 && known < int64(bufSize) {
		bufSize = int(known) // bufio raises it to its minimum of 16
	}
	br := bufio.NewReaderSize(r, bufSize)
	head, err := br.Peek(2)
	if len(head) == 0 {
		if err == nil || errors.Is(err, io.EOF) {
			return nil, 0, formatErr(name, -1, "empty file")
		}
		return nil, 0, &FormatError{File: name, Offset: -1, Msg: fmt.Sprintf("read: %v", err), Err: err}
	}
	if len(head) < 2 || head[0] != gzipMagic[0] || head[1] != gzipMagic[1] {
		return br, known, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, 0, &FormatError{File: name, Offset: -1, Msg: fmt.Sprintf("gzip: %v", err), Err: err}
	}
	return zr, -1, nil
}

// remaining returns how many bytes r has left when r can tell (an
// in-memory reader with Len, or a regular file), else -1.
func remaining(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Len() int }:
		return int64(r.Len())
	case *os.File:
		st, err := r.Stat()
		if err != nil || !st.Mode().IsRegular() {
			return -1
		}
		pos, err := r.Seek(0, io.SeekCurrent)
		if err != nil || pos > st.Size() {
			return -1
		}
		return st.Size() - pos
	}
	return -1
}

// firstChunk is the initial buffer size of readUpTo; the buffer then doubles
// as data arrives, so its size is at most twice what the input held.
const firstChunk = 64 << 10

// maxIdleReads bounds the empty reads tolerated in a row, as bufio does, so
// that a broken reader cannot hang a parser.
const maxIdleReads = 100

// readUpTo reads from r until EOF or until n bytes have been read, growing
// its buffer only as data actually arrives: a header that declares
// gigabytes costs no more memory than the bytes that follow it. It returns
// the bytes read; err is nil at EOF and when n bytes were read.
func readUpTo(r io.Reader, n int64) ([]byte, error) {
	buf := make([]byte, 0, min(n, firstChunk))
	idle := 0
	for int64(len(buf)) < n {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(n, 2*int64(cap(buf))))
			copy(grown, buf)
			buf = grown
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if m == 0 {
			if idle++; idle >= maxIdleReads {
				return buf, io.ErrNoProgress
			}
		} else {
			idle = 0
		}
	}
	return buf, nil
}

// atEOF reports whether r has nothing left. Reading to the end also makes a
// gzip reader verify its checksum, whose failure is returned as err.
func atEOF(r io.Reader) (bool, error) {
	var one [1]byte
	for range maxIdleReads {
		n, err := r.Read(one[:])
		if n > 0 {
			return false, nil
		}
		if errors.Is(err, io.EOF) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
	}
	return false, io.ErrNoProgress
}
