package cortex

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/retina"
	"github.com/neurocortex/neurocortex/tensor"
)

// V1 is primary visual cortex: a Gabor-initialised convolution over the
// LGN-like retinal maps, read out as simple cells (the rectified responses
// of both signs, so the quadrature pairs give four phases) and complex
// cells (the phase-invariant amplitude sqrt(even^2 + odd^2) of each pair),
// all divided by the pooled activity of their neighbourhood (divisive
// normalisation, Heeger 1992).
//
// With colour input the bank appears three times: on the parasol
// (luminance) maps, on the L-M midget maps and on the S-(L+M) midget maps;
// the latter two are double-opponent cells, opponent in both space (the
// Gabor's lobes) and colour (the midget's cone opponency). For grey input
// the bank reads the midget maps, and the parasol maps at half weight
// (V1 receives both the parvo- and the magnocellular streams).
type V1 struct {
	Weight *autodiff.Var // [G, Cin, S, S], quadrature pairs at (2k, 2k+1)
	Norm   ops.DivNormParams
	bank   GaborBank
}

// V1Out holds V1's cell populations for one batch.
type V1Out struct {
	Simple  *autodiff.Var // [B, 2G, H, W]: relu(y) channels, then relu(-y)
	Complex *autodiff.Var // [B, G/2, H, W]
	Out     *autodiff.Var // normalised [Simple, Complex], [B, 2G + G/2, H, W]
}

// newV1 builds V1 over cin retinal channels laid out as retina.Maps.P
// followed by retina.Maps.M.
func newV1(cfg *Config, colour bool, cin int) (*V1, error) {
	bank := cfg.gaborBank()
	f, err := bank.Filters()
	if err != nil {
		return nil, err
	}
	nb, s := bank.Len(), bank.Size
	groups := 1
	if colour {
		groups = 3
	}
	w := tensor.New(groups*nb, cin, s, s)
	// Channel layout of the input (see retina.Maps): grey [P_ON, P_OFF,
	// M_ON, M_OFF]; colour [LM_ON, S_ON, LM_OFF, S_OFF, M_ON, M_OFF].
	type pair struct {
		group, on, off int
		gain           float32
	}
	var targets []pair
	if colour {
		targets = []pair{{0, 4, 5, 1}, {1, 0, 2, 1}, {2, 1, 3, 1}}
	} else {
		targets = []pair{{0, 0, 1, 1}, {0, 2, 3, 0.5}}
	}
	plane := s * s
	for _, tg := range targets {
		for i := 0; i < nb; i++ {
			o := tg.group*nb + i
			src := f.Data()[i*plane : (i+1)*plane]
			on := w.Data()[(o*cin+tg.on)*plane:]
			off := w.Data()[(o*cin+tg.off)*plane:]
			for j, v := range src {
				on[j] = tg.gain * v
				off[j] = -tg.gain * v
			}
		}
	}
	p := autodiff.Param(w, "v1.weight")
	p.SetRequiresGrad(cfg.GaborLearnable)
	return &V1{Weight: p, Norm: ops.DivNormParams{Size: 5, Sigma: float32(cfg.V1NormSigma), Exponent: 1}, bank: bank}, nil
}

// Params returns the Gabor-initialised weight (frozen unless
// Config.GaborLearnable).
func (v *V1) Params() []*autodiff.Var { return []*autodiff.Var{v.Weight} }

// Forward runs V1 on retinal maps x [B, Cin, H, W].
func (v *V1) Forward(tp *autodiff.Tape, x *autodiff.Var) (*V1Out, error) {
	if cin := v.Weight.Value.Dim(1); x.Value.Dims() != 4 || x.Value.Dim(1) != cin {
		return nil, fmt.Errorf("cortex: V1: input shape %v, want [B,%d,H,W]", x.Value.Shape(), cin)
	}
	s := v.Weight.Value.Dim(2)
	y := tp.Conv2d(x, v.Weight, nil, ops.Conv2dParams{PadH: s / 2, PadW: s / 2})
	simple := retina.OnOff(tp, y)
	cx := quadratureAmplitude(tp, y)
	out := tp.DivisiveNorm(tp.Concat([]*autodiff.Var{simple, cx}, 1), v.Norm)
	return &V1Out{Simple: simple, Complex: cx, Out: out}, nil
}

// quadratureAmplitude returns a = sqrt(e^2 + o^2 + eps) for the
// consecutive channel pairs (e, o) of y [B, 2P, H, W]: [B, P, H, W], the
// phase-invariant amplitude of a quadrature pair (the square root of its
// energy), as one op. eps keeps the gradient e/a, o/a finite where both
// vanish. Order: float32(e*e) + float32(o*o), + eps, correctly rounded
// square root.
func quadratureAmplitude(tp *autodiff.Tape, y *autodiff.Var) *autodiff.Var {
	const eps = 1e-4
	v := y.Value
	b, c, h, w := v.Dim(0), v.Dim(1), v.Dim(2), v.Dim(3)
	hw := h * w
	out := tensor.Empty(b, c/2, h, w) // every element written
	src, dst := v.Data(), out.Data()
	pairs := b * c / 2
	eachPlanes(pairs, hw, func(i int) { // the pairs are independent
		e, o := src[2*i*hw:(2*i+1)*hw], src[(2*i+1)*hw:(2*i+2)*hw]
		a := dst[i*hw : (i+1)*hw]
		for j := range a {
			s := float32(e[j]*e[j]) + float32(o[j]*o[j])
			a[j] = float32(math.Sqrt(float64(s + eps)))
		}
	})
	return tp.CustomOwned("QuadratureAmplitude", out, func(gy *tensor.Tensor) []*tensor.Tensor {
		gx := tensor.Empty(v.Shape()...) // every element written
		g, d := gy.Data(), gx.Data()
		eachPlanes(pairs, hw, func(i int) {
			e, o := src[2*i*hw:(2*i+1)*hw], src[(2*i+1)*hw:(2*i+2)*hw]
			a, ga := dst[i*hw:(i+1)*hw], g[i*hw:(i+1)*hw]
			de, do := d[2*i*hw:(2*i+1)*hw], d[(2*i+1)*hw:(2*i+2)*hw]
			for j := range a {
				r := ga[j] / a[j]
				de[j] = r * e[j]
				do[j] = r * o[j]
			}
		})
		return []*tensor.Tensor{gx}
	}, y)
}

// eachPlanes calls f(i) for i < n, planes of size elements each, in
// parallel groups of about 32K elements: for elementwise loops over
// independent planes, whose results do not depend on the grouping.
func eachPlanes(n, size int, f func(i int)) {
	per := max(1, (32<<10)/max(size, 1))
	blas.ParallelFor((n+per-1)/per, func(k int) {
		for i := k * per; i < min(n, (k+1)*per); i++ {
			f(i)
		}
	})
}
