package safetensors

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// handMade builds a file byte by byte from the format description, without
// Encode: header JSON with an unsorted key order, padding spaces, and two
// tensors whose buffer order differs from the header order.
func handMade() []byte {
	header := `{"b":{"dtype":"I64","shape":[],"data_offsets":[8,16]},` +
		`"__metadata__":{"format":"pt","note":"hand"},` +
		`"a":{"dtype":"F32","shape":[2,1],"data_offsets":[0,8]}}   `
	var out []byte
	out = binary.LittleEndian.AppendUint64(out, uint64(len(header)))
	out = append(out, header...)
	out = binary.LittleEndian.AppendUint32(out, math.Float32bits(1.5))
	out = binary.LittleEndian.AppendUint32(out, math.Float32bits(-2))
	out = binary.LittleEndian.AppendUint64(out, uint64(42))
	return out
}

func TestDecodeHandMade(t *testing.T) {
	f, err := Decode(handMade())
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"format": "pt", "note": "hand"}; !reflect.DeepEqual(f.Metadata, want) {
		t.Errorf("metadata %v, want %v", f.Metadata, want)
	}
	if len(f.Tensors) != 2 || f.Tensors[0].Name != "a" || f.Tensors[1].Name != "b" {
		t.Fatalf("tensors %+v, want a then b in buffer order", f.Tensors)
	}
	a, _ := f.Get("a")
	if a.DType != F32 || !reflect.DeepEqual(a.Shape, []int{2, 1}) {
		t.Errorf("a: %s %v", a.DType, a.Shape)
	}
	av, err := a.Float32s()
	if err != nil || !reflect.DeepEqual(av, []float32{1.5, -2}) {
		t.Errorf("a = %v, %v", av, err)
	}
	b, _ := f.Get("b")
	bv, err := b.Int64s()
	if err != nil || len(b.Shape) != 0 || !reflect.DeepEqual(bv, []int64{42}) {
		t.Errorf("b = %v shape %v, %v", bv, b.Shape, err)
	}
	if _, ok := f.Get("c"); ok {
		t.Error("Get(c) found a tensor")
	}
}

func TestRoundTripDTypes(t *testing.T) {
	floats := []float32{0, 1, -1, 0.5, 3.25, -1024, 65280, float32(math.Inf(1))}
	ints := []int64{0, 1, 2, 100, 7, 0, 1, 127}
	var f File
	f.Metadata = map[string]string{"step": "12", "ünï": "códe \"q\"\n"}
	for _, d := range []DType{F32, F64, F16, BF16} {
		f.Tensors = append(f.Tensors, FromFloat32("f."+string(d), d, []int{2, 4}, floats))
	}
	f.Tensors = append(f.Tensors, FromFloat64("f64exact", []int{3}, []float64{math.Pi, -1e300, 5e-324}))
	for _, d := range []DType{Bool, U8, I8, I16, U16, I32, U32, I64, U64} {
		v := ints
		if d == Bool {
			v = []int64{0, 1, 1, 0, 1, 0, 0, 1}
		}
		f.Tensors = append(f.Tensors, FromInt64("i."+string(d), d, []int{8}, v))
	}
	f.Tensors = append(f.Tensors, FromInt64("neg", I64, []int{2}, []int64{-5, math.MinInt64}))
	// 8-bit floats are carried as raw bytes.
	f.Tensors = append(f.Tensors, Tensor{Name: "f8a", DType: F8E4M3, Shape: []int{3}, Data: []byte{0x38, 0xb8, 0x7e}})
	f.Tensors = append(f.Tensors, Tensor{Name: "f8b", DType: F8E5M2, Shape: []int{1, 2}, Data: []byte{0x3c, 0x7b}})
	f.Tensors = append(f.Tensors, FromFloat32("empty", F32, []int{0, 3}, nil))
	f.Tensors = append(f.Tensors, FromFloat32("scalar", F32, []int{}, []float32{7}))

	var buf bytes.Buffer
	if err := Encode(&buf, &f); err != nil {
		t.Fatal(err)
	}
	if n := binary.LittleEndian.Uint64(buf.Bytes()); (8+n)%8 != 0 {
		t.Errorf("buffer starts at %d, not a multiple of 8", 8+n)
	}
	g, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g.Metadata, f.Metadata) {
		t.Errorf("metadata %q, want %q", g.Metadata, f.Metadata)
	}
	if len(g.Tensors) != len(f.Tensors) {
		t.Fatalf("%d tensors, want %d", len(g.Tensors), len(f.Tensors))
	}
	for i, want := range f.Tensors {
		got := g.Tensors[i]
		if got.Name != want.Name || got.DType != want.DType || !reflect.DeepEqual(got.Shape, want.Shape) || !bytes.Equal(got.Data, want.Data) {
			t.Errorf("tensor %d: got %s %s %v, want %s %s %v", i, got.Name, got.DType, got.Shape, want.Name, want.DType, want.Shape)
		}
		switch {
		case want.DType.IsFloat() && strings.HasPrefix(want.Name, "f."):
			v, err := got.Float32s()
			if err != nil || !reflect.DeepEqual(v, floats) {
				t.Errorf("%s: %v, %v; want %v", got.Name, v, err, floats)
			}
		case want.DType.IsInt() && strings.HasPrefix(want.Name, "i.") && want.DType != Bool:
			v, err := got.Int64s()
			if err != nil || !reflect.DeepEqual(v, ints) {
				t.Errorf("%s: %v, %v", got.Name, v, err)
			}
		}
	}
	tt, _ := g.Get("f64exact")
	if v, err := tt.Float64s(); err != nil || v[0] != math.Pi || v[1] != -1e300 || v[2] != 5e-324 {
		t.Errorf("f64exact = %v, %v", v, err)
	}
	tt, _ = g.Get("neg")
	if v, _ := tt.Int64s(); v[0] != -5 || v[1] != math.MinInt64 {
		t.Errorf("neg = %v", v)
	}
	// Wrong-kind conversions are errors, not panics.
	if _, err := tt.Float32s(); err == nil {
		t.Error("Float32s of I64 succeeded")
	}
	tt, _ = g.Get("f.F32")
	if _, err := tt.Int64s(); err == nil {
		t.Error("Int64s of F32 succeeded")
	}
}

