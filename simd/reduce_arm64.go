//go:build gc && !purego

package simd

// The assembly runs the whole blocks of Lanes elements on the 16 lanes
// (four 4-lane NEON registers); the Go twin finishes the tail and the fold,
// so the order is the generic one by construction.

// sumBlocksNEON adds x into the lanes; len(x) is a multiple of Lanes.
//
//	for i, v := range x { acc[i%Lanes] += v }
//
//go:noescape
func sumBlocksNEON(acc *[Lanes]float32, x []float32)

// dotBlocksNEON accumulates x*y into the lanes; len(x) is a multiple of
// Lanes and len(y) >= len(x).
//
//	for i, v := range x { acc[i%Lanes] = fma(v, y[i], acc[i%Lanes]) }
//
//go:noescape
func dotBlocksNEON(acc *[Lanes]float32, x, y []float32)

// sumBlocks adds x into the lanes; len(x) is a multiple of Lanes.
func sumBlocks(acc *[Lanes]float32, x []float32) {
	if !hasNEON {
		sumLanes(acc, x)
		return
	}
	sumBlocksNEON(acc, x)
}

func sum(x []float32) float32 {
	if !hasNEON {
		return sumGeneric(x)
	}
	var acc [Lanes]float32
	n := len(x) &^ (Lanes - 1)
	sumBlocksNEON(&acc, x[:n])
	sumLanes(&acc, x[n:])
	return foldLanes(&acc)
}

func dot(x, y []float32) float32 {
	if !hasNEON {
		return dotGeneric(x, y)
	}
	var acc [Lanes]float32
	n := len(x) &^ (Lanes - 1)
	dotBlocksNEON(&acc, x[:n], y[:n])
	dotLanes(&acc, x[n:], y[n:len(x)])
	return foldLanes(&acc)
}

// maxBlocksNEON keeps the lane maxima; len(x) is a multiple of Lanes.
//
//	for i, v := range x {
//		if v > acc[i%Lanes] { acc[i%Lanes] = v }
//		nan = nan || v != v
//	}
//
//go:noescape
func maxBlocksNEON(acc *[Lanes]float32, x []float32) (nan bool)

func max32(x []float32) float32 {
	if !hasNEON {
		return maxGeneric(x)
	}
	acc := maxInit()
	n := len(x) &^ (Lanes - 1)
	nan := maxBlocksNEON(&acc, x[:n])
	if maxLanes(&acc, x[n:]) || nan {
		return nan32
	}
	return maxFold(&acc)
}
