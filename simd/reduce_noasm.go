//go:build !((amd64 || arm64) && gc && !purego)

package simd

func sum(x []float32) float32                    { return sumGeneric(x) }
func sumBlocks(acc *[Lanes]float32, x []float32) { sumLanes(acc, x) }
func dot(x, y []float32) float32                 { return dotGeneric(x, y) }
func max32(x []float32) float32                  { return maxGeneric(x) }
