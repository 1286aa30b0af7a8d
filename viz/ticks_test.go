package viz

import (
	"slices"
	"testing"
)

func TestTicks(t *testing.T) {
	cases := []struct {
		lo, hi float64
		n      int
		want   []float64
		dec    int
	}{
		{0, 1, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, 1},
		{-70, -50, 4, []float64{-70, -65, -60, -55, -50}, 0},
		{0, 100, 5, []float64{0, 20, 40, 60, 80, 100}, 0},
		{0.001, 0.0042, 4, []float64{0.001, 0.002, 0.003, 0.004}, 3},
		{0, 360, 4, []float64{0, 100, 200, 300}, 0},
	}
	for _, tc := range cases {
		got, dec := ticks(tc.lo, tc.hi, tc.n)
		if len(got) != len(tc.want) || dec != tc.dec {
			t.Errorf("ticks(%v, %v, %d) = %v (%d decimals), want %v (%d)", tc.lo, tc.hi, tc.n, got, dec, tc.want, tc.dec)
			continue
		}
		for i := range got {
			if d := got[i] - tc.want[i]; d > 1e-12 || d < -1e-12 {
				t.Errorf("ticks(%v, %v, %d) = %v, want %v", tc.lo, tc.hi, tc.n, got, tc.want)
				break
			}
		}
	}
	labels := []string{formatTick(0.2, 1), formatTick(-60, 0), formatTick(2.5e7, 0), formatTick(0, 2)}
	if !slices.Equal(labels, []string{"0.2", "-60", "2.5e+07", "0.00"}) {
		t.Errorf("labels %q", labels)
	}
	if lo, hi := niceRange(0.3, 9.7, 5); lo != 0 || hi != 10 {
		t.Errorf("niceRange(0.3, 9.7) = %v, %v, want 0, 10", lo, hi)
	}
	if lo, hi := niceRange(3, 3, 5); !(lo < 3 && hi > 3) {
		t.Errorf("niceRange of one value = %v, %v", lo, hi)
	}
}
