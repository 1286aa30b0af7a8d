package simd

import "math"

// Lanes is the number of interleaved partial sums of the canonical
// reduction order: lane l accumulates elements l, l+Lanes, l+2*Lanes, ...
// in order, and the lanes are then folded by a fixed pairwise tree
// (l + l+8, then l + l+4, l + l+2, l + l+1). An AVX-512 register holds the
// 16 lanes; AVX2 uses two 8-lane registers and NEON four 4-lane ones.
const Lanes = 16

func foldLanes(acc *[Lanes]float32) float32 {
	for w := Lanes / 2; w >= 1; w /= 2 {
		for l := 0; l < w; l++ {
			acc[l] += acc[l+w]
		}
	}
	return acc[0]
}

// sumGeneric returns the sum of x in the canonical order.
func sumGeneric(x []float32) float32 {
	var acc [Lanes]float32
	sumLanes(&acc, x)
	return foldLanes(&acc)
}

// sumLanes adds x[i] into lane i%Lanes, in order. The assembly kernels run
// the whole blocks and leave the tail to it.
func sumLanes(acc *[Lanes]float32, x []float32) {
	i := 0
	for ; i+Lanes <= len(x); i += Lanes {
		for l := 0; l < Lanes; l++ {
			acc[l] += x[i+l]
		}
	}
	for l := 0; i < len(x); i, l = i+1, l+1 {
		acc[l] += x[i]
	}
}

// dotGeneric returns sum x[i]*y[i] in the canonical order, each lane
// accumulating with a fused multiply-add.
func dotGeneric(x, y []float32) float32 {
	if len(y) < len(x) {
		panic("simd: Dot: len(y) < len(x)")
	}
	var acc [Lanes]float32
	dotLanes(&acc, x, y)
	return foldLanes(&acc)
}

// dotLanes sets lane i%Lanes to fma(x[i], y[i], lane), in order.
func dotLanes(acc *[Lanes]float32, x, y []float32) {
	i := 0
	for ; i+Lanes <= len(x); i += Lanes {
		for l := 0; l < Lanes; l++ {
			acc[l] = FMA32(x[i+l], y[i+l], acc[l])
		}
	}
	for l := 0; i < len(x); i, l = i+1, l+1 {
		acc[l] = FMA32(x[i], y[i], acc[l])
	}
}

// sumSquaresGeneric returns sum x[i]*x[i] in the canonical dot order.
func sumSquaresGeneric(x []float32) float32 { return dotGeneric(x, x) }

// maxGeneric returns the largest element of x in the canonical lane order:
// lane l keeps acc = v if v > acc for its elements v (so the first of equal
// values stays), starting from -Inf, and the lanes fold by the same tree as
// the sums, acc[l] = acc[l+w] if acc[l+w] > acc[l]. Any NaN makes the
// result the quiet NaN 0x7fc00000. This is exactly what x86 MAXPS(v, acc)
// computes lane by lane, with a separate "unordered" flag.
func maxGeneric(x []float32) float32 {
	acc := maxInit()
	if maxLanes(&acc, x) {
		return nan32
	}
	return maxFold(&acc)
}

// maxInit returns lanes set to -Inf, the identity of max.
func maxInit() [Lanes]float32 {
	var acc [Lanes]float32
	for l := range acc {
		acc[l] = float32(math.Inf(-1))
	}
	return acc
}

// maxLanes sets lane i%Lanes to x[i] where x[i] is greater, in order, and
// reports whether x holds a NaN.
func maxLanes(acc *[Lanes]float32, x []float32) (nan bool) {
	for i, v := range x {
		l := i % Lanes
		if v > acc[l] {
			acc[l] = v
		}
		nan = nan || v != v
	}
	return nan
}

func maxFold(acc *[Lanes]float32) float32 {
	for w := Lanes / 2; w >= 1; w /= 2 {
		for l := 0; l < w; l++ {
			if acc[l+w] > acc[l] {
				acc[l] = acc[l+w]
			}
		}
	}
	return acc[0]
}