func TestHalfConversions(t *testing.T) {
	// Every half value widens and narrows back to itself (NaNs stay NaN).
	for h := 0; h < 1<<16; h++ {
		f := HalfToFloat32(uint16(h))
		back := Float32ToHalf(f)
		if f != f {
			if back&0x7c00 != 0x7c00 || back&0x3ff == 0 {
				t.Fatalf("NaN %#04x came back as %#04x", h, back)
			}
			continue
		}
		if back != uint16(h) {
			t.Fatalf("half %#04x -> %g -> %#04x", h, f, back)
		}
	}
	// Rounding against float64 arithmetic on a few hard cases.
	cases := []struct {
		f    float32
		want uint16
	}{
		{1 + 0x1p-11, 0x3c00},           // tie, round to even (down)
		{1 + 3*0x1p-11, 0x3c02},         // tie, round to even (up)
		{1 + 0x1p-11 + 0x1p-20, 0x3c01}, // above the tie
		{65520, 0x7c00},                 // rounds to Inf
		{65519, 0x7bff},                 // largest finite
		{0x1p-25, 0},                    // tie with zero: even
		{0x1p-25 + 0x1p-35, 1},          // just above: smallest subnormal
		{3 * 0x1p-25, 2},                // tie between 1 and 2 subnormal: even
		{-0x1p-14, 0x8400},              // smallest normal, negative
		{0x1p-14 - 0x1p-24, 0x03ff},     // largest subnormal
		{float32(math.Copysign(0, -1)), 0x8000},
	}
	for _, c := range cases {
		if got := Float32ToHalf(c.f); got != c.want {
			t.Errorf("Float32ToHalf(%g) = %#04x, want %#04x", c.f, got, c.want)
		}
	}
	bf := []struct {
		f    float32
		want uint16
	}{
		{1, 0x3f80},
		{math.Float32frombits(0x3f808000), 0x3f80}, // tie to even
		{math.Float32frombits(0x3f818000), 0x3f82}, // tie to even (up)
		{math.Float32frombits(0x3f808001), 0x3f81},
		{float32(math.Inf(-1)), 0xff80},
	}
	for _, c := range bf {
		if got := Float32ToBF16(c.f); got != c.want {
			t.Errorf("Float32ToBF16(%g) = %#04x, want %#04x", c.f, got, c.want)
		}
	}
	if n := Float32ToBF16(float32(math.NaN())); n&0x7f80 != 0x7f80 || n&0x7f == 0 {
		t.Errorf("BF16 NaN = %#04x", n)
	}
}

// withHeader builds a file from a header string and a buffer.
func withHeader(header string, buf []byte) []byte {
	out := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(out, header...), buf...)
}

