package simd

import "testing"

// TestPrefetchRows runs the hint over rows that end on and off line
// boundaries and checks that out-of-range requests are ignored and that
// nothing is written.
func TestPrefetchRows(t *testing.T) {
	x := make([]float32, 1000)
	for i := range x {
		x[i] = float32(i)
	}
	for _, c := range []struct{ off, ld, rows, n int }{
		{0, 100, 10, 100}, {3, 97, 10, 17}, {999, 1, 1, 1}, {0, 0, 5, 16},
		{990, 10, 2, 16}, {-1, 10, 2, 4}, {0, 10, 0, 4}, {0, 10, 3, 0}, {0, 500, 3, 1},
	} {
		PrefetchRows(x, c.off, c.ld, c.rows, c.n)
	}
	for i, v := range x {
		if v != float32(i) {
			t.Fatalf("x[%d] = %v after prefetching", i, v)
		}
	}
}
