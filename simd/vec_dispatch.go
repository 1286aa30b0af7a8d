package simd

// Until the assembly kernels land every kernel runs its generic twin.

func expTo(dst, x []float32)             { expToGeneric(dst, x) }
func logTo(dst, x []float32)             { logToGeneric(dst, x) }
func tanhTo(dst, x []float32)            { tanhToGeneric(dst, x) }
func sigmoidTo(dst, x []float32)         { sigmoidToGeneric(dst, x) }
func axpy(alpha float32, x, y []float32) { axpyGeneric(alpha, x, y) }
func scale(alpha float32, x []float32)   { scaleGeneric(alpha, x) }
func addTo(dst, a, b []float32)          { addToGeneric(dst, a, b) }
func subTo(dst, a, b []float32)          { subToGeneric(dst, a, b) }
func mulTo(dst, a, b []float32)          { mulToGeneric(dst, a, b) }
func reluTo(dst, x []float32)            { reluToGeneric(dst, x) }
func sum(x []float32) float32            { return sumGeneric(x) }
func dot(x, y []float32) float32         { return dotGeneric(x, y) }
func max32(x []float32) float32          { return maxGeneric(x) }
