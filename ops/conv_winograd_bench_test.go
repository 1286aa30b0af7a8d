package ops

import "testing"

// BenchmarkWinogradFilters times the filter transforms of the refnet's
// Winograd layers alone, forward (U) and rotated (the input gradient's).
func BenchmarkWinogradFilters(b *testing.B) {
	for _, c := range []struct {
		name      string
		cin, cout int
	}{{"v2", 32, 64}, {"v4", 64, 128}} {
		w := laRand(laRNG(5), c.cout, c.cin, 3, 3).Data()
		for _, flip := range []bool{false, true} {
			name := c.name + "/fwd"
			if flip {
				name = c.name + "/rot"
			}
			b.Run(name, func(b *testing.B) {
				laBenchThreads(b)
				for i := 0; i < b.N; i++ {
					convPutBuf(winogradFilters(w, c.cout, c.cin, flip))
				}
			})
		}
	}
}
