package retina

import (
	"github.com/neurocortex/neurocortex/internal/fmath"

	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// DoG describes a centre-surround receptive field as a difference of two
// concentric Gaussians, each normalised to unit sum over the kernel:
//
//	K = Gc/sum(Gc) - SurroundGain * Gs/sum(Gs)
//
// so the integrated surround is SurroundGain times the integrated centre,
// whatever the truncation. K is the ON-centre field; the OFF field is -K.
// Widths are standard deviations in pixels.
type DoG struct {
	SigmaCenter   float64 // centre width, pixels (> 0)
	SigmaSurround float64 // surround width, pixels (> SigmaCenter)
	SurroundGain  float64 // integrated surround / centre, in [0, 1]; 0.55 by default
	Size          int     // odd kernel side; 0 chooses 2*ceil(2*SigmaSurround)+1
}

// DefaultSurroundGain is the integrated surround/centre gain of primate
// midget and parasol cells (Croner & Kaplan 1995 report about 0.55).
const DefaultSurroundGain = 0.55

// DefaultDoG returns the DoG used for 28-pixel MNIST digits: a centre of
// 0.75 px and a surround of 2 px on a 9x9 kernel.
func DefaultDoG() DoG {
	return DoG{SigmaCenter: 0.75, SigmaSurround: 2, SurroundGain: DefaultSurroundGain, Size: 9}
}

// KernelSize returns Size, or the automatic size when Size is 0.
func (d DoG) KernelSize() int {
	if d.Size != 0 {
		return d.Size
	}
	return 2*int(math.Ceil(2*d.SigmaSurround)) + 1
}

// Validate reports the first field that is out of range.
func (d DoG) Validate() error {
	switch {
	case !(d.SigmaCenter > 0) || math.IsInf(d.SigmaCenter, 0):
		return fmt.Errorf("retina: DoG.SigmaCenter = %v, want a finite width > 0", d.SigmaCenter)
	case !(d.SigmaSurround > d.SigmaCenter) || math.IsInf(d.SigmaSurround, 0):
		return fmt.Errorf("retina: DoG.SigmaSurround = %v, want a finite width > SigmaCenter (%v)", d.SigmaSurround, d.SigmaCenter)
	case !(d.SurroundGain >= 0 && d.SurroundGain <= 1):
		return fmt.Errorf("retina: DoG.SurroundGain = %v, want a value in [0, 1]", d.SurroundGain)
	case d.Size < 0 || d.Size != 0 && d.Size%2 == 0 || d.Size > 255:
		return fmt.Errorf("retina: DoG.Size = %d, want 0 (automatic) or an odd side up to 255", d.Size)
	case d.Size == 0 && d.KernelSize() > 255:
		return fmt.Errorf("retina: DoG.SigmaSurround = %v gives a kernel wider than 255", d.SigmaSurround)
	}
	return nil
}

// Kernel returns the ON-centre kernel [S,S] (S = KernelSize()).
func (d DoG) Kernel() (*tensor.Tensor, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	s := d.KernelSize()
	gc := gaussian64(s, d.SigmaCenter)
	gs := gaussian64(s, d.SigmaSurround)
	out := tensor.New(s, s)
	for i := range out.Data() {
		out.Data()[i] = float32(gc[i] - float64(d.SurroundGain*gs[i]))
	}
	return out, nil
}

// GaussianKernel returns a [size,size] Gaussian of standard deviation
// sigma pixels centred on the middle cell and normalised to unit sum. It
// panics on an even or non-positive size or a non-positive sigma.
func GaussianKernel(size int, sigma float64) *tensor.Tensor {
	g := gaussian64(size, sigma)
	out := tensor.New(size, size)
	for i, v := range g {
		out.Data()[i] = float32(v)
	}
	return out
}

// SquaredRadius returns the [size,size] tensor of squared distances from
// the centre cell, the input of a Gaussian built on a tape.
func SquaredRadius(size int) *tensor.Tensor {
	if size <= 0 || size%2 == 0 {
		panic(fmt.Sprintf("retina: SquaredRadius(%d): want an odd positive size", size))
	}
	out := tensor.New(size, size)
	c := size / 2
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			out.Data()[y*size+x] = float32((y-c)*(y-c) + (x-c)*(x-c))
		}
	}
	return out
}

// gaussian64 returns a unit-sum Gaussian in float64, row-major.
func gaussian64(size int, sigma float64) []float64 {
	if size <= 0 || size%2 == 0 || !(sigma > 0) {
		panic(fmt.Sprintf("retina: Gaussian(size %d, sigma %v): want an odd positive size and sigma > 0", size, sigma))
	}
	g := make([]float64, size*size)
	c := size / 2
	inv := -1 / float64(2*float64(sigma*sigma))
	var sum float64
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			r2 := float64((y-c)*(y-c) + (x-c)*(x-c))
			v := fmath.Exp(float64(r2 * inv))
			g[y*size+x] = v
			sum += v
		}
	}
	for i := range g {
		g[i] /= sum
	}
	return g
}
