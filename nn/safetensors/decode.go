package safetensors

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"
)

// MaxHeaderSize bounds the JSON header Decode accepts (the reference
// implementation uses the same limit). Real headers are kilobytes to a few
// megabytes.
const MaxHeaderSize = 100 << 20

// Tensor is one named tensor of a file: its dtype, shape and raw
// little-endian row-major bytes.
type Tensor struct {
	Name  string
	DType DType
	Shape []int
	Data  []byte
}

// File is the content of a safetensors file: the tensors in buffer order
// and the string metadata (nil when the file has none).
type File struct {
	Tensors  []Tensor
	Metadata map[string]string
}

// Get returns the tensor with the given name.
func (f *File) Get(name string) (*Tensor, bool) {
	for i := range f.Tensors {
		if f.Tensors[i].Name == name {
			return &f.Tensors[i], true
		}
	}
	return nil, false
}

// Decode parses a whole safetensors file held in b. The returned tensors'
// Data slices share b's storage. Every structural property of the format
// is checked; the error names the first violation.
func Decode(b []byte) (*File, error) {
	if len(b) < 8 {
		return nil, fmt.Errorf("safetensors: %d bytes, shorter than the 8-byte header length", len(b))
	}
	n := binary.LittleEndian.Uint64(b)
	if n > MaxHeaderSize {
		return nil, fmt.Errorf("safetensors: header length %d exceeds the limit of %d bytes", n, MaxHeaderSize)
	}
	if n > uint64(len(b)-8) {
		return nil, fmt.Errorf("safetensors: header length %d exceeds the %d bytes that follow it", n, len(b)-8)
	}
	header := b[8 : 8+n]
	buf := b[8+n:]
	f, err := parseHeader(header, buf)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// rawInfo is one tensor entry of the header as written.
type rawInfo struct {
	DType       *string
	Shape       *[]int64
	DataOffsets *[]int64
}

// decodeInfo reads one tensor entry. Keys match exactly (encoding/json
// alone would also accept "DType" or "dtYpe"); unknown keys are ignored,
// as the reference implementation does.
func decodeInfo(dec *json.Decoder, ri *rawInfo) error {
	var fields map[string]json.RawMessage
	if err := dec.Decode(&fields); err != nil {
		return err
	}
	if fields == nil {
		return errors.New("entry is not an object")
	}
	for key, dst := range map[string]any{"dtype": &ri.DType, "shape": &ri.Shape, "data_offsets": &ri.DataOffsets} {
		raw, ok := fields[key]
		if !ok {
			continue
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			return fmt.Errorf("%s: %v", key, err)
		}
	}
	return nil
}

type entry struct {
	name       string
	dtype      DType
	shape      []int
	begin, end int
}

func parseHeader(header, buf []byte) (*File, error) {
	if len(header) == 0 || header[0] != '{' {
		return nil, errors.New("safetensors: header does not start with '{'")
	}
	if !utf8.Valid(header) {
		return nil, errors.New("safetensors: header is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(header))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // the '{' checked above
		return nil, fmt.Errorf("safetensors: header: %v", err)
	}
	f := &File{}
	seen := map[string]bool{}
	var entries []entry
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("safetensors: header JSON at byte %d: %v", dec.InputOffset(), err)
		}
		name, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("safetensors: header JSON at byte %d: key expected", dec.InputOffset())
		}
		if name == "" {
			return nil, errors.New("safetensors: header: empty tensor name")
		}
		if seen[name] {
			return nil, fmt.Errorf("safetensors: header: duplicate name %q", name)
		}
		seen[name] = true
		if name == "__metadata__" {
			var md map[string]string
			if err := dec.Decode(&md); err != nil {
				return nil, fmt.Errorf("safetensors: header: __metadata__ must map strings to strings: %v", err)
			}
			f.Metadata = md
			continue
		}
		var ri rawInfo
		if err := decodeInfo(dec, &ri); err != nil {
			return nil, fmt.Errorf("safetensors: header: tensor %q: %v", name, err)
		}
		e, err := checkInfo(name, &ri, len(buf))
		if err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, fmt.Errorf("safetensors: header JSON at byte %d: %v", dec.InputOffset(), err)
	}
	// Only spaces (the format's padding) or other JSON whitespace may follow.
	rest := header[dec.InputOffset():]
	if len(bytes.TrimLeft(rest, " \t\r\n")) != 0 {
		return nil, fmt.Errorf("safetensors: header: unexpected bytes after the JSON object at byte %d", dec.InputOffset())
	}

	// The tensors must tile the buffer: sorted by offset, each starts where
	// the previous one ended, and the last one ends at the end of the file.
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].begin != entries[j].begin {
			return entries[i].begin < entries[j].begin
		}
		return entries[i].end < entries[j].end
	})
	cursor := 0
	for _, e := range entries {
		switch {
		case e.begin > cursor:
			return nil, fmt.Errorf("safetensors: gap in the data buffer: bytes %d..%d belong to no tensor (next is %q)", cursor, e.begin, e.name)
		case e.begin < cursor:
			return nil, fmt.Errorf("safetensors: tensor %q at bytes %d..%d overlaps the previous tensor, which ends at %d", e.name, e.begin, e.end, cursor)
		}
		cursor = e.end
	}
	if cursor != len(buf) {
		return nil, fmt.Errorf("safetensors: data buffer has %d bytes, tensors cover %d", len(buf), cursor)
	}
	f.Tensors = make([]Tensor, len(entries))
	for i, e := range entries {
		f.Tensors[i] = Tensor{Name: e.name, DType: e.dtype, Shape: e.shape, Data: buf[e.begin:e.end:e.end]}
	}
	return f, nil
}

