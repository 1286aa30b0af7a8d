package simd

// Sum returns the sum of x in the canonical reduction order.
func Sum(x []float32) float32 { return sum(x) }

// SumSegments returns the sum of the concatenation of the n-element
// segments x[off:off+n], off in offs, in that order: the bits of Sum over a
// gathered copy (each element goes into the lane of its position in the
// concatenation), without the copy. It panics if a segment falls outside x.
func SumSegments(x []float32, offs []int, n int) float32 {
	var acc [Lanes]float32
	lane := 0 // the lane of the next element
	for _, off := range offs {
		s := x[off : off+n]
		if lane != 0 {
			h := min(Lanes-lane, len(s))
			for j, v := range s[:h] {
				acc[lane+j] += v
			}
			s, lane = s[h:], (lane+h)%Lanes
			if len(s) == 0 {
				continue
			}
		}
		b := len(s) &^ (Lanes - 1)
		sumBlocks(&acc, s[:b])
		sumLanes(&acc, s[b:])
		lane = len(s) - b
	}
	return foldLanes(&acc)
}

// Dot returns the dot product of x and y[:len(x)] in the canonical order.
func Dot(x, y []float32) float32 {
	if len(y) < len(x) {
		panic("simd: Dot: len(y) < len(x)")
	}
	return dot(x, y[:len(x)])
}

// SumSquares returns the sum of x[i]*x[i] in the canonical dot order
// (bit-identical to Dot(x, x)).
func SumSquares(x []float32) float32 { return dot(x, x) }

// Max returns the largest element of x, -Inf for an empty x, and NaN
// (0x7fc00000) if any element is NaN. Of equal elements (+0 and -0) it
// returns the first one seen in the canonical lane order (see maxGeneric).
func Max(x []float32) float32 { return max32(x) }
