package cortex

import (
	"math"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// nanTask poisons one pixel of every training batch of epoch 0 step 2.
type nanTask struct{ *synthTask }

func (p nanTask) Batch(x *tensor.Tensor, test bool, epoch int, idx []int) (*tensor.Tensor, Targets) {
	x, tg := p.synthTask.Batch(x, test, epoch, idx)
	if !test && epoch == 0 && idx[0] == p.firstOfStep2 {
		x.Data()[7] = float32(math.NaN())
	}
	return x, tg
}

// A step whose loss is not finite changes nothing (parameters, batch
// statistics, optimiser state, position) and its error names the step and
// the area where the NaN appeared.
func TestNonFiniteStepChangesNothing(t *testing.T) {
	for _, motion := range []bool{false, true} {
		good, task := tinyTrain(t, motion, 1)
		bad, _ := tinyTrain(t, motion, 1)
		for i := 0; i < 2; i++ {
			if _, err := good.TrainStep(); err != nil {
				t.Fatal(err)
			}
		}
		task.firstOfStep2 = good.perm[2*good.Opts.Batch]
		bad.Task = nanTask{task}
		for i := 0; i < 2; i++ {
			if _, err := bad.TrainStep(); err != nil {
				t.Fatalf("motion=%v step %d: %v", motion, i, err)
			}
		}
		_, err := bad.TrainStep()
		if err == nil {
			t.Fatalf("motion=%v: a NaN input pixel trained without an error", motion)
		}
		t.Logf("motion=%v: %v", motion, err)
		for _, want := range []string{"epoch 1 step 3", "area retina", "[retina]"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("motion=%v: error %q does not say %q", motion, err, want)
			}
		}
		sameState(t, good.Sys, bad.Sys)
		if bad.Epoch != 0 || bad.Step != 2 || bad.Opt.Steps() != good.Opt.Steps() {
			t.Errorf("motion=%v: after the failed step: epoch %d step %d, %d optimiser steps; want 0, 2, %d",
				motion, bad.Epoch, bad.Step, bad.Opt.Steps(), good.Opt.Steps())
		}
		st, gst := bad.Opt.State(), good.Opt.State()
		for _, name := range gst.SlotNames() {
			if !tensor.Equal(st.Slots[name], gst.Slots[name]) {
				t.Errorf("motion=%v: optimiser slot %s changed", motion, name)
			}
		}
	}
}