func checkInfo(name string, ri *rawInfo, bufLen int) (entry, error) {
	e := entry{name: name}
	if ri.DType == nil || ri.Shape == nil || ri.DataOffsets == nil {
		return e, fmt.Errorf("safetensors: tensor %q: dtype, shape and data_offsets are required", name)
	}
	e.dtype = DType(*ri.DType)
	size := e.dtype.Size()
	if size == 0 {
		return e, fmt.Errorf("safetensors: tensor %q: unknown dtype %q", name, *ri.DType)
	}
	// Element count, bounded by what the buffer could hold so that no
	// product can overflow.
	limit := int64(bufLen / size)
	count := int64(1)
	zero := false
	e.shape = make([]int, len(*ri.Shape))
	for i, d := range *ri.Shape {
		if d < 0 {
			return e, fmt.Errorf("safetensors: tensor %q: negative dimension in shape %v", name, *ri.Shape)
		}
		if d == 0 {
			zero = true
		}
		if int64(int(d)) != d {
			return e, fmt.Errorf("safetensors: tensor %q: dimension %d too large", name, d)
		}
		e.shape[i] = int(d)
	}
	if zero {
		count = 0
	} else {
		for _, d := range *ri.Shape {
			if count > limit/d {
				return e, fmt.Errorf("safetensors: tensor %q: shape %v needs more bytes than the %d-byte buffer holds", name, *ri.Shape, bufLen)
			}
			count *= d
		}
	}
	offs := *ri.DataOffsets
	if len(offs) != 2 {
		return e, fmt.Errorf("safetensors: tensor %q: data_offsets has %d values, want 2", name, len(offs))
	}
	b, en := offs[0], offs[1]
	if b < 0 || en < b || en > int64(bufLen) {
		return e, fmt.Errorf("safetensors: tensor %q: data_offsets [%d, %d] outside the %d-byte buffer", name, b, en, bufLen)
	}
	if en-b != count*int64(size) {
		return e, fmt.Errorf("safetensors: tensor %q: data_offsets [%d, %d] hold %d bytes, shape %v of %s needs %d",
			name, b, en, en-b, *ri.Shape, e.dtype, count*int64(size))
	}
	e.begin, e.end = int(b), int(en)
	return e, nil
}

// ReadFile reads and decodes the safetensors file at path. The header
// length is checked against the file's size before anything else is
// allocated. Errors name the file.
func ReadFile(path string) (*File, error) {
	b, err := readBounded(path)
	if err != nil {
		return nil, err
	}
	f, err := Decode(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

func readBounded(path string) ([]byte, error) {
	fh, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	if size < 8 {
		return nil, fmt.Errorf("%s: safetensors: %d bytes, shorter than the 8-byte header length", path, size)
	}
	var lenBuf [8]byte
	if _, err := io.ReadFull(fh, lenBuf[:]); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	n := binary.LittleEndian.Uint64(lenBuf[:])
	if n > MaxHeaderSize || n > uint64(size-8) {
		return nil, fmt.Errorf("%s: safetensors: header length %d does not fit the %d-byte file (limit %d)", path, n, size, MaxHeaderSize)
	}
	if int64(int(size)) != size {
		return nil, fmt.Errorf("%s: safetensors: file of %d bytes too large", path, size)
	}
	b := make([]byte, size)
	copy(b, lenBuf[:])
	if _, err := io.ReadFull(fh, b[8:]); err != nil {
		return nil, fmt.Errorf("%s: reading %d bytes: %w", path, size, err)
	}
	return b, nil
}
