// Package safetensors reads and writes the safetensors tensor file format
// (https://github.com/huggingface/safetensors), in which neurocortex stores
// checkpoints.
//
// A file is an 8-byte little-endian unsigned header length N, N bytes of a
// UTF-8 JSON object (possibly padded with trailing spaces), then a byte
// buffer. The JSON object maps each tensor name to
// {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, offsets
// relative to the buffer; the optional key "__metadata__" maps strings to
// strings. Data is little-endian and row-major; the tensors cover the
// buffer exactly, without gaps or overlaps.
//
// Files are treated as hostile: Decode checks the header length against
// the input before allocating, rejects duplicate names, unknown dtypes,
// negative or overflowing shapes, offsets that disagree with shapes, gaps,
// overlaps and trailing bytes, and never panics. Errors name the first
// problem and, where there is one, the tensor and the byte offset.
package safetensors
