//go:build gc && !purego && (amd64 || arm64)

package simd

import "unsafe"

// gemmPtr returns the address of a panel for the assembly kernels, or nil
// for an empty panel (k == 0), which they never dereference.
func gemmPtr(x []float32) *float32 {
	if len(x) == 0 {
		return nil
	}
	return unsafe.SliceData(x)
}
