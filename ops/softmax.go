package ops

import (
	"fmt"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// Softmax and log-softmax along one axis. Each line along the axis is
// processed on its own (gathered into a contiguous buffer when the axis is
// not the last one), in this order of float32 operations:
//
//	m = max of the line (first maximum; NaN propagates)
//	r[j] = x[j] - m
//	e[j] = simd.Exp(r[j]); s = simd.Sum(e)
//	softmax:     y[j] = e[j] / s
//	log-softmax: y[j] = r[j] - simd.Log(s)

// normLines calls f on every line of length n along axis of tensors of the
// given shape: ins are the inputs' lines, dst the output line, all
// contiguous buffers (views of the data when the axis is the last one).
func normLines(op string, shape []int, axis int, ins [][]float32, out []float32, f func(dst []float32, in ...[]float32)) {
	axis = shapeAxis(op, axis, len(shape))
	n := shape[axis]
	outer := tensor.ShapeSize(shape[:axis])
	inner := tensor.ShapeSize(shape[axis+1:])
	lines := make([][]float32, len(ins))
	if inner == 1 {
		for o := 0; o < outer; o++ {
			for i, d := range ins {
				lines[i] = d[o*n : (o+1)*n]
			}
			f(out[o*n:(o+1)*n], lines...)
		}
		return
	}
	bufs := make([][]float32, len(ins))
	for i := range bufs {
		bufs[i] = make([]float32, n)
	}
	dst := make([]float32, n)
	for o := 0; o < outer; o++ {
		for q := 0; q < inner; q++ {
			base := o*n*inner + q
			for i, d := range ins {
				for j := range n {
					bufs[i][j] = d[base+j*inner]
				}
			}
			f(dst, bufs...)
			for j, v := range dst {
				out[base+j*inner] = v
			}
		}
	}
}

// normLineMax returns the first maximum of a line (NaN propagates).
func normLineMax(x []float32) float32 {
	if len(x) == 0 {
		return 0
	}
	return x[redArgmax(x)]
}

// Softmax returns exp(x)/sum(exp(x)) along axis, max-subtracted.
func Softmax(x *tensor.Tensor, axis int) *tensor.Tensor {
	out := tensor.New(x.Shape()...)
	normLines("Softmax", x.Shape(), axis, [][]float32{x.Data()}, out.Data(), func(dst []float32, in ...[]float32) {
		softmaxLine(dst, in[0])
	})
	return out
}

// softmaxLine writes the softmax of x to dst (which may alias x).
func softmaxLine(dst, x []float32) {
	m := normLineMax(x)
	for j, v := range x {
		dst[j] = v - m
	}
	simd.ExpTo(dst, dst)
	s := simd.Sum(dst)
	for j := range dst {
		dst[j] /= s
	}
}

// SoftmaxBackward returns the gradient of Softmax(x, axis) from its output
// y: gx[j] = y[j]*(gy[j] - d) with d = simd.Dot(gy, y) over the line.
func SoftmaxBackward(y, gy *tensor.Tensor, axis int) *tensor.Tensor {
	gx := ewGradShapes("SoftmaxBackward", y, gy)
	normLines("SoftmaxBackward", y.Shape(), axis, [][]float32{y.Data(), gy.Data()}, gx.Data(), func(dst []float32, in ...[]float32) {
		yl, gl := in[0], in[1]
		d := simd.Dot(gl, yl)
		for j, v := range yl {
			dst[j] = v * (gl[j] - d)
		}
	})
	return gx
}

// LogSoftmax returns x - log(sum(exp(x))) along axis, max-subtracted.
func LogSoftmax(x *tensor.Tensor, axis int) *tensor.Tensor {
	out := tensor.New(x.Shape()...)
	var e []float32
	normLines("LogSoftmax", x.Shape(), axis, [][]float32{x.Data()}, out.Data(), func(dst []float32, in ...[]float32) {
		if cap(e) < len(dst) {
			e = make([]float32, len(dst))
		}
		logSoftmaxLine(dst, in[0], e[:len(dst)])
	})
	return out
}

// logSoftmaxLine writes the log-softmax of x to dst using e as scratch, and
// returns log(s) (the log of the sum of the shifted exponentials).
func logSoftmaxLine(dst, x, e []float32) float32 {
	m := normLineMax(x)
	for j, v := range x {
		dst[j] = v - m
	}
	simd.ExpTo(e, dst)
	ls := simd.Log(simd.Sum(e))
	for j := range dst {
		dst[j] -= ls
	}
	return ls
}

// LogSoftmaxBackward returns the gradient of LogSoftmax(x, axis) from its
// output y: gx[j] = gy[j] - exp(y[j])*s with s = simd.Sum(gy) over the line,
// the product rounded before the subtraction.
func LogSoftmaxBackward(y, gy *tensor.Tensor, axis int) *tensor.Tensor {
	gx := ewGradShapes("LogSoftmaxBackward", y, gy)
	normLines("LogSoftmaxBackward", y.Shape(), axis, [][]float32{y.Data(), gy.Data()}, gx.Data(), func(dst []float32, in ...[]float32) {
		yl, gl := in[0], in[1]
		s := simd.Sum(gl)
		simd.ExpTo(dst, yl)
		for j, p := range dst {
			dst[j] = gl[j] - float32(p*s)
		}
	})
	return gx
}

// lossCheckLogits panics unless logits is [N, C] with one label per row,
// each in [0, C).
func lossCheckLogits(op string, logits *tensor.Tensor, labels []int) (n, c int) {
	if logits.Dims() != 2 || logits.Dim(0) != len(labels) {
		panic(fmt.Sprintf("ops: %s: logits of shape %v with %d labels (want [N, C] with N labels)", op, logits.Shape(), len(labels)))
	}
	n, c = logits.Dim(0), logits.Dim(1)
	for i, l := range labels {
		if l < 0 || l >= c {
			panic(fmt.Sprintf("ops: %s: label %d of sample %d out of range [0, %d) for logits %v", op, l, i, c, logits.Shape()))
		}
	}
	return n, c
}
