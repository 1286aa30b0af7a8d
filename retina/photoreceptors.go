package retina

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Photoreceptors adapt to light with the Naka-Rushton (Hill) function
//
//	R = I^n / (I^n + sigma^n),
//
// one learnable half-saturation sigma and exponent n per channel (cone
// class, or the single luminance channel of grey input). It is computed in
// the equivalent, overflow-free form R = sigmoid(n (log I - log sigma)),
// with I = x + DarkLight so that darkness has a finite logarithm. In
// training, photon (shot) noise with variance proportional to the light,
// x + Noise*sqrt(x)*N(0,1) clipped at 0, is added first from a seeded
// generator.
type Photoreceptors struct {
	LogSigma *autodiff.Var // [1, C, 1, 1], log of the half-saturation intensity
	N        *autodiff.Var // [1, C, 1, 1], the Hill exponent n
	Noise    float64       // relative photon noise in training; 0 is off
}

// DarkLight is the intensity added to every input before the logarithm
// (the dark noise of the photoreceptor).
const DarkLight = 1e-3

// NewPhotoreceptors returns photoreceptors for c channels with sigma = 0.5
// and n = 1 (light in [0, 1]).
func NewPhotoreceptors(c int, noise float64) *Photoreceptors {
	if c < 1 {
		panic(fmt.Sprintf("retina: NewPhotoreceptors(%d channels)", c))
	}
	return &Photoreceptors{
		LogSigma: autodiff.Param(tensor.Full(float32(math.Log(0.5)), 1, c, 1, 1), "photoreceptors.log_sigma"),
		N:        autodiff.Param(tensor.Full(1, 1, c, 1, 1), "photoreceptors.n"),
		Noise:    noise,
	}
}

// Params returns the learnable parameters.
func (p *Photoreceptors) Params() []*autodiff.Var { return []*autodiff.Var{p.LogSigma, p.N} }

// Forward returns the adapted responses [N, C, H, W] of light x [N, C, H, W]
// (linear intensities, >= 0). A non-nil rng means training: photon noise is
// drawn from it. x itself needs no gradient.
func (p *Photoreceptors) Forward(tp *autodiff.Tape, x *tensor.Tensor, rng *rand.Rand) (*autodiff.Var, error) {
	if c := p.LogSigma.Value.Dim(1); x.Dims() != 4 || x.Dim(1) != c {
		return nil, fmt.Errorf("retina: Photoreceptors: input shape %v, want [N,%d,H,W]", x.Shape(), c)
	}
	// The intermediate tensors are this function's own: their storage goes
	// back to the pool (tensor.Release) as soon as they are used.
	light := x
	if rng != nil && p.Noise > 0 {
		light = PhotonNoise(x, p.Noise, rng)
	}
	shifted := ops.AddScalar(light, DarkLight)
	if light != x {
		light.Release()
	}
	logI := ops.Log(shifted)
	shifted.Release()
	return tp.Sigmoid(tp.Mul(tp.Sub(autodiff.Const(logI), p.LogSigma), p.N)), nil
}

// PhotonNoise returns max(0, x + noise*sqrt(max(x,0))*z): shot noise whose
// variance grows with the light. z has mean 0 and variance 1 and is nearly
// normal: the Irwin-Hall sum of the four 16-bit quarters of one
// rng.Uint64 draw per element (row-major order), centred and scaled,
// which costs a fraction of a true normal deviate and is exact integer
// arithmetic up to one rounding.
func PhotonNoise(x *tensor.Tensor, noise float64, rng *rand.Rand) *tensor.Tensor {
	out := tensor.Empty(x.Shape()...) // every element written
	dst := out.Data()
	s := float32(noise)
	const scale = float32(1.7320508075688772 / 65536) // sqrt(12/4) per unit of 1/65536
	for i, v := range x.Data() {
		if v < 0 {
			v = 0
		}
		u := rng.Uint64()
		sum := int32(u&0xffff) + int32(u>>16&0xffff) + int32(u>>32&0xffff) + int32(u>>48)
		// sum of (q + 1/2) minus its mean 2*65536, in units of 1/65536: exact.
		z := float32(sum-131070) * scale
		y := v + float32(float32(s*float32(math.Sqrt(float64(v))))*z)
		if y < 0 {
			y = 0
		}
		dst[i] = y
	}
	return out
}
