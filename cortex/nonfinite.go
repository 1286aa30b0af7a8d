package cortex

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/tensor"
)

// nonFinite describes what is not finite after a step's backward pass
// (the loss, or the gradient of the first such parameter), or returns ""
// when all is finite. The gradient norm is one pass over the gradients;
// only when it is not finite (a NaN, an Inf, or finite gradients whose
// float32 sums of squares overflow) are the gradients looked at one by one.
func (tr *Trainer) nonFinite(loss float64) string {
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return fmt.Sprintf("loss is %v", loss)
	}
	ps := tr.Opt.Params()
	if norm := nn.GradNorm(ps); !math.IsNaN(norm) && !math.IsInf(norm, 0) {
		return ""
	}
	for _, p := range ps {
		if p.Grad != nil && !autodiff.IsFinite(p.Grad) {
			return fmt.Sprintf("gradient of %s is not finite", p.Name)
		}
	}
	return ""
}

// saveBuffers copies the batch-normalisation statistics, which a training
// forward pass updates in place, so that a step that fails can put them
// back (restoreBuffers).
func (tr *Trainer) saveBuffers() {
	bs := tr.Sys.Buffers()
	if len(tr.bufs) != len(bs) {
		tr.bufs = make([][]float32, len(bs))
	}
	for i, b := range bs {
		tr.bufs[i] = append(tr.bufs[i][:0], b.Value.Data()...)
	}
}

func (tr *Trainer) restoreBuffers() {
	for i, b := range tr.Sys.Buffers() {
		copy(b.Value.Data(), tr.bufs[i])
	}
}

// diagnoseNonFinite returns the error of a step whose loss or gradients
// are not finite (what says which). It runs the step's forward pass again,
// with the same input and noise, on a tape that checks every op's output
// (autodiff Tape.CheckFinite) and, if the forward pass is finite, the
// backward pass too, to name the first op, and so the first area, that
// produced a NaN or an Inf. The parameters are untouched; the batch
// statistics are restored to those before the step.
func (tr *Trainer) diagnoseNonFinite(what string, x *tensor.Tensor, tg Targets) error {
	tr.restoreBuffers()
	defer tr.restoreBuffers()
	where := fmt.Sprintf("%s (global step %d)", tr.Position(), tr.globalStep()+1)
	tp := autodiff.NewTape()
	tp.CheckFinite = true
	cause := tp.Err()
	out, err := tr.Sys.Forward(tp, x, tensor.NewRNG(tr.Opts.Seed, stepStream(tr.Epoch, tr.Step)))
	if err == nil {
		var loss *autodiff.Var
		if loss, err = tr.Sys.Loss(tp, out, tg); err == nil {
			if cause = tp.Err(); cause == nil {
				tr.Opt.ZeroGrad()
				err = tp.Backward(loss)
				cause = tp.Err()
			}
		}
	}
	if cause == nil && err != nil {
		cause = err
	}
	if cause == nil {
		return fmt.Errorf("cortex: %s at %s; checking every op of the step again found no non-finite value", what, where)
	}
	var nf *autodiff.NonFiniteError
	if errors.As(cause, &nf) {
		area, _, _ := strings.Cut(nf.Scope, "/")
		if area == "" {
			area = "loss (outside the areas)" // System.Loss is unscoped
		}
		pass := "forward"
		if nf.Backward {
			pass = "backward"
		}
		return fmt.Errorf("cortex: %s at %s: first non-finite value in the %s pass of area %s: %w", what, where, pass, area, cause)
	}
	return fmt.Errorf("cortex: %s at %s: %w", what, where, cause)
}
