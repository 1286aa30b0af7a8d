package nn

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestFans(t *testing.T) {
	for _, c := range []struct {
		shape   []int
		in, out int
	}{
		{[]int{10, 20}, 20, 10},
		{[]int{8, 3, 5, 5}, 75, 200},
		{[]int{7}, 7, 7},
	} {
		if in, out := Fans(c.shape); in != c.in || out != c.out {
			t.Errorf("Fans(%v) = %d, %d, want %d, %d", c.shape, in, out, c.in, c.out)
		}
	}
}

func moments(d []float32) (mean, std, maxAbs float64) {
	for _, v := range d {
		mean += float64(v)
		maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
	}
	mean /= float64(len(d))
	for _, v := range d {
		std += (float64(v) - mean) * (float64(v) - mean)
	}
	return mean, math.Sqrt(std / float64(len(d))), maxAbs
}

func TestInitialisers(t *testing.T) {
	shape := []int{64, 32, 3, 3} // fan-in 288, fan-out 576
	fanIn, fanOut := 288.0, 576.0
	cases := []struct {
		name    string
		fill    func(*tensor.Tensor)
		std     float64
		uniform bool
	}{
		{"KaimingNormal", func(w *tensor.Tensor) { KaimingNormal(tensor.NewRNG(1, 0), w, Gain("relu", 0)) }, math.Sqrt(2 / fanIn), false},
		{"KaimingUniform", func(w *tensor.Tensor) { KaimingUniform(tensor.NewRNG(1, 0), w, Gain("relu", 0)) }, math.Sqrt(2 / fanIn), true},
		{"XavierNormal", func(w *tensor.Tensor) { XavierNormal(tensor.NewRNG(1, 0), w, 1) }, math.Sqrt(2 / (fanIn + fanOut)), false},
		{"XavierUniform", func(w *tensor.Tensor) { XavierUniform(tensor.NewRNG(1, 0), w, Gain("tanh", 0)) }, 5.0 / 3 * math.Sqrt(2/(fanIn+fanOut)), true},
	}
	for _, c := range cases {
		w := tensor.New(shape...)
		c.fill(w)
		mean, std, maxAbs := moments(w.Data())
		n := float64(w.Size())
		if math.Abs(mean) > 4*c.std/math.Sqrt(n) {
			t.Errorf("%s: mean %v", c.name, mean)
		}
		if math.Abs(std-c.std) > 0.03*c.std {
			t.Errorf("%s: std %v, want %v", c.name, std, c.std)
		}
		if c.uniform && maxAbs > c.std*math.Sqrt(3)*(1+1e-6) {
			t.Errorf("%s: |w| reaches %v beyond the bound %v", c.name, maxAbs, c.std*math.Sqrt(3))
		}
		again := tensor.New(shape...)
		c.fill(again)
		if !tensor.Equal(w, again) {
			t.Errorf("%s: same seed, different values", c.name)
		}
	}
	if g := Gain("leaky_relu", 0.01); math.Abs(g-math.Sqrt(2/1.0001)) > 1e-15 {
		t.Errorf("Gain(leaky_relu) = %v", g)
	}
}
