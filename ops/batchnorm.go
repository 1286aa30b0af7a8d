package ops

import (
	"fmt"

	"github.com/neurocortex/neurocortex/blas"
	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// Batch normalisation over every dimension but the channel dimension 1 of
// x [N, C, ...] (so [N, C], [N, C, L] and [N, C, H, W] alike), PyTorch
// semantics.
//
// Order, per channel c, over its cnt = N*H*W elements taken in row-major
// order of (n, h, w):
//
//	mean   = simd.Sum(x) / cnt
//	d      = x - mean (rounded);  ss = simd.SumSquares(d)
//	var    = ss / cnt (biased, used to normalise); unbiased = ss / (cnt-1)
//	invStd = 1 / Sqrt(var + eps)
//	y      = ((x - mean) * invStd) * gamma + beta, each step rounded
//
// and in training the running statistics are updated in place as
// run = (1-momentum)*run + momentum*stat with both products rounded before
// the sum; the running variance takes the unbiased variance. In evaluation
// mean and invStd come from the running statistics instead.

// BatchNorm normalises x with per-channel statistics and returns the output
// and the mean and inverse standard deviation it used (both [C]), which
// BatchNormBackward needs. gamma and beta ([C]) may be nil for scale 1 and
// shift 0. runMean and runVar ([C]) may be nil in training (no running
// statistics are kept) but are required in evaluation. Training with a
// single value per channel panics, as the variance is undefined.
func BatchNorm(x, gamma, beta, runMean, runVar *tensor.Tensor, train bool, momentum, eps float32) (y, mean, invStd *tensor.Tensor) {
	n, c, s := normBatchDims("BatchNorm", x)
	for _, p := range []struct {
		name string
		t    *tensor.Tensor
	}{{"gamma", gamma}, {"beta", beta}, {"running mean", runMean}, {"running var", runVar}} {
		if p.t != nil && (p.t.Dims() != 1 || p.t.Dim(0) != c) {
			panic(fmt.Sprintf("ops: BatchNorm: %s of shape %v for input %v (want [%d])", p.name, p.t.Shape(), x.Shape(), c))
		}
	}
	cnt := n * s
	mean, invStd = tensor.New(c), tensor.New(c)
	md, id := mean.Data(), invStd.Data()
	if train && cnt < 2 {
		panic(fmt.Sprintf("ops: BatchNorm: training needs more than one value per channel, got input %v", x.Shape()))
	}
	if !train && (runMean == nil || runVar == nil) {
		panic(fmt.Sprintf("ops: BatchNorm: evaluation without running statistics for input %v", x.Shape()))
	}
	y = tensor.Empty(x.Shape()...) // every element written
	xd, yd := x.Data(), y.Data()
	fc := float32(cnt)
	normEachChannel(c, cnt, func(ch int, buf []float32) {
		normGatherChannel(buf, xd, n, c, s, ch)
		if train {
			m := simd.Sum(buf) / fc
			simd.AddScalarTo(buf, buf, -m) // x - m, which IEEE 754 defines as x + (-m)
			ss := simd.SumSquares(buf)
			md[ch] = m
			id[ch] = 1 / simd.Sqrt(ss/fc+eps)
			if runMean != nil {
				r := runMean.Data()
				r[ch] = float32((1-momentum)*r[ch]) + float32(momentum*m)
			}
			if runVar != nil {
				r := runVar.Data()
				r[ch] = float32((1-momentum)*r[ch]) + float32(momentum*(ss/float32(cnt-1)))
			}
		} else {
			md[ch] = runMean.Data()[ch]
			id[ch] = 1 / simd.Sqrt(runVar.Data()[ch]+eps)
			simd.AddScalarTo(buf, buf, -md[ch])
		}
		// y = ((x - m)*is)*g + b, each step rounded: one vector pass per
		// step over the whole channel (short planes make short calls),
		// then back into y's planes.
		g, b := normAffine(gamma, beta, ch)
		simd.ScaleTo(buf, buf, id[ch])
		simd.ScaleTo(buf, buf, g)
		simd.AddScalarTo(buf, buf, b)
		normScatterChannel(yd, buf, n, c, s, ch)
	})
	return y, mean, invStd
}

// BatchNormBackward returns the gradients of BatchNorm with respect to x,
// gamma and beta ([C] each, computed even when gamma and beta were nil),
// from the mean and invStd that BatchNorm returned and the same train flag.
//
// Per channel, with xhat = (x - mean)*invStd rounded as in the forward pass,
// gBeta = simd.Sum(gy) and gGamma = simd.Dot(gy, xhat) over the channel's
// elements in (n, h, w) order. In training
//
//	gx = k * ((cnt*gy - gBeta) - xhat*gGamma),  k = (gamma*invStd) / cnt
//
// each product and difference rounded in that order; in evaluation the
// statistics are constants and gx = gy * (gamma*invStd).
func BatchNormBackward(x, gamma, mean, invStd, gy *tensor.Tensor, train bool) (gx, gGamma, gBeta *tensor.Tensor) {
	n, c, s := normBatchDims("BatchNormBackward", x)
	if !tensor.SameShape(x.Shape(), gy.Shape()) || mean.Size() != c || invStd.Size() != c || (gamma != nil && gamma.Size() != c) {
		panic(fmt.Sprintf("ops: BatchNormBackward: input %v, gradient %v, mean %v, invStd %v", x.Shape(), gy.Shape(), mean.Shape(), invStd.Shape()))
	}
	cnt := n * s
	fc := float32(cnt)
	gx, gGamma, gBeta = tensor.Empty(x.Shape()...), tensor.New(c), tensor.New(c) // every element of gx written
	normEachChannel(c, 2*cnt, func(ch int, buf []float32) {
		xb, gb := buf[:cnt], buf[cnt:]
		m, is := mean.Data()[ch], invStd.Data()[ch]
		g, _ := normAffine(gamma, nil, ch)
		normGatherChannel(xb, x.Data(), n, c, s, ch)
		normGatherChannel(gb, gy.Data(), n, c, s, ch)
		simd.AddScalarTo(xb, xb, -m) // xhat = (x - m)*is
		simd.ScaleTo(xb, xb, is)
		sb := simd.Sum(gb)
		sg := simd.Dot(gb, xb)
		gBeta.Data()[ch], gGamma.Data()[ch] = sb, sg
		if train {
			// gx = k*((cnt*gy - sb) - xhat*sg), one vector pass per step.
			k := float32(g*is) / fc
			simd.ScaleTo(xb, xb, sg)
			simd.ScaleTo(gb, gb, fc)
			simd.AddScalarTo(gb, gb, -sb)
			simd.SubTo(gb, gb, xb)
			simd.ScaleTo(gb, gb, k)
		} else {
			simd.ScaleTo(gb, gb, g*is)
		}
		normScatterChannel(gx.Data(), gb, n, c, s, ch)
	})
	return gx, gGamma, gBeta
}

// normEachChannel calls f(ch, buf) for every channel ch < c with a scratch
// buffer of bufLen elements (contents undefined). The channels are
// independent, so large tensors run them in parallel with the same bits.
func normEachChannel(c, bufLen int, f func(ch int, buf []float32)) {
	if c*bufLen < normParallelMin {
		buf := convGetBuf(bufLen)
		defer convPutBuf(buf)
		for ch := 0; ch < c; ch++ {
			f(ch, buf)
		}
		return
	}
	blas.ParallelFor(c, func(ch int) {
		buf := convGetBuf(bufLen)
		defer convPutBuf(buf)
		f(ch, buf)
	})
}

// normParallelMin is the least c*bufLen that normEachChannel runs in
// parallel (a variable for the tests).
var normParallelMin = 1 << 15

// normBatchDims returns N, C and the size of the trailing dimensions of x.
func normBatchDims(op string, x *tensor.Tensor) (n, c, s int) {
	if x.Dims() < 2 {
		panic(fmt.Sprintf("ops: %s: input of shape %v (want [N, C, ...])", op, x.Shape()))
	}
	sh := x.Shape()
	return sh[0], sh[1], tensor.ShapeSize(sh[2:])
}

// normAffine returns gamma[ch] and beta[ch], defaulting to 1 and 0.
func normAffine(gamma, beta *tensor.Tensor, ch int) (g, b float32) {
	g = 1
	if gamma != nil {
		g = gamma.Data()[ch]
	}
	if beta != nil {
		b = beta.Data()[ch]
	}
	return g, b
}

// normGatherChannel copies channel ch of x [n, c, s] into buf in (n, s) order.
func normGatherChannel(buf, x []float32, n, c, s, ch int) {
	for i := 0; i < n; i++ {
		copy(buf[i*s:(i+1)*s], x[(i*c+ch)*s:])
	}
}

// normScatterChannel is the inverse of normGatherChannel.
func normScatterChannel(x, buf []float32, n, c, s, ch int) {
	for i := 0; i < n; i++ {
		copy(x[(i*c+ch)*s:(i*c+ch+1)*s], buf[i*s:(i+1)*s])
	}
}
