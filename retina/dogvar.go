package retina

import (
	"math"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// DoGParams holds a DoG receptive field as learnable parameters: the log
// widths of centre and surround (so that both stay positive) and the
// integrated surround gain. Kernel builds the kernel from them on a tape,
// so gradients reach the widths and the gain through the Gaussians.
type DoGParams struct {
	LogSigmaCenter   *autodiff.Var // [1]
	LogSigmaSurround *autodiff.Var // [1]
	Gain             *autodiff.Var // [1]
	size             int
	r2               *tensor.Tensor // squared radius, [size, size]
}

// NewDoGParams returns parameters initialised from d (which must be valid),
// named prefix+".log_sigma_center" and so on.
func NewDoGParams(d DoG, prefix string) *DoGParams {
	if err := d.Validate(); err != nil {
		panic(err)
	}
	s := d.KernelSize()
	return &DoGParams{
		LogSigmaCenter:   autodiff.Param(tensor.Full(float32(math.Log(d.SigmaCenter)), 1), prefix+".log_sigma_center"),
		LogSigmaSurround: autodiff.Param(tensor.Full(float32(math.Log(d.SigmaSurround)), 1), prefix+".log_sigma_surround"),
		Gain:             autodiff.Param(tensor.Full(float32(d.SurroundGain), 1), prefix+".surround_gain"),
		size:             s,
		r2:               SquaredRadius(s),
	}
}

// Size returns the kernel side.
func (p *DoGParams) Size() int { return p.size }

// Params returns the learnable parameters.
func (p *DoGParams) Params() []*autodiff.Var {
	return []*autodiff.Var{p.LogSigmaCenter, p.LogSigmaSurround, p.Gain}
}

// Kernel returns the ON-centre kernel [size, size] on the tape:
// Gc/sum(Gc) - Gain*Gs/sum(Gs), G = exp(-r^2 / (2 sigma^2)).
func (p *DoGParams) Kernel(tp *autodiff.Tape) *autodiff.Var {
	gc, gs := p.Gaussians(tp)
	return tp.Sub(gc, tp.Mul(p.Gain, gs))
}

// Gaussians returns the unit-sum centre and surround Gaussians [size,
// size] on the tape (for colour-opponent fields, whose centre and surround
// read different cones).
func (p *DoGParams) Gaussians(tp *autodiff.Tape) (center, surround *autodiff.Var) {
	r2 := autodiff.Const(p.r2)
	return gaussianVar(tp, r2, p.LogSigmaCenter), gaussianVar(tp, r2, p.LogSigmaSurround)
}

// gaussianVar returns exp(-r2 * exp(-2 logSigma) / 2) normalised to unit sum.
func gaussianVar(tp *autodiff.Tape, r2, logSigma *autodiff.Var) *autodiff.Var {
	invVar := tp.Exp(tp.MulScalar(logSigma, -2)) // 1/sigma^2
	g := tp.Exp(tp.Mul(r2, tp.MulScalar(invVar, -0.5)))
	return tp.Div(g, tp.Sum(g, nil, false))
}

// Value returns the current parameters as a DoG (for reports and tests).
func (p *DoGParams) Value() DoG {
	return DoG{
		SigmaCenter:   math.Exp(float64(p.LogSigmaCenter.Value.Data()[0])),
		SigmaSurround: math.Exp(float64(p.LogSigmaSurround.Value.Data()[0])),
		SurroundGain:  float64(p.Gain.Value.Data()[0]),
		Size:          p.size,
	}
}
