//go:build !(gc && !purego && (amd64 || arm64))

package simd

// gemmSelect runs the generic kernel where no assembly is built.
func gemmSelect() gemmImpl { return gemmGenericImpl }
