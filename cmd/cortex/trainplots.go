package main

import (
	"fmt"
	"path/filepath"

	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/tensor"
	"github.com/neurocortex/neurocortex/viz"
)

// trainCurve records the running training loss and accuracies against the
// epoch (fractional), one point per logged step.
type trainCurve struct {
	epoch, loss, acc, dir []float64
}

func (c *trainCurve) add(p cortex.Progress) {
	c.epoch = append(c.epoch, float64(p.Epoch)+float64(p.Step)/float64(max(p.Steps, 1)))
	c.loss = append(c.loss, p.Loss)
	c.acc = append(c.acc, p.Accuracy)
	c.dir = append(c.dir, p.DirAccuracy)
}

// trainWritePlots writes training.png (loss and accuracy during this run)
// and v1.png (V1's filters on the midget ON channel) into dir.
func trainWritePlots(dir string, c *trainCurve, sys *cortex.System) error {
	if len(c.epoch) > 1 {
		loss, err := (&viz.Plot{Title: "training loss (running mean over the epoch)", XLabel: "epoch", YLabel: "loss",
			Series: []viz.Series{{Name: "loss", X: c.epoch, Y: c.loss}}, Grid: true}).Render()
		if err != nil {
			return err
		}
		series := []viz.Series{{Name: "digit class", X: c.epoch, Y: c.acc}}
		if sys.Config.Motion {
			series = append(series, viz.Series{Name: "motion direction", X: c.epoch, Y: c.dir})
		}
		acc, err := (&viz.Plot{Title: "training accuracy (running mean over the epoch)", XLabel: "epoch", YLabel: "accuracy",
			Series: series, Grid: true, YRange: &[2]float64{0, 1}}).Render()
		if err != nil {
			return err
		}
		if err := viz.SavePNG(filepath.Join(dir, "training.png"), viz.VStack(loss, acc)); err != nil {
			return err
		}
	}
	w := sys.V1.Weight.Value // [G, Cin, S, S]
	g, cin, s := w.Dim(0), w.Dim(1), w.Dim(2)
	on := tensor.New(g, s, s)
	for i := 0; i < g; i++ {
		copy(on.Data()[i*s*s:(i+1)*s*s], w.Data()[i*cin*s*s:(i*cin+1)*s*s])
	}
	img, err := viz.FeatureMaps(fmt.Sprintf("V1 filters on the midget ON map (%d)", g), on, 64)
	if err != nil {
		return err
	}
	return viz.SavePNG(filepath.Join(dir, "v1.png"), img)
}
