package nn

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/simd"
)

// GradNorm returns the global L2 norm of the parameters' gradients: each
// gradient's sum of squares in the canonical order (simd.SumSquares),
// added in parameter order in float64, then the square root. Parameters
// without a gradient count as zero.
func GradNorm(params []*autodiff.Var) float64 {
	var total float64
	for _, p := range params {
		if p.Grad != nil {
			total += float64(simd.SumSquares(p.Grad.Data()))
		}
	}
	return math.Sqrt(total)
}

// ClipGradNorm scales all gradients by maxNorm/(norm+1e-6) when their
// global norm (GradNorm) exceeds maxNorm, as PyTorch's clip_grad_norm_,
// and returns the norm before clipping. A non-finite norm is an error that
// names the first parameter whose gradient is not finite; the gradients
// are then left unchanged.
func ClipGradNorm(params []*autodiff.Var, maxNorm float64) (float64, error) {
	norm := GradNorm(params)
	if math.IsNaN(norm) || math.IsInf(norm, 0) {
		for _, p := range params {
			if p.Grad != nil && !autodiff.IsFinite(p.Grad) {
				return norm, fmt.Errorf("nn: ClipGradNorm: gradient of %s is not finite", p.Name)
			}
		}
		return norm, fmt.Errorf("nn: ClipGradNorm: gradient norm overflows (%v)", norm)
	}
	if norm > maxNorm {
		coef := float32(maxNorm / (norm + 1e-6))
		for _, p := range params {
			if p.Grad != nil {
				simd.Scale(coef, p.Grad.Data())
			}
		}
	}
	return norm, nil
}

// ClipGradValue clamps every gradient element to [-clip, clip].
func ClipGradValue(params []*autodiff.Var, clip float32) {
	for _, p := range params {
		if p.Grad == nil {
			continue
		}
		d := p.Grad.Data()
		for i, v := range d {
			if v > clip {
				d[i] = clip
			} else if v < -clip {
				d[i] = -clip
			}
		}
	}
}
