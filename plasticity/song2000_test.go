package plasticity

import (
	"testing"
)

func TestSong2000Bimodal(t *testing.T) {
	if testing.Short() {
		t.Skip("200 s of simulated time; skipped with -short")
	}
	res, err := Song2000(DefaultSong2000())
	if err != nil {
		t.Fatal(err)
	}
	var hist [10]int
	for _, x := range res.W {
		hist[min(int(x*10), 9)]++
	}
	t.Logf("histogram of w/gmax in tenths: %v; output %.1f Hz", hist, res.RateHz)
	// Bimodal: a mode at each bound, each above every bin of the middle
	// range [0.3, 0.8), and the two ends hold a large share of the weights.
	midMax := 0
	for _, c := range hist[3:8] {
		midMax = max(midMax, c)
	}
	if hist[0] <= midMax || hist[9] <= midMax || hist[0]+hist[9] < len(res.W)*2/5 {
		t.Errorf("not bimodal: histogram %v", hist)
	}
	if res.RateHz <= 0 {
		t.Errorf("output silent")
	}
}
