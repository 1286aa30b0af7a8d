package ops

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// Elementwise unary functions and their gradients. Transcendentals come
// from simd (the project's own polynomials, the same bits everywhere); each
// backward rounds every product to float32 in the order its comment gives,
// written so that no compiler can fuse it into an FMA.
//
// Subgradients at kinks: ReLU and Abs take 0 at x = 0, LeakyReLU takes the
// slope at x = 0, Clamp passes the gradient on the closed interval
// lo <= x <= hi (PyTorch's choice).

// ewUnary returns f applied to x's data as a new tensor, in chunks on the
// worker pool (f is elementwise and writes every element of dst).
func ewUnary(x *tensor.Tensor, f func(dst, src []float32)) *tensor.Tensor {
	out := tensor.Empty(x.Shape()...)
	od, xd := out.Data(), x.Data()
	ewParallel(len(xd), func(lo, hi int) { f(od[lo:hi], xd[lo:hi]) })
	return out
}

// ewGrad panics unless a and gy have the same shape, and returns the
// gradient f(gx, a, gy) computed in chunks on the worker pool (f is
// elementwise and writes every element of gx).
func ewGrad(op string, a, gy *tensor.Tensor, f func(gx, a, gy []float32)) *tensor.Tensor {
	ewCheckShapes(op, a, gy)
	gx := tensor.Empty(a.Shape()...)
	gd, ad, g := gx.Data(), a.Data(), gy.Data()
	ewParallel(len(ad), func(lo, hi int) { f(gd[lo:hi], ad[lo:hi], g[lo:hi]) })
	return gx
}

// ewGradShapes panics unless a and gy have the same shape, and returns a new
// zero tensor of that shape for the gradient.
func ewGradShapes(op string, a, gy *tensor.Tensor) *tensor.Tensor {
	ewCheckShapes(op, a, gy)
	return tensor.New(a.Shape()...)
}

func ewCheckShapes(op string, a, gy *tensor.Tensor) {
	if !tensor.SameShape(a.Shape(), gy.Shape()) {
		panic(fmt.Sprintf("ops: %s: gradient shape %v for input %v", op, gy.Shape(), a.Shape()))
	}
}

// ReLU returns max(x, 0); NaN propagates and -0 stays -0.
func ReLU(x *tensor.Tensor) *tensor.Tensor { return ewUnary(x, simd.ReluTo) }

// ReLUBackward returns gy where x > 0 and +0 elsewhere (at x = 0 and for
// NaN x; simd.ReluGradTo).
func ReLUBackward(x, gy *tensor.Tensor) *tensor.Tensor {
	return ewGrad("ReLUBackward", x, gy, simd.ReluGradTo)
}

// LeakyReLU returns x where x > 0 and slope*x elsewhere.
func LeakyReLU(x *tensor.Tensor, slope float32) *tensor.Tensor {
	return ewUnary(x, func(dst, src []float32) {
		for i, v := range src {
			if !(v > 0) {
				v *= slope
			}
			dst[i] = v
		}
	})
}

// LeakyReLUBackward returns gy where x > 0 and gy*slope elsewhere (slope at
// x = 0).
func LeakyReLUBackward(x, gy *tensor.Tensor, slope float32) *tensor.Tensor {
	return ewGrad("LeakyReLUBackward", x, gy, func(gd, xd, g []float32) {
		for i, v := range xd {
			if v > 0 {
				gd[i] = g[i]
			} else {
				gd[i] = g[i] * slope
			}
		}
	})
}

// Sigmoid returns 1/(1+exp(-x)) (simd.Sigmoid).
func Sigmoid(x *tensor.Tensor) *tensor.Tensor { return ewUnary(x, simd.SigmoidTo) }

// SigmoidBackward returns gy*(y*(1-y)) from the forward output y, rounding
// 1-y, then y*(1-y), then the product with gy.
func SigmoidBackward(y, gy *tensor.Tensor) *tensor.Tensor {
	return ewGrad("SigmoidBackward", y, gy, func(gd, yd, g []float32) {
		for i, v := range yd {
			d := v * (1 - v)
			gd[i] = g[i] * d
		}
	})
}

// Tanh returns tanh(x) (simd.Tanh).
func Tanh(x *tensor.Tensor) *tensor.Tensor { return ewUnary(x, simd.TanhTo) }

// TanhBackward returns gy*(1-y*y) from the forward output y, rounding y*y,
// then 1-y*y, then the product with gy.
func TanhBackward(y, gy *tensor.Tensor) *tensor.Tensor {
	return ewGrad("TanhBackward", y, gy, func(gd, yd, g []float32) {
		for i, v := range yd {
			d := 1 - float32(v*v)
			gd[i] = g[i] * d
		}
	})
}

// Softplus returns log(1+exp(x)) (simd.Softplus).
func Softplus(x *tensor.Tensor) *tensor.Tensor { return ewUnary(x, simd.SoftplusTo) }

// SoftplusBackward returns gy*sigmoid(x).
func SoftplusBackward(x, gy *tensor.Tensor) *tensor.Tensor {
	return ewGrad("SoftplusBackward", x, gy, func(gd, xd, g []float32) {
		simd.SigmoidTo(gd, xd)
		simd.MulTo(gd, gd, g)
	})
}

