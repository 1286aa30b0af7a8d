package probe

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// Readout is a linear read-out of features: a ridge-regression classifier
// (one-hot targets, least squares with an L2 penalty) on standardised
// features. It answers "is this variable linearly decodable from this
// area?" without the randomness and tuning of iterative training: the fit
// is a closed-form solution computed in float64, the same for every run.
type Readout struct {
	Classes int
	mean    []float64   // per feature
	scale   []float64   // 1/std per feature (0 for constant features)
	w       [][]float64 // [class][feature]
	b       []float64   // [class]
}

// DefaultRidge is the default penalty, relative to the number of training
// examples (each standardised feature has unit variance).
const DefaultRidge = 1e-2

// features checks x ([N, ...], flattened) and returns N and D.
func features(x *tensor.Tensor, labels []int, classes int) (n, d int, err error) {
	if x == nil || x.Dims() < 2 {
		return 0, 0, fmt.Errorf("probe: linear probe: features must be [N, ...], got %v", shapeOf(x))
	}
	n = x.Dim(0)
	d = x.Size() / max(n, 1)
	if n == 0 || d == 0 {
		return 0, 0, fmt.Errorf("probe: linear probe: empty features %v", x.Shape())
	}
	if labels != nil {
		if len(labels) != n {
			return 0, 0, fmt.Errorf("probe: linear probe: %d labels for %d examples", len(labels), n)
		}
		for i, l := range labels {
			if l < 0 || l >= classes {
				return 0, 0, fmt.Errorf("probe: linear probe: label %d of example %d outside 0..%d", l, i, classes-1)
			}
		}
	}
	for i, v := range x.Data() {
		if v != v || math.IsInf(float64(v), 0) {
			return 0, 0, fmt.Errorf("probe: linear probe: non-finite feature %v at flat index %d", v, i)
		}
	}
	return n, d, nil
}

func shapeOf(x *tensor.Tensor) []int {
	if x == nil {
		return nil
	}
	return x.Shape()
}

// FitReadout fits a Readout to features x ([N, ...], flattened per example)
// and labels in 0..classes-1. lambda is the ridge penalty relative to N (0
// means DefaultRidge). It solves the D x D normal equations when N >= D and
// the N x N dual system otherwise, by Cholesky factorisation.
func FitReadout(x *tensor.Tensor, labels []int, classes int, lambda float64) (*Readout, error) {
	return fitReadout(x, labels, classes, lambda, -1)
}

// fitReadout is FitReadout; dual < 0 picks the smaller system, 0 forces
// the primal and 1 the dual (for tests: both give the same read-out).
func fitReadout(x *tensor.Tensor, labels []int, classes int, lambda float64, dual int) (*Readout, error) {
	if classes < 2 {
		return nil, fmt.Errorf("probe: linear probe: %d classes, want >= 2", classes)
	}
	n, d, err := features(x, labels, classes)
	if err != nil {
		return nil, err
	}
	if lambda == 0 {
		lambda = DefaultRidge
	}
	if !(lambda > 0) {
		return nil, fmt.Errorf("probe: linear probe: ridge penalty %v, want > 0", lambda)
	}
	ro := &Readout{Classes: classes, mean: make([]float64, d), scale: make([]float64, d)}
	src := x.Data()
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			ro.mean[j] += float64(src[i*d+j])
		}
	}
	for j := range ro.mean {
		ro.mean[j] /= float64(n)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			e := float64(src[i*d+j]) - ro.mean[j]
			ro.scale[j] += e * e
		}
	}
	for j, v := range ro.scale {
		if sd := math.Sqrt(v / float64(n)); sd > 1e-12 {
			ro.scale[j] = 1 / sd
		} else {
			ro.scale[j] = 0
		}
	}
	z := make([]float64, n*d) // standardised features
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			z[i*d+j] = (float64(src[i*d+j]) - ro.mean[j]) * ro.scale[j]
		}
	}
	// Centred one-hot targets: the bias is then the class frequency.
	ro.b = make([]float64, classes)
	for _, l := range labels {
		ro.b[l] += 1 / float64(n)
	}
	y := make([]float64, n*classes)
	for i, l := range labels {
		for k := 0; k < classes; k++ {
			y[i*classes+k] = -ro.b[k]
		}
		y[i*classes+l]++
	}
	lam := lambda * float64(n)
	ro.w = make([][]float64, classes)
	for k := range ro.w {
		ro.w[k] = make([]float64, d)
	}
	if dual == 0 || (dual < 0 && n >= d) {
		// (Z'Z + lam I) W = Z'Y
		a := make([]float64, d*d)
		for i := 0; i < n; i++ {
			row := z[i*d : (i+1)*d]
			for p, zp := range row {
				if zp == 0 {
					continue
				}
				ap := a[p*d : (p+1)*d]
				for q := p; q < d; q++ {
					ap[q] += zp * row[q]
				}
			}
		}
		for p := 0; p < d; p++ {
			a[p*d+p] += lam
			for q := 0; q < p; q++ {
				a[p*d+q] = a[q*d+p]
			}
		}
		rhs := make([]float64, d*classes)
		for i := 0; i < n; i++ {
			for p := 0; p < d; p++ {
				for k := 0; k < classes; k++ {
					rhs[p*classes+k] += z[i*d+p] * y[i*classes+k]
				}
			}
		}
		if err := choleskySolve(a, rhs, d, classes); err != nil {
			return nil, err
		}
		for p := 0; p < d; p++ {
			for k := 0; k < classes; k++ {
				ro.w[k][p] = rhs[p*classes+k]
			}
		}
	} else {
		// W = Z' (Z Z' + lam I)^-1 Y
		a := make([]float64, n*n)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				var s float64
				zi, zj := z[i*d:(i+1)*d], z[j*d:(j+1)*d]
				for p := range zi {
					s += zi[p] * zj[p]
				}
				a[i*n+j], a[j*n+i] = s, s
			}
			a[i*n+i] += lam
		}
		alpha := append([]float64(nil), y...)
		if err := choleskySolve(a, alpha, n, classes); err != nil {
			return nil, err
		}
		for i := 0; i < n; i++ {
			for p := 0; p < d; p++ {
				for k := 0; k < classes; k++ {
					ro.w[k][p] += z[i*d+p] * alpha[i*classes+k]
				}
			}
		}
	}
	return ro, nil
}

