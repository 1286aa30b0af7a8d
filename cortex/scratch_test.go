package cortex

import (
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/data"
)

func stats(v *autodiff.Var) string {
	d := v.Value.Data()
	var s, ss float64
	mx := math.Inf(-1)
	for _, x := range d {
		s += float64(x)
		ss += float64(x) * float64(x)
		mx = math.Max(mx, float64(x))
	}
	n := float64(len(d))
	return fmt.Sprintf("%v mean %.4f rms %.4f max %.4f", v.Value.Shape(), s/n, math.Sqrt(ss/n), mx)
}

func TestScratchStats(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	d, err := data.LoadMNIST("", "test")
	if err != nil {
		t.Fatal(err)
	}
	c := DefaultConfig()
	c.KeepIntermediate = true
	s, _ := New(c, 1)
	x, _ := d.Batch([]int{0, 1, 2, 3, 4, 5, 6, 7})
	out, err := s.Forward(autodiff.NoGrad(), x, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := out.Areas
	for _, kv := range []struct {
		n string
		v *autodiff.Var
	}{{"photo", a.Photoreceptors}, {"horiz", a.Horizontal}, {"P", a.P}, {"M", a.M}, {"V1s", a.V1Simple}, {"V1c", a.V1Complex}, {"V1", a.V1}, {"V2", a.V2}, {"V4", a.V4}, {"IT", a.IT}, {"logits", out.Class}} {
		t.Logf("%-7s %s", kv.n, stats(kv.v))
	}
}

func TestScratchTrain(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	train, _ := data.LoadMNIST("", "train")
	test, _ := data.LoadMNIST("", "test")
	task := &MNISTTask{Train: train.Subset(0, 19200), Test: test.Subset(0, 2000)}
	c := DefaultConfig()
	if os.Getenv("LP") != "" {
		c.LogPolar = true
	}
	o := DefaultTrainOptions()
	o.Epochs = 1
	o.WarmupSteps = 50
	if os.Getenv("WARM") == "0" {
		o.WarmupSteps = 0
	}
	s, _ := New(c, 1)
	tr, err := NewTrainer(s, task, o)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; !tr.Done(); i++ {
		r, err := tr.TrainStep()
		if err != nil {
			t.Fatal(err)
		}
		if i%50 == 0 {
			t.Logf("step %d loss %.3f acc %.2f", i, r.Loss, float64(r.Correct)/float64(r.N))
		}
	}
	m, err := Evaluate(s, task, 0, 500)
	t.Logf("test %+v %v", m, err)
}

func TestScratchDir(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	c := tinyConfig(true, false, false, false)
	c.Classes = 4
	c.KeepIntermediate = true
	task := &synthTask{c: c, train: 64, tst: 32}
	s, _ := New(c, 3)
	x, tg := task.Batch(nil, true, 0, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	out, _ := s.Forward(autodiff.NoGrad(), x, nil)
	e := out.Areas.MotionEnergy.Value
	h, w := e.Dim(2), e.Dim(3)
	ns := len(c.Speeds)
	for k := range tg.Direction {
		best, bv := -1, -1.0
		var all []float64
		for d := 0; d < 8; d++ {
			var sum float64
			for sp := 0; sp < ns; sp++ {
				for i := 0; i < h*w; i++ {
					sum += float64(e.Data()[((k*e.Dim(1))+d*ns+sp)*h*w+i])
				}
			}
			all = append(all, sum)
			if sum > bv {
				best, bv = d, sum
			}
		}
		t.Logf("true %d best %d %.2f", tg.Direction[k], best, all)
	}
}
