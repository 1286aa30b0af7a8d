//go:build gc && !purego

package simd

// The assembly runs the whole blocks of Lanes elements on the lanes in acc;
// the Go twin finishes the tail and the fold, so the order is the generic
// one by construction.

// sumBlocksAVX512 adds x into the lanes; len(x) is a multiple of Lanes.
//
//	for i, v := range x { acc[i%Lanes] += v }
//
//go:noescape
func sumBlocksAVX512(acc *[Lanes]float32, x []float32)

// sumBlocksAVX2 is sumBlocksAVX512 on two 8-lane registers.
//
//go:noescape
func sumBlocksAVX2(acc *[Lanes]float32, x []float32)

// dotBlocksAVX512 accumulates x*y into the lanes; len(x) is a multiple of
// Lanes and len(y) >= len(x).
//
//	for i, v := range x { acc[i%Lanes] = fma(v, y[i], acc[i%Lanes]) }
//
//go:noescape
func dotBlocksAVX512(acc *[Lanes]float32, x, y []float32)

// dotBlocksAVX2 is dotBlocksAVX512 on two 8-lane registers.
//
//go:noescape
func dotBlocksAVX2(acc *[Lanes]float32, x, y []float32)

// maxBlocksAVX512 keeps the lane maxima; len(x) is a multiple of Lanes.
//
//	for i, v := range x {
//		if v > acc[i%Lanes] { acc[i%Lanes] = v }
//		nan = nan || v != v
//	}
//
//go:noescape
func maxBlocksAVX512(acc *[Lanes]float32, x []float32) (nan bool)

// maxBlocksAVX2 is maxBlocksAVX512 on two 8-lane registers.
//
//go:noescape
func maxBlocksAVX2(acc *[Lanes]float32, x []float32) (nan bool)

// sumBlocks adds x into the lanes; len(x) is a multiple of Lanes.
func sumBlocks(acc *[Lanes]float32, x []float32) {
	switch {
	case hasAVX512:
		sumBlocksAVX512(acc, x)
	case hasAVX2:
		sumBlocksAVX2(acc, x)
	default:
		sumLanes(acc, x)
	}
}

func sum(x []float32) float32 {
	if !hasAVX512 && !hasAVX2 {
		return sumGeneric(x)
	}
	var acc [Lanes]float32
	n := len(x) &^ (Lanes - 1)
	if hasAVX512 {
		sumBlocksAVX512(&acc, x[:n])
	} else {
		sumBlocksAVX2(&acc, x[:n])
	}
	sumLanes(&acc, x[n:])
	return foldLanes(&acc)
}

func dot(x, y []float32) float32 {
	if !hasAVX512 && !hasAVX2 {
		return dotGeneric(x, y)
	}
	var acc [Lanes]float32
	n := len(x) &^ (Lanes - 1)
	if hasAVX512 {
		dotBlocksAVX512(&acc, x[:n], y[:n])
	} else {
		dotBlocksAVX2(&acc, x[:n], y[:n])
	}
	dotLanes(&acc, x[n:], y[n:len(x)])
	return foldLanes(&acc)
}

func max32(x []float32) float32 {
	if !hasAVX512 && !hasAVX2 {
		return maxGeneric(x)
	}
	acc := maxInit()
	n := len(x) &^ (Lanes - 1)
	var nan bool
	if hasAVX512 {
		nan = maxBlocksAVX512(&acc, x[:n])
	} else {
		nan = maxBlocksAVX2(&acc, x[:n])
	}
	if maxLanes(&acc, x[n:]) || nan {
		return nan32
	}
	return maxFold(&acc)
}
