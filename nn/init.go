package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/tensor"
)

// Initialisers fill a tensor in place from an explicit generator, one draw
// per element in row-major order (normal draws by tensor.Normal, which
// gives the same bits on every platform). The scale is computed in float64
// and rounded once to float32.

// Fans returns the fan-in and fan-out of a weight of the given shape:
// [out, in] for a linear layer, [out, in/groups, kh, kw...] for a
// convolution (fan-in in*kh*kw, fan-out out*kh*kw). A 1-d shape has both
// equal to its size.
func Fans(shape []int) (fanIn, fanOut int) {
	switch len(shape) {
	case 0:
		return 1, 1
	case 1:
		return shape[0], shape[0]
	}
	rf := 1
	for _, d := range shape[2:] {
		rf *= d
	}
	return shape[1] * rf, shape[0] * rf
}

// Gain returns the recommended gain for a nonlinearity, as PyTorch's
// calculate_gain: "linear", "sigmoid", "conv": 1; "tanh": 5/3; "relu":
// sqrt(2); "leaky_relu" with slope a: sqrt(2/(1+a^2)); "selu": 3/4.
func Gain(nonlinearity string, slope float64) float64 {
	switch nonlinearity {
	case "linear", "identity", "sigmoid", "conv":
		return 1
	case "tanh":
		return 5.0 / 3
	case "relu":
		return math.Sqrt2
	case "leaky_relu":
		return math.Sqrt(2 / (1 + slope*slope))
	case "selu":
		return 0.75
	}
	panic(fmt.Sprintf("nn: Gain: unknown nonlinearity %q", nonlinearity))
}

// fillNormal sets every element to std times a standard normal draw.
func fillNormal(rng *rand.Rand, t *tensor.Tensor, std float64) {
	s := float32(std)
	d := t.Data()
	for i := range d {
		d[i] = float32(s * float32(tensor.Normal(rng)))
	}
}

// fillUniform sets every element uniform in [-bound, bound).
func fillUniform(rng *rand.Rand, t *tensor.Tensor, bound float64) {
	b := float32(bound)
	w := 2 * b
	d := t.Data()
	for i := range d {
		d[i] = -b + float32(w*rng.Float32())
	}
}

// KaimingNormal fills t with N(0, std^2), std = gain/sqrt(fanIn) (He et
// al. 2015; gain sqrt(2) for ReLU). fanIn is taken from t's shape (Fans).
func KaimingNormal(rng *rand.Rand, t *tensor.Tensor, gain float64) {
	fanIn, _ := Fans(t.Shape())
	fillNormal(rng, t, gain/math.Sqrt(float64(fanIn)))
}

// KaimingUniform fills t with U(-b, b), b = gain*sqrt(3/fanIn), the
// uniform law with Kaiming's variance.
func KaimingUniform(rng *rand.Rand, t *tensor.Tensor, gain float64) {
	fanIn, _ := Fans(t.Shape())
	fillUniform(rng, t, gain*math.Sqrt(3/float64(fanIn)))
}

// XavierNormal fills t with N(0, std^2), std = gain*sqrt(2/(fanIn+fanOut))
// (Glorot & Bengio 2010).
func XavierNormal(rng *rand.Rand, t *tensor.Tensor, gain float64) {
	fanIn, fanOut := Fans(t.Shape())
	fillNormal(rng, t, gain*math.Sqrt(2/float64(fanIn+fanOut)))
}

// XavierUniform fills t with U(-b, b), b = gain*sqrt(6/(fanIn+fanOut)).
func XavierUniform(rng *rand.Rand, t *tensor.Tensor, gain float64) {
	fanIn, fanOut := Fans(t.Shape())
	fillUniform(rng, t, gain*math.Sqrt(6/float64(fanIn+fanOut)))
}

// Uniform fills t with U(-bound, bound).
func Uniform(rng *rand.Rand, t *tensor.Tensor, bound float64) { fillUniform(rng, t, bound) }

// Normal fills t with N(0, std^2).
func Normal(rng *rand.Rand, t *tensor.Tensor, std float64) { fillNormal(rng, t, std) }