// Exp returns exp(x) (simd.Exp).
func Exp(x *tensor.Tensor) *tensor.Tensor { return ewUnary(x, simd.ExpTo) }

// ExpBackward returns gy*y from the forward output y.
func ExpBackward(y, gy *tensor.Tensor) *tensor.Tensor {
	return ewGrad("ExpBackward", y, gy, func(gd, yd, g []float32) { simd.MulTo(gd, g, yd) })
}

// Log returns the natural logarithm (simd.Log): -Inf at ±0, NaN below 0.
func Log(x *tensor.Tensor) *tensor.Tensor { return ewUnary(x, simd.LogTo) }

// LogBackward returns gy/x.
func LogBackward(x, gy *tensor.Tensor) *tensor.Tensor {
	return ewGrad("LogBackward", x, gy, func(gd, xd, g []float32) { simd.DivTo(gd, g, xd) })
}

// Sqrt returns the correctly rounded square root: NaN below 0.
func Sqrt(x *tensor.Tensor) *tensor.Tensor { return ewUnary(x, simd.SqrtTo) }

// SqrtBackward returns gy/(2y) from the forward output y (+Inf where y = 0
// and gy > 0, as in PyTorch).
func SqrtBackward(y, gy *tensor.Tensor) *tensor.Tensor {
	return ewGrad("SqrtBackward", y, gy, func(gd, yd, g []float32) {
		for i, v := range yd {
			gd[i] = g[i] / (v + v)
		}
	})
}

// Abs returns |x|.
func Abs(x *tensor.Tensor) *tensor.Tensor { return ewUnary(x, simd.AbsTo) }

// AbsBackward returns gy*sign(x), with sign(0) = 0.
func AbsBackward(x, gy *tensor.Tensor) *tensor.Tensor {
	return ewGrad("AbsBackward", x, gy, func(gd, xd, g []float32) {
		for i, v := range xd {
			switch {
			case v > 0:
				gd[i] = g[i]
			case v < 0:
				gd[i] = -g[i]
			default:
				gd[i] = 0
			}
		}
	})
}

// Clamp returns min(max(x, lo), hi); NaN propagates. It panics if lo > hi.
func Clamp(x *tensor.Tensor, lo, hi float32) *tensor.Tensor {
	if lo > hi {
		panic(fmt.Sprintf("ops: Clamp: lo %g > hi %g for shape %v", lo, hi, x.Shape()))
	}
	return ewUnary(x, func(dst, src []float32) {
		for i, v := range src {
			if v < lo {
				v = lo
			} else if v > hi {
				v = hi
			}
			dst[i] = v
		}
	})
}

// ClampBackward returns gy where lo <= x <= hi and 0 elsewhere.
func ClampBackward(x, gy *tensor.Tensor, lo, hi float32) *tensor.Tensor {
	return ewGrad("ClampBackward", x, gy, func(gd, xd, g []float32) {
		for i, v := range xd {
			gd[i] = 0
			if v >= lo && v <= hi {
				gd[i] = g[i]
			}
		}
	})
}

// Pow returns x**p elementwise with the scalar function ewPow.
func Pow(x *tensor.Tensor, p float32) *tensor.Tensor {
	return ewUnary(x, func(dst, src []float32) {
		for i, v := range src {
			dst[i] = ewPow(v, p)
		}
	})
}

// PowBackward returns gy*(p*x**(p-1)), rounding x**(p-1) (ewPow), then the
// product with p, then the product with gy. The gradient is 0 where p = 0.
func PowBackward(x, gy *tensor.Tensor, p float32) *tensor.Tensor {
	return ewGrad("PowBackward", x, gy, func(gd, xd, g []float32) {
		if p == 0 {
			clear(gd)
			return
		}
		for i, v := range xd {
			d := p * ewPow(v, p-1)
			gd[i] = g[i] * d
		}
	})
}

// ewPow returns x**p in float32, the same bits everywhere:
//
//   - p = 0: 1 (even for NaN x), p = 1: x, p = 0.5: Sqrt(x);
//   - p an integer with |p| < 2^31: binary powering of x by |p| from the
//     most significant bit down (r = r*r, then r = r*x where the bit is
//     set), each product rounded, then 1/r if p < 0;
//   - otherwise x < 0 gives NaN, x = 0 gives 0 (p > 0) or +Inf (p < 0), and
//     x > 0 gives Exp(p*Log(x)); its error grows with |p*log(x)| (about
//     that many float32 ulps relative to 1).
func ewPow(x, p float32) float32 {
	switch p {
	case 0:
		return 1
	case 1:
		return x
	case 0.5:
		return simd.Sqrt(x)
	}
	if p == float32(math.Trunc(float64(p))) && math.Abs(float64(p)) < 1<<31 {
		n := int64(p)
		neg := n < 0
		if neg {
			n = -n
		}
		r := x
		for b := 62 - bits.LeadingZeros64(uint64(n)); b >= 0; b-- {
			r *= r
			if n>>uint(b)&1 == 1 {
				r *= x
			}
		}
		if neg {
			r = 1 / r
		}
		return r
	}
	switch {
	case x != x || p != p:
		return float32(math.NaN())
	case x < 0:
		return float32(math.NaN())
	case x == 0:
		if p > 0 {
			return 0
		}
		return float32(math.Inf(1))
	}
	return simd.Exp(p * simd.Log(x))
}
