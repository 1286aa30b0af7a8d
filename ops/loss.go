package ops

import (
	"fmt"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// CrossEntropy returns the mean over the N rows of logits [N, C] of
// -log(softmax(logits[n])[labels[n]]), as a scalar tensor.
//
// Order: each row's loss is -LogSoftmax(row)[label] (see Softmax for the
// order within a row); the N losses are summed by simd.Sum and divided by
// N. A label outside [0, C) panics naming it (the model layer validates
// labels first); N = 0 gives NaN.
func CrossEntropy(logits *tensor.Tensor, labels []int) *tensor.Tensor {
	n, c := lossCheckLogits("CrossEntropy", logits, labels)
	d := logits.Data()
	r := make([]float32, c)
	e := make([]float32, c)
	losses := make([]float32, n)
	for i := range losses {
		logSoftmaxLine(r, d[i*c:(i+1)*c], e)
		losses[i] = -r[labels[i]]
	}
	return tensor.Scalar(simd.Sum(losses) / float32(n))
}

// CrossEntropyBackward returns the gradient of CrossEntropy(logits, labels)
// with respect to logits, given the gradient gy of the (one-element) loss:
// gx[n, j] = (softmax(logits[n])[j] - [j == labels[n]]) * (gy/N), the
// difference rounded before the product.
func CrossEntropyBackward(logits *tensor.Tensor, labels []int, gy *tensor.Tensor) *tensor.Tensor {
	n, c := lossCheckLogits("CrossEntropyBackward", logits, labels)
	if gy.Size() != 1 {
		panic(fmt.Sprintf("ops: CrossEntropyBackward: loss gradient of shape %v (want one element)", gy.Shape()))
	}
	scale := gy.Data()[0] / float32(n)
	gx := tensor.New(logits.Shape()...)
	d, gd := logits.Data(), gx.Data()
	for i := 0; i < n; i++ {
		row := gd[i*c : (i+1)*c]
		softmaxLine(row, d[i*c:(i+1)*c])
		row[labels[i]] -= 1
		for j, v := range row {
			row[j] = v * scale
		}
	}
	return gx
}

// MSE returns the mean squared error mean((a-b)^2) of two tensors of the
// same shape, as a scalar tensor: the differences are rounded, summed as
// simd.SumSquares (canonical fma order) and divided by the element count.
func MSE(a, b *tensor.Tensor) *tensor.Tensor {
	lossSameShape("MSE", a, b)
	d := Sub(a, b).Data()
	return tensor.Scalar(simd.SumSquares(d) / float32(len(d)))
}

// MSEBackward returns the gradients of MSE(a, b) given the gradient gy of
// the (one-element) loss: ga = (a-b)*s with s = (2*gy)/size, and gb = -ga.
func MSEBackward(a, b, gy *tensor.Tensor) (ga, gb *tensor.Tensor) {
	lossSameShape("MSEBackward", a, b)
	if gy.Size() != 1 {
		panic(fmt.Sprintf("ops: MSEBackward: loss gradient of shape %v (want one element)", gy.Shape()))
	}
	s := (2 * gy.Data()[0]) / float32(a.Size())
	ga = Sub(a, b)
	gb = tensor.New(a.Shape()...)
	gad, gbd := ga.Data(), gb.Data()
	for i, v := range gad {
		gad[i] = v * s
		gbd[i] = -gad[i]
	}
	return ga, gb
}

func lossSameShape(op string, a, b *tensor.Tensor) {
	if !tensor.SameShape(a.Shape(), b.Shape()) {
		panic(fmt.Sprintf("ops: %s: shapes %v and %v differ", op, a.Shape(), b.Shape()))
	}
}
