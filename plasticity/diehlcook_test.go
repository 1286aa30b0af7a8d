package plasticity

import (
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// bars returns a 10x10 image with one horizontal (class 0..4: rows 2c,
// 2c+1) or vertical (class 5..9) double bar, with a little pixel noise.
func bars(class int, rng interface{ Float32() float32 }) []float32 {
	img := make([]float32, 100)
	for r := range 10 {
		for c := range 10 {
			on := false
			if class < 5 {
				on = r/2 == class
			} else {
				on = c/2 == class-5
			}
			if on {
				img[r*10+c] = 0.7 + 0.3*rng.Float32()
			}
		}
	}
	return img
}

func TestDiehlCookLearnsBars(t *testing.T) {
	cfg := DefaultDiehlCook(20)
	cfg.Inputs = 100
	cfg.PresentMs = 100
	cfg.MaxRate = 150
	net, err := NewDiehlCook(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rng := tensor.NewRNG(3, 3)
	for range 300 {
		c := rng.IntN(10)
		net.Present(bars(c, rng), true, rng)
	}
	var counts [][]int
	var labels []int
	for k := range 200 {
		c := k % 10
		counts = append(counts, net.Present(bars(c, rng), false, rng))
		labels = append(labels, c)
	}
	assign, err := AssignLabels(counts, labels, 10)
	if err != nil {
		t.Fatal(err)
	}
	correct := 0
	for k := range 200 {
		c := k % 10
		if Vote(assign, net.Present(bars(c, rng), false, rng), 10) == c {
			correct++
		}
	}
	t.Logf("bars: %d/200 correct, labels %v", correct, assign)
	if correct < 160 {
		t.Errorf("accuracy %d/200 on ten bar classes, want >= 80%%", correct)
	}
}

func TestVote(t *testing.T) {
	assign, err := AssignLabels([][]int{{5, 0, 1}, {0, 4, 0}, {3, 1, 0}}, []int{0, 1, 0}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if assign[0] != 0 || assign[1] != 1 || assign[2] != 0 {
		t.Fatalf("assign %v", assign)
	}
	if c := Vote(assign, []int{0, 3, 0}, 2); c != 1 {
		t.Errorf("vote %d, want 1", c)
	}
	if c := Vote(assign, []int{0, 0, 0}, 2); c != -1 {
		t.Errorf("silent vote %d, want -1", c)
	}
	if _, err := AssignLabels([][]int{{1}}, []int{3}, 2); err == nil {
		t.Error("bad label accepted")
	}
}
