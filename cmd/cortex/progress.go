package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/neurocortex/neurocortex/cortex"
)

// progressBar draws one line of training progress on stderr, redrawn in
// place (carriage return) at most every 200 ms and completed with a
// newline at the end of each epoch.
type progressBar struct {
	w      io.Writer
	motion bool
	last   time.Time
	epoch  int
	open   bool
}

func newProgressBar(w io.Writer, motion bool) *progressBar {
	return &progressBar{w: w, motion: motion, epoch: -1}
}

func (b *progressBar) update(p cortex.Progress) {
	epochDone := p.Step == p.Steps
	if !epochDone && time.Since(b.last) < 200*time.Millisecond {
		return
	}
	b.last = time.Now()
	const width = 24
	filled := width * p.Step / max(p.Steps, 1)
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	if filled < width {
		bar = bar[:filled] + ">" + bar[filled+1:]
	}
	rate := float64(p.Images) / p.Elapsed.Seconds()
	left := (p.Epochs-p.Epoch-1)*p.Steps + p.Steps - p.Step
	eta := time.Duration(float64(left) * float64(p.Elapsed) / float64(max(p.RunSteps, 1)))
	line := fmt.Sprintf("\repoch %d/%d [%s] %3d%% loss %.4f acc %.2f%%", p.Epoch+1, p.Epochs, bar, 100*p.Step/max(p.Steps, 1), p.Loss, 100*p.Accuracy)
	if b.motion {
		line += fmt.Sprintf(" dir %.2f%%", 100*p.DirAccuracy)
	}
	line += fmt.Sprintf(" %.0f img/s ETA %s ", rate, eta.Round(time.Second))
	fmt.Fprint(b.w, line)
	b.open = true
	if epochDone {
		fmt.Fprintln(b.w)
		b.open = false
	}
}

func (b *progressBar) finish() {
	if b.open {
		fmt.Fprintln(b.w)
		b.open = false
	}
}
