package data

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// IDX magic numbers of the two MNIST file kinds: two zero bytes, the
// element type (0x08, unsigned byte) and the number of dimensions.
const (
	IDXLabelsMagic = 0x00000801
	IDXImagesMagic = 0x00000803
)

// idxUByte is the only IDX element type the MNIST files use.
const idxUByte = 0x08

// MaxIDXDims bounds the number of dimensions an IDX header may declare.
const MaxIDXDims = 8

// DefaultMaxIDXBytes caps the payload ReadIDX accepts: 1 GiB, more than
// twenty times the MNIST training images (47 MB).
const DefaultMaxIDXBytes = 1 << 30

// IDX is a decoded IDX file of unsigned bytes: an N-d array in row-major
// order.
type IDX struct {
	Dims []int  // e.g. [10000 28 28] for images, [10000] for labels
	Data []byte // len(Data) is the product of Dims
}

// Magic returns the magic number that describes x's element type and rank.
func (x *IDX) Magic() uint32 { return uint32(idxUByte)<<8 | uint32(len(x.Dims)) }

// ReadIDX decodes an IDX file of unsigned bytes from r, raw or gzip
// compressed, reading r to its end. name is used in error messages.
// The payload is limited to DefaultMaxIDXBytes; see ReadIDXLimit.
func ReadIDX(r io.Reader, name string) (*IDX, error) {
	return ReadIDXLimit(r, name, DefaultMaxIDXBytes)
}

// ReadIDXFile opens and decodes the named IDX file (raw or gzip).
func ReadIDXFile(path string) (*IDX, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	defer f.Close()
	return ReadIDX(f, path)
}

// ReadIDXLimit is ReadIDX with an explicit cap on the payload size.
//
// It rejects, with a *FormatError naming the file and the offset: empty
// input, a magic number whose first two bytes are not zero, an element type
// other than unsigned byte, zero or more than MaxIDXDims dimensions, a zero
// dimension, a declared payload over maxBytes, a payload shorter than
// declared (truncated) and bytes after the declared payload (oversized).
// Memory grows only with the bytes actually read, never with what the
// header claims.
func ReadIDXLimit(r io.Reader, name string, maxBytes int64) (*IDX, error) {
	zr, known, err := decompressing(r, name)
	if err != nil {
		return nil, err
	}
	var word [4]byte
	if n, err := io.ReadFull(zr, word[:]); err != nil {
		if n == 0 && err == io.EOF {
			return nil, formatErr(name, -1, "empty after decompression")
		}
		return nil, readErr(name, int64(n), "magic number", err)
	}
	magic := binary.BigEndian.Uint32(word[:])
	if word[0] != 0 || word[1] != 0 {
		return nil, formatErr(name, 0, "bad magic number 0x%08x: not an IDX file (want 0x%08x for labels or 0x%08x for images)",
			magic, IDXLabelsMagic, IDXImagesMagic)
	}
	if word[2] != idxUByte {
		return nil, formatErr(name, 2, "magic number 0x%08x: unsupported element type 0x%02x (only 0x08, unsigned byte, is read)", magic, word[2])
	}
	ndim := int(word[3])
	if ndim == 0 || ndim > MaxIDXDims {
		return nil, formatErr(name, 3, "magic number 0x%08x: %d dimensions (want 1 to %d)", magic, ndim, MaxIDXDims)
	}
	dims := make([]int, ndim)
	size := int64(1)
	for i := range dims {
		off := int64(4 + 4*i)
		if n, err := io.ReadFull(zr, word[:]); err != nil {
			return nil, readErr(name, off+int64(n), fmt.Sprintf("dimension %d of %d", i, ndim), err)
		}
		d := int64(binary.BigEndian.Uint32(word[:]))
		if d == 0 {
			return nil, formatErr(name, off, "dimension %d is zero", i)
		}
		// Dividing instead of multiplying keeps the check free of overflow.
		if size > maxBytes/d {
			return nil, formatErr(name, off, "dimension %d = %d: payload exceeds the limit of %d bytes", i, d, maxBytes)
		}
		size *= d
		dims[i] = int(d)
	}
	header := int64(4 + 4*ndim)
	// When the input's length is known, check the declared size against it
	// before allocating anything.
	if known >= 0 && known-header < size {
		return nil, formatErr(name, known,
			"truncated: dimensions %v declare %d bytes of data, the file holds %d", dims, size, known-header)
	}
	if known >= 0 && known-header > size {
		return nil, formatErr(name, header+size, "oversized: %d bytes follow the %d bytes of data declared by dimensions %v", known-header-size, size, dims)
	}
	var payload []byte
	if known >= 0 {
		payload = make([]byte, size)
		var n int
		n, err = io.ReadFull(zr, payload)
		payload = payload[:n]
	} else {
		payload, err = readUpTo(zr, size)
	}
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, readErr(name, header+int64(len(payload)), "data", err)
	}
	if int64(len(payload)) < size {
		return nil, formatErr(name, header+int64(len(payload)),
			"truncated: dimensions %v declare %d bytes of data, the file holds %d", dims, size, len(payload))
	}
	end, err := atEOF(zr)
	if err != nil {
		return nil, readErr(name, header+size, "end of file", err)
	}
	if !end {
		return nil, formatErr(name, header+size, "oversized: data continues past the %d bytes declared by dimensions %v", size, dims)
	}
	return &IDX{Dims: dims, Data: payload}, nil
}

// readErr turns an I/O or decompression error met while reading what into
// a FormatError at offset off.
func readErr(name string, off int64, what string, err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return formatErr(name, off, "truncated in the %s", what)
	}
	return &FormatError{File: name, Offset: off, Msg: fmt.Sprintf("reading the %s: %v", what, err), Err: err}
}
