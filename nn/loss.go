package nn

import (
	"fmt"

	"github.com/neurocortex/neurocortex/autodiff"
)

// CrossEntropyLoss returns the mean cross-entropy of logits [N, C] against
// integer class labels. Unlike the tape op it checks its inputs and
// returns an error naming the first bad label, since labels usually come
// from files.
func CrossEntropyLoss(tp *autodiff.Tape, logits *autodiff.Var, labels []int) (*autodiff.Var, error) {
	if err := CheckLabels(logits.Value.Shape(), labels); err != nil {
		return nil, err
	}
	return tp.CrossEntropy(logits, labels), nil
}

// CheckLabels reports whether labels fit logits of the given shape [N, C]:
// N labels, each in [0, C).
func CheckLabels(logitsShape []int, labels []int) error {
	if len(logitsShape) != 2 {
		return fmt.Errorf("nn: logits of shape %v, want [N, C]", logitsShape)
	}
	if len(labels) != logitsShape[0] {
		return fmt.Errorf("nn: %d labels for logits of shape %v", len(labels), logitsShape)
	}
	for i, l := range labels {
		if l < 0 || l >= logitsShape[1] {
			return fmt.Errorf("nn: label %d of sample %d is outside [0, %d)", l, i, logitsShape[1])
		}
	}
	return nil
}

// MSELoss returns mean((pred-target)^2); the shapes must be equal.
func MSELoss(tp *autodiff.Tape, pred, target *autodiff.Var) (*autodiff.Var, error) {
	ps, ts := pred.Value.Shape(), target.Value.Shape()
	if len(ps) != len(ts) {
		return nil, fmt.Errorf("nn: MSELoss: prediction %v and target %v", ps, ts)
	}
	for i := range ps {
		if ps[i] != ts[i] {
			return nil, fmt.Errorf("nn: MSELoss: prediction %v and target %v", ps, ts)
		}
	}
	return tp.MSE(pred, target), nil
}

// Accuracy returns the fraction of rows of logits [N, C] whose first
// maximum is at the label.
func Accuracy(logits *autodiff.Var, labels []int) float64 {
	v := logits.Value
	n, c := v.Dim(0), v.Dim(1)
	if n == 0 {
		return 0
	}
	d := v.Data()
	correct := 0
	for i := 0; i < n; i++ {
		row := d[i*c : (i+1)*c]
		best := 0
		for j := 1; j < c; j++ {
			if row[j] > row[best] {
				best = j
			}
		}
		if best == labels[i] {
			correct++
		}
	}
	return float64(correct) / float64(n)
}
