package safetensors

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Float32s returns t's elements converted to float32. F32 is copied
// exactly; F64 is rounded to nearest; F16 and BF16 widen exactly.
func (t *Tensor) Float32s() ([]float32, error) {
	n, err := t.count()
	if err != nil {
		return nil, err
	}
	out := make([]float32, n)
	d := t.Data
	switch t.DType {
	case F32:
		for i := range out {
			out[i] = math.Float32frombits(binary.LittleEndian.Uint32(d[4*i:]))
		}
	case F64:
		for i := range out {
			out[i] = float32(math.Float64frombits(binary.LittleEndian.Uint64(d[8*i:])))
		}
	case F16:
		for i := range out {
			out[i] = HalfToFloat32(binary.LittleEndian.Uint16(d[2*i:]))
		}
	case BF16:
		for i := range out {
			out[i] = math.Float32frombits(uint32(binary.LittleEndian.Uint16(d[2*i:])) << 16)
		}
	default:
		return nil, fmt.Errorf("safetensors: tensor %q: dtype %s is not a float type", t.Name, t.DType)
	}
	return out, nil
}

// Float64s returns t's elements as float64 (exact for every float dtype).
func (t *Tensor) Float64s() ([]float64, error) {
	if t.DType == F64 {
		n, err := t.count()
		if err != nil {
			return nil, err
		}
		out := make([]float64, n)
		for i := range out {
			out[i] = math.Float64frombits(binary.LittleEndian.Uint64(t.Data[8*i:]))
		}
		return out, nil
	}
	f, err := t.Float32s()
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(f))
	for i, v := range f {
		out[i] = float64(v)
	}
	return out, nil
}

// Int64s returns t's elements as int64. BOOL and the integer dtypes
// convert exactly; a U64 value above 2^63-1 is an error.
func (t *Tensor) Int64s() ([]int64, error) {
	n, err := t.count()
	if err != nil {
		return nil, err
	}
	out := make([]int64, n)
	d := t.Data
	le := binary.LittleEndian
	switch t.DType {
	case Bool, U8:
		for i := range out {
			out[i] = int64(d[i])
		}
	case I8:
		for i := range out {
			out[i] = int64(int8(d[i]))
		}
	case I16:
		for i := range out {
			out[i] = int64(int16(le.Uint16(d[2*i:])))
		}
	case U16:
		for i := range out {
			out[i] = int64(le.Uint16(d[2*i:]))
		}
	case I32:
		for i := range out {
			out[i] = int64(int32(le.Uint32(d[4*i:])))
		}
	case U32:
		for i := range out {
			out[i] = int64(le.Uint32(d[4*i:]))
		}
	case I64:
		for i := range out {
			out[i] = int64(le.Uint64(d[8*i:]))
		}
	case U64:
		for i := range out {
			v := le.Uint64(d[8*i:])
			if v > math.MaxInt64 {
				return nil, fmt.Errorf("safetensors: tensor %q: U64 element %d = %d overflows int64", t.Name, i, v)
			}
			out[i] = int64(v)
		}
	default:
		return nil, fmt.Errorf("safetensors: tensor %q: dtype %s is not an integer type", t.Name, t.DType)
	}
	return out, nil
}

// count returns the number of elements, checking the data length.
func (t *Tensor) count() (int, error) {
	size := t.DType.Size()
	if size == 0 {
		return 0, fmt.Errorf("safetensors: tensor %q: unknown dtype %q", t.Name, t.DType)
	}
	n := 1
	for _, d := range t.Shape {
		if d < 0 {
			return 0, fmt.Errorf("safetensors: tensor %q: negative dimension in shape %v", t.Name, t.Shape)
		}
		n *= d
	}
	if len(t.Data) != n*size {
		return 0, fmt.Errorf("safetensors: tensor %q: %d bytes for shape %v of %s", t.Name, len(t.Data), t.Shape, t.DType)
	}
	return n, nil
}

// FromFloat32 returns a tensor of dtype F32, F64, F16 or BF16 holding data
// (rounded to nearest even for F16 and BF16). It panics if the dtype is
// not a float type or len(data) does not match shape.
func FromFloat32(name string, dtype DType, shape []int, data []float32) Tensor {
	checkLen("FromFloat32", name, shape, len(data))
	t := Tensor{Name: name, DType: dtype, Shape: append([]int{}, shape...)}
	le := binary.LittleEndian
	switch dtype {
	case F32:
		t.Data = make([]byte, 4*len(data))
		for i, v := range data {
			le.PutUint32(t.Data[4*i:], math.Float32bits(v))
		}
	case F64:
		t.Data = make([]byte, 8*len(data))
		for i, v := range data {
			le.PutUint64(t.Data[8*i:], math.Float64bits(float64(v)))
		}
	case F16:
		t.Data = make([]byte, 2*len(data))
		for i, v := range data {
			le.PutUint16(t.Data[2*i:], Float32ToHalf(v))
		}
	case BF16:
		t.Data = make([]byte, 2*len(data))
		for i, v := range data {
			le.PutUint16(t.Data[2*i:], Float32ToBF16(v))
		}
	default:
		panic(fmt.Sprintf("safetensors: FromFloat32: dtype %s is not a float type", dtype))
	}
	return t
}

