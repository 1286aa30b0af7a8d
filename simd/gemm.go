package simd

// GemmTile returns the micro-kernel tile size (mr rows by nr columns) of the
// kernel GemmKernel runs on this machine.
func GemmTile() (mr, nr int) { return gemmMR, gemmNR }

// GemmKernel runs the micro-kernel on one full mr x nr tile (see GemmTile)
// over packed panels a (k*mr) and b (k*nr), writing c with row stride ldc.
func GemmKernel(k int, a, b, c []float32, ldc int, load bool) {
	gemmKernelGeneric(gemmMR, gemmNR, k, a, b, c, ldc, load)
}

var gemmMR, gemmNR = 4, 16