// choleskySolve solves A X = B in place (B becomes X) for a symmetric
// positive definite A (m x m, row-major, overwritten by its factor) and B
// (m x k).
func choleskySolve(a, b []float64, m, k int) error {
	for j := 0; j < m; j++ {
		s := a[j*m+j]
		for p := 0; p < j; p++ {
			s -= a[j*m+p] * a[j*m+p]
		}
		if !(s > 0) {
			return fmt.Errorf("probe: linear probe: normal equations not positive definite at pivot %d (%g)", j, s)
		}
		l := math.Sqrt(s)
		a[j*m+j] = l
		for i := j + 1; i < m; i++ {
			t := a[i*m+j]
			for p := 0; p < j; p++ {
				t -= a[i*m+p] * a[j*m+p]
			}
			a[i*m+j] = t / l
		}
	}
	for c := 0; c < k; c++ {
		for i := 0; i < m; i++ { // L y = b
			t := b[i*k+c]
			for p := 0; p < i; p++ {
				t -= a[i*m+p] * b[p*k+c]
			}
			b[i*k+c] = t / a[i*m+i]
		}
		for i := m - 1; i >= 0; i-- { // L' x = y
			t := b[i*k+c]
			for p := i + 1; p < m; p++ {
				t -= a[p*m+i] * b[p*k+c]
			}
			b[i*k+c] = t / a[i*m+i]
		}
	}
	return nil
}

// Predict returns the class with the largest score for each example of x.
func (ro *Readout) Predict(x *tensor.Tensor) ([]int, error) {
	n, d, err := features(x, nil, ro.Classes)
	if err != nil {
		return nil, err
	}
	if d != len(ro.mean) {
		return nil, fmt.Errorf("probe: linear probe: %d features per example, the read-out was fitted on %d", d, len(ro.mean))
	}
	src := x.Data()
	out := make([]int, n)
	z := make([]float64, d)
	for i := 0; i < n; i++ {
		for j := range z {
			z[j] = (float64(src[i*d+j]) - ro.mean[j]) * ro.scale[j]
		}
		best, bestS := 0, math.Inf(-1)
		for k := 0; k < ro.Classes; k++ {
			s := ro.b[k]
			for j, v := range z {
				s += ro.w[k][j] * v
			}
			if s > bestS {
				best, bestS = k, s
			}
		}
		out[i] = best
	}
	return out, nil
}

// Accuracy returns the fraction of examples of x whose predicted class is
// their label.
func (ro *Readout) Accuracy(x *tensor.Tensor, labels []int) (float64, error) {
	if _, _, err := features(x, labels, ro.Classes); err != nil {
		return 0, err
	}
	p, err := ro.Predict(x)
	if err != nil {
		return 0, err
	}
	ok := 0
	for i, v := range p {
		if v == labels[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(p)), nil
}

// ProbeAccuracy fits a read-out on (xTrain, yTrain) and returns its
// accuracy on the training and the held-out examples.
func ProbeAccuracy(xTrain *tensor.Tensor, yTrain []int, xTest *tensor.Tensor, yTest []int, classes int, lambda float64) (train, test float64, err error) {
	ro, err := FitReadout(xTrain, yTrain, classes, lambda)
	if err != nil {
		return 0, 0, err
	}
	if train, err = ro.Accuracy(xTrain, yTrain); err != nil {
		return 0, 0, err
	}
	test, err = ro.Accuracy(xTest, yTest)
	return train, test, err
}