func TestDecodeCorrupt(t *testing.T) {
	good := handMade()
	buf8 := make([]byte, 8)
	huge := binary.LittleEndian.AppendUint64(nil, 1<<62)
	tooLong := binary.LittleEndian.AppendUint64(nil, 1000)
	tooLong = append(tooLong, "{}"...)
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "shorter than"},
		{"short", []byte{1, 2, 3}, "shorter than"},
		{"huge header length", huge, "exceeds the limit"},
		{"header past end", tooLong, "exceeds the 2 bytes"},
		{"truncated data", good[:len(good)-1], "outside"},
		{"trailing data", append(append([]byte{}, good...), 0), "buffer has"},
		{"not an object", withHeader(`[1,2]`, nil), "does not start with"},
		{"bad json", withHeader(`{"a":`, nil), "header"},
		{"trailing garbage", withHeader(`{}x`, nil), "unexpected bytes"},
		{"not utf8", withHeader("{\"\xff\":1}", nil), "UTF-8"},
		{"duplicate", withHeader(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}`, []byte{1, 2}), "duplicate"},
		{"unknown dtype", withHeader(`{"a":{"dtype":"F31","shape":[1],"data_offsets":[0,4]}}`, buf8[:4]), "unknown dtype"},
		{"missing field", withHeader(`{"a":{"dtype":"F32","shape":[1]}}`, buf8[:4]), "required"},
		{"negative dim", withHeader(`{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}`, buf8[:4]), "negative"},
		{"fractional dim", withHeader(`{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}`, buf8[:4]), "tensor \"a\""},
		{"overflowing shape", withHeader(`{"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,4]}}`, buf8[:4]), "needs more bytes"},
		{"shape vs offsets", withHeader(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}`, buf8), "needs 8"},
		{"offsets reversed", withHeader(`{"a":{"dtype":"U8","shape":[0],"data_offsets":[4,0]}}`, buf8[:4]), "outside"},
		{"offsets past end", withHeader(`{"a":{"dtype":"U8","shape":[4],"data_offsets":[4,8]}}`, buf8[:4]), "outside"},
		{"three offsets", withHeader(`{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4,4]}}`, buf8[:4]), "2"},
		{"gap", withHeader(`{"a":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}`, buf8[:4]), "gap"},
		{"overlap", withHeader(`{"a":{"dtype":"U8","shape":[3],"data_offsets":[0,3]},"b":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}`, buf8[:4]), "overlaps"},
		{"key case", withHeader(`{"a":{"DType":"U8","shape":[1],"data_offsets":[0,1]}}`, []byte{1}), "required"},
		{"null entry", withHeader(`{"a":null}`, nil), "not an object"},
		{"empty name", withHeader(`{"":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}`, nil), "empty tensor name"},
		{"metadata not strings", withHeader(`{"__metadata__":{"a":1}}`, nil), "__metadata__"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Decode(c.b)
			if err == nil {
				t.Fatalf("decoded %+v, want an error containing %q", f, c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
	// The same problems through ReadFile name the file.
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.safetensors")
	if err := os.WriteFile(p, huge, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("ReadFile error %v does not name %s", err, p)
	}
}

func TestEncodeRejects(t *testing.T) {
	bad := []File{
		{Tensors: []Tensor{{Name: "", DType: F32, Shape: []int{}, Data: make([]byte, 4)}}},
		{Tensors: []Tensor{{Name: "__metadata__", DType: F32, Shape: []int{}, Data: make([]byte, 4)}}},
		{Tensors: []Tensor{{Name: "a", DType: "X", Shape: []int{}, Data: make([]byte, 4)}}},
		{Tensors: []Tensor{{Name: "a", DType: F32, Shape: []int{2}, Data: make([]byte, 4)}}},
		{Tensors: []Tensor{{Name: "a", DType: U8, Shape: []int{1}, Data: []byte{1}}, {Name: "a", DType: U8, Shape: []int{1}, Data: []byte{1}}}},
	}
	for i, f := range bad {
		if err := Encode(&bytes.Buffer{}, &f); err == nil {
			t.Errorf("case %d: Encode accepted %+v", i, f.Tensors)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "ck.safetensors")
	f := &File{Tensors: []Tensor{FromFloat32("w", F32, []int{2}, []float32{1, 2})}}
	if err := WriteFile(p, f); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(p)
	// A failing write leaves the old file and no temporary behind.
	bad := &File{Tensors: []Tensor{{Name: "w", DType: F32, Shape: []int{3}, Data: make([]byte, 4)}}}
	if err := WriteFile(p, bad); err == nil {
		t.Fatal("WriteFile accepted a bad tensor")
	}
	if err := WriteFileAtomic(p, func(w io.Writer) error {
		w.Write([]byte("partial"))
		return os.ErrInvalid
	}); err == nil {
		t.Fatal("WriteFileAtomic ignored the writer's error")
	}
	now, _ := os.ReadFile(p)
	if !bytes.Equal(old, now) {
		t.Error("failed write changed the file")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("directory holds %d entries after failed writes, want 1", len(ents))
	}
	g, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := g.Tensors[0].Float32s(); !reflect.DeepEqual(v, []float32{1, 2}) {
		t.Errorf("read back %v", v)
	}
}
