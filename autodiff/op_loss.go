package autodiff

import (
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Softmax returns the softmax of x along axis.
func (tp *Tape) Softmax(x *Var, axis int) *Var {
	y := ops.Softmax(x.Value, axis)
	if !tp.needs(x) {
		return tp.done("Softmax", y, x)
	}
	return tp.record("Softmax", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.SoftmaxBackward(y, gy, axis)}
	}, x)
}

// LogSoftmax returns the log-softmax of x along axis.
func (tp *Tape) LogSoftmax(x *Var, axis int) *Var {
	y := ops.LogSoftmax(x.Value, axis)
	if !tp.needs(x) {
		return tp.done("LogSoftmax", y, x)
	}
	return tp.record("LogSoftmax", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.LogSoftmaxBackward(y, gy, axis)}
	}, x)
}

// CrossEntropy returns the mean over rows of logits [N, C] of the negative
// log-likelihood of labels (ops.CrossEntropy), a scalar. A label outside
// [0, C) panics; validate labels from files first (nn.CrossEntropyLoss
// does).
func (tp *Tape) CrossEntropy(logits *Var, labels []int) *Var {
	y := ops.CrossEntropy(logits.Value, labels)
	if !tp.needs(logits) {
		return tp.done("CrossEntropy", y, logits)
	}
	labels = append([]int(nil), labels...)
	lv := logits.Value
	return tp.record("CrossEntropy", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{ops.CrossEntropyBackward(lv, labels, gy)}
	}, logits)
}

// MSE returns mean((a-b)^2) for a and b of the same shape, a scalar.
func (tp *Tape) MSE(a, b *Var) *Var {
	y := ops.MSE(a.Value, b.Value)
	if !tp.needs(a, b) {
		return tp.done("MSE", y, a, b)
	}
	av, bv := a.Value, b.Value
	return tp.record("MSE", y, func(gy *tensor.Tensor) []*tensor.Tensor {
		ga, gb := ops.MSEBackward(av, bv, gy)
		return []*tensor.Tensor{ga, gb}
	}, a, b)
}
