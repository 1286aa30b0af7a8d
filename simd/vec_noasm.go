//go:build !((amd64 || arm64) && gc && !purego)

package simd

func axpy(alpha float32, x, y []float32)      { axpyGeneric(alpha, x, y) }
func scale(alpha float32, x []float32)        { scaleGeneric(alpha, x) }
func absTo(dst, x []float32)                  { absToGeneric(dst, x) }
func scaleTo(dst, x []float32, alpha float32) { scaleToGeneric(dst, x, alpha) }
func addScalarTo(dst, x []float32, s float32) { addScalarToGeneric(dst, x, s) }
func addTo(dst, a, b []float32)               { addToGeneric(dst, a, b) }
func subTo(dst, a, b []float32)               { subToGeneric(dst, a, b) }
func divTo(dst, a, b []float32)               { divToGeneric(dst, a, b) }
func mulTo(dst, a, b []float32)               { mulToGeneric(dst, a, b) }
func mulAddTo(dst, a, b []float32)            { mulAddToGeneric(dst, a, b) }
func reluTo(dst, x []float32)                 { reluToGeneric(dst, x) }
