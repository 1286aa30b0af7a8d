//go:build !(gc && !purego && (amd64 || arm64))

package simd

func depthwiseConv(p *DepthwisePlan, y []float32, rows int, x []float32, off int, w []float32, bias float32) {
	depthwiseConvGeneric(p, y, rows, x, off, w, bias)
}

func depthwiseDot(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off, b0, b1 int) {
	depthwiseDotGeneric(p, acc, g, rows, x, off, b0, b1)
}

func planeKernels() bool { return false }

func depthwiseConvPlane(p *DepthwisePlan, y []float32, rows int, x []float32, off, inRows int, w []float32, bias float32, _ []float32) {
	depthwiseConvPlaneGeneric(p, y, rows, x, off, inRows, w, bias)
}

func depthwiseDotPlane(p *DepthwisePlan, acc []float32, g []float32, rows int, x []float32, off, inRows int, _ []float32) {
	depthwiseDotPlaneGeneric(p, acc, g, rows, x, off, inRows)
}

func foldLanesN(out, acc []float32) { foldLanesGeneric(out, acc) }
