package ops

import (
	"fmt"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// Layer normalisation over the trailing normDims dimensions of x, PyTorch
// semantics (biased variance). x is seen as M rows of D elements, D the
// size of the normalised dimensions. Order per row, as in BatchNorm:
//
//	mean   = simd.Sum(row) / D
//	invStd = 1 / Sqrt(simd.SumSquares(row - mean) / D + eps)
//	y      = ((x - mean) * invStd) * gamma + beta, each step rounded

// LayerNorm normalises x over its trailing normDims dimensions and returns
// the output and the per-row mean and inverse standard deviation (shape:
// the leading dimensions of x), which LayerNormBackward needs. gamma and
// beta have the shape of the normalised dimensions and may be nil for
// scale 1 and shift 0.
func LayerNorm(x, gamma, beta *tensor.Tensor, normDims int, eps float32) (y, mean, invStd *tensor.Tensor) {
	lead, d := normLayerDims("LayerNorm", x, gamma, beta, normDims)
	m := tensor.ShapeSize(lead)
	y = tensor.New(x.Shape()...)
	mean, invStd = tensor.New(lead...), tensor.New(lead...)
	xd, yd := x.Data(), y.Data()
	buf := make([]float32, d)
	fd := float32(d)
	for r := 0; r < m; r++ {
		row := xd[r*d : (r+1)*d]
		mu := simd.Sum(row) / fd
		for j, v := range row {
			buf[j] = v - mu
		}
		is := 1 / simd.Sqrt(simd.SumSquares(buf)/fd+eps)
		mean.Data()[r], invStd.Data()[r] = mu, is
		out := yd[r*d : (r+1)*d]
		for j, v := range buf {
			g, b := normAffine(gamma, beta, j)
			xh := v * is
			out[j] = float32(xh*g) + b
		}
	}
	return y, mean, invStd
}

// LayerNormBackward returns the gradients of LayerNorm with respect to x,
// gamma and beta (the latter two shaped like the normalised dimensions,
// computed even when gamma and beta were nil).
//
// Per row, with xhat = (x - mean)*invStd rounded as in the forward pass and
// h = gy*gamma: a = simd.Sum(h), b = simd.Dot(h, xhat) and
//
//	gx = k * ((D*h - a) - xhat*b),  k = invStd / D,
//
// each product and difference rounded in that order. gGamma and gBeta are
// Sum over the leading dimensions of gy*xhat and gy (canonical order).
func LayerNormBackward(x, gamma, mean, invStd, gy *tensor.Tensor, normDims int) (gx, gGamma, gBeta *tensor.Tensor) {
	lead, d := normLayerDims("LayerNormBackward", x, gamma, nil, normDims)
	if !tensor.SameShape(x.Shape(), gy.Shape()) || !tensor.SameShape(mean.Shape(), lead) || !tensor.SameShape(invStd.Shape(), lead) {
		panic(fmt.Sprintf("ops: LayerNormBackward: input %v, gradient %v, mean %v, invStd %v", x.Shape(), gy.Shape(), mean.Shape(), invStd.Shape()))
	}
	m := tensor.ShapeSize(lead)
	fd := float32(d)
	gx = tensor.New(x.Shape()...)
	xhat := tensor.New(m, d)
	xd, gd, gxd, hd := x.Data(), gy.Data(), gx.Data(), xhat.Data()
	h := make([]float32, d)
	for r := 0; r < m; r++ {
		mu, is := mean.Data()[r], invStd.Data()[r]
		xh := hd[r*d : (r+1)*d]
		g := gd[r*d : (r+1)*d]
		for j, v := range xd[r*d : (r+1)*d] {
			xh[j] = (v - mu) * is
			gm, _ := normAffine(gamma, nil, j)
			h[j] = g[j] * gm
		}
		a := simd.Sum(h)
		b := simd.Dot(h, xh)
		k := is / fd
		out := gxd[r*d : (r+1)*d]
		for j, v := range h {
			t := float32(fd*v) - a
			t -= float32(xh[j] * b)
			out[j] = k * t
		}
	}
	tail := x.Shape()[x.Dims()-normDims:]
	gGamma = Sum(Mul(gy.Reshape(m, d), xhat), []int{0}, false).Reshape(tail...)
	gBeta = Sum(gy.Reshape(m, d), []int{0}, false).Reshape(tail...)
	return gx, gGamma, gBeta
}

// normLayerDims checks the arguments of LayerNorm and returns the leading
// shape and the size D of the normalised dimensions.
func normLayerDims(op string, x, gamma, beta *tensor.Tensor, normDims int) (lead []int, d int) {
	sh := x.Shape()
	if normDims < 1 || normDims > len(sh) {
		panic(fmt.Sprintf("ops: %s: %d normalised dimensions for input %v", op, normDims, sh))
	}
	tail := sh[len(sh)-normDims:]
	for _, p := range []*tensor.Tensor{gamma, beta} {
		if p != nil && !tensor.SameShape(p.Shape(), tail) {
			panic(fmt.Sprintf("ops: %s: gamma/beta of shape %v for input %v (want %v)", op, p.Shape(), sh, tail))
		}
	}
	return sh[:len(sh)-normDims], tensor.ShapeSize(tail)
}