// FromFloat64 returns an F64 tensor holding data.
func FromFloat64(name string, shape []int, data []float64) Tensor {
	checkLen("FromFloat64", name, shape, len(data))
	t := Tensor{Name: name, DType: F64, Shape: append([]int{}, shape...), Data: make([]byte, 8*len(data))}
	for i, v := range data {
		binary.LittleEndian.PutUint64(t.Data[8*i:], math.Float64bits(v))
	}
	return t
}

// FromInt64 returns a tensor of an integer dtype (or BOOL) holding data.
// It panics if a value does not fit the dtype.
func FromInt64(name string, dtype DType, shape []int, data []int64) Tensor {
	checkLen("FromInt64", name, shape, len(data))
	size := dtype.Size()
	if !dtype.IsInt() {
		panic(fmt.Sprintf("safetensors: FromInt64: dtype %s is not an integer type", dtype))
	}
	t := Tensor{Name: name, DType: dtype, Shape: append([]int{}, shape...), Data: make([]byte, size*len(data))}
	le := binary.LittleEndian
	for i, v := range data {
		lo, hi := intRange(dtype)
		if (dtype != U64 && (v < lo || v > hi)) || (dtype == U64 && v < 0) {
			panic(fmt.Sprintf("safetensors: FromInt64: value %d does not fit %s", v, dtype))
		}
		switch size {
		case 1:
			t.Data[i] = byte(v)
		case 2:
			le.PutUint16(t.Data[2*i:], uint16(v))
		case 4:
			le.PutUint32(t.Data[4*i:], uint32(v))
		case 8:
			le.PutUint64(t.Data[8*i:], uint64(v))
		}
	}
	return t
}

func intRange(d DType) (lo, hi int64) {
	switch d {
	case Bool:
		return 0, 1
	case U8:
		return 0, math.MaxUint8
	case I8:
		return math.MinInt8, math.MaxInt8
	case I16:
		return math.MinInt16, math.MaxInt16
	case U16:
		return 0, math.MaxUint16
	case I32:
		return math.MinInt32, math.MaxInt32
	case U32:
		return 0, math.MaxUint32
	}
	return math.MinInt64, math.MaxInt64
}

func checkLen(op, name string, shape []int, n int) {
	size := 1
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("safetensors: %s %q: negative dimension in shape %v", op, name, shape))
		}
		size *= d
	}
	if size != n {
		panic(fmt.Sprintf("safetensors: %s %q: %d values for shape %v", op, name, n, shape))
	}
}

// HalfToFloat32 widens an IEEE binary16 value exactly.
func HalfToFloat32(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	frac := uint32(h) & 0x3ff
	switch {
	case exp == 0x1f: // Inf or NaN
		return math.Float32frombits(sign | 0xff<<23 | frac<<13)
	case exp != 0: // normal
		return math.Float32frombits(sign | (exp+127-15)<<23 | frac<<13)
	case frac == 0:
		return math.Float32frombits(sign)
	}
	// Subnormal: frac * 2^-24.
	v := float32(frac) * 0x1p-24
	if sign != 0 {
		v = -v
	}
	return v
}

// Float32ToHalf rounds f to the nearest IEEE binary16 value (ties to
// even); overflow gives Inf and NaN stays NaN.
func Float32ToHalf(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int(b>>23) & 0xff
	frac := b & 0x7fffff
	if exp == 0xff {
		if frac != 0 {
			return sign | 0x7e00 | uint16(frac>>13) // quiet NaN, keep payload bits
		}
		return sign | 0x7c00
	}
	e := exp - 127 + 15
	if e >= 0x1f {
		return sign | 0x7c00
	}
	if e <= 0 {
		// Subnormal or zero in half: value = (1.frac) * 2^(exp-127); half
		// subnormals are multiples of 2^-24.
		if e < -10 {
			return sign // rounds to zero (below half the smallest subnormal)
		}
		m := frac | 0x800000  // 24-bit significand
		shift := uint(14 - e) // bits to drop
		half := uint32(1) << (shift - 1)
		q := m >> shift
		r := m & (1<<shift - 1)
		if r > half || (r == half && q&1 == 1) {
			q++
		}
		return sign | uint16(q)
	}
	q := uint32(e)<<10 | frac>>13
	r := frac & 0x1fff
	if r > 0x1000 || (r == 0x1000 && q&1 == 1) {
		q++ // may carry into the exponent, up to Inf: still correct
	}
	return sign | uint16(q)
}

// Float32ToBF16 rounds f to the nearest bfloat16 value (ties to even); NaN
// stays NaN.
func Float32ToBF16(f float32) uint16 {
	b := math.Float32bits(f)
	if b&0x7fffffff > 0x7f800000 {
		return uint16(b>>16) | 0x40 // quiet NaN
	}
	b += 0x7fff + (b>>16)&1
	return uint16(b >> 16)
}
