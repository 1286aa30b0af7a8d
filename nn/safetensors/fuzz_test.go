package safetensors

import (
	"bytes"
	"testing"
)

// FuzzLoadSafetensors checks that Decode never panics, that whatever it
// accepts survives conversion and re-encoding unchanged, and (through the
// structure of Decode) that it never allocates more than the input
// justifies: tensors alias the input, and the header is bounded by it.
func FuzzLoadSafetensors(f *testing.F) {
	f.Add(handMade())
	f.Add(withHeader(`{}`, nil))
	f.Add(withHeader(`{"__metadata__":{"k":"v"}}`, nil))
	f.Add(withHeader(`{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[0],"data_offsets":[4,4]}}`, []byte{0, 60, 0, 188}))
	f.Add(withHeader(`{"a":{"dtype":"U8","shape":[3],"data_offsets":[0,3]},"b":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}`, []byte{1, 2, 3, 4}))
	f.Add(withHeader(`{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}`, []byte{0, 0, 0, 0}))
	var buf bytes.Buffer
	Encode(&buf, &File{Metadata: map[string]string{"x": "y"}, Tensors: []Tensor{
		FromFloat32("w", F32, []int{2, 2}, []float32{1, 2, 3, 4}),
		FromInt64("step", I64, []int{}, []int64{9}),
	}})
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Decode(b)
		if err != nil {
			return
		}
		total := 0
		for i := range file.Tensors {
			tt := &file.Tensors[i]
			total += len(tt.Data)
			switch {
			case tt.DType.IsFloat():
				if _, err := tt.Float32s(); err != nil {
					t.Fatalf("accepted tensor %q does not convert: %v", tt.Name, err)
				}
			case tt.DType.IsInt() && tt.DType != U64:
				if _, err := tt.Int64s(); err != nil {
					t.Fatalf("accepted tensor %q does not convert: %v", tt.Name, err)
				}
			}
		}
		if total > len(b) {
			t.Fatalf("tensors claim %d bytes of a %d-byte input", total, len(b))
		}
		var out bytes.Buffer
		if err := Encode(&out, file); err != nil {
			t.Fatalf("re-encoding an accepted file: %v", err)
		}
		again, err := Decode(out.Bytes())
		if err != nil {
			t.Fatalf("decoding a re-encoded file: %v", err)
		}
		if len(again.Tensors) != len(file.Tensors) {
			t.Fatalf("%d tensors after re-encoding, want %d", len(again.Tensors), len(file.Tensors))
		}
		for i := range again.Tensors {
			if !bytes.Equal(again.Tensors[i].Data, file.Tensors[i].Data) || again.Tensors[i].Name != file.Tensors[i].Name {
				t.Fatalf("tensor %d changed by re-encoding", i)
			}
		}
	})
}
