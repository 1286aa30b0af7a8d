package plasticity

import (
	"fmt"

	"github.com/neurocortex/neurocortex/tensor"
)

// checkRate validates the shapes of a rate rule: w [pre, post], x
// [batch, pre], y [batch, post].
func checkRate(rule string, w, x, y *tensor.Tensor) (batch, pre, post int) {
	if w.Dims() != 2 || x.Dims() != 2 || y.Dims() != 2 || x.Dim(0) != y.Dim(0) || x.Dim(1) != w.Dim(0) || y.Dim(1) != w.Dim(1) {
		panic(fmt.Sprintf("plasticity: %s: w %v, x %v, y %v; want [pre, post], [batch, pre], [batch, post]", rule, w.Shape(), x.Shape(), y.Shape()))
	}
	return x.Dim(0), w.Dim(0), w.Dim(1)
}

// Hebb applies plain Hebbian learning, w[j,i] += eta/B sum_b y[b,i] x[b,j],
// with w [pre, post], x [batch, pre], y [batch, post]. Without a
// normalisation the weights grow without bound under correlated input.
func Hebb(w, x, y *tensor.Tensor, eta float32) {
	batch, pre, post := checkRate("Hebb", w, x, y)
	dw := make([]float32, pre*post)
	xd, yd := x.Data(), y.Data()
	for b := range batch {
		for j := range pre {
			xj := xd[b*pre+j]
			for i := range post {
				dw[j*post+i] += float32(yd[b*post+i] * xj)
			}
		}
	}
	apply(w.Data(), dw, eta/float32(batch))
}

// Oja applies Hebbian learning with Oja's normalisation,
// w[j,i] += eta/B sum_b y[b,i] (x[b,j] - y[b,i] w[j,i]), which keeps each
// column of w near unit norm and turns it toward the top principal
// component of the input when y = w^T x.
func Oja(w, x, y *tensor.Tensor, eta float32) {
	batch, pre, post := checkRate("Oja", w, x, y)
	dw := make([]float32, pre*post)
	xd, yd, wd := x.Data(), y.Data(), w.Data()
	for b := range batch {
		for j := range pre {
			xj := xd[b*pre+j]
			for i := range post {
				yi := yd[b*post+i]
				dw[j*post+i] += float32(yi * (xj - float32(yi*wd[j*post+i])))
			}
		}
	}
	apply(wd, dw, eta/float32(batch))
}

func apply(w, dw []float32, scale float32) {
	for k, d := range dw {
		w[k] += float32(scale * d)
	}
}

// BCM is the Bienenstock-Cooper-Munro rule with a sliding threshold,
//
//	dw[j,i] = eta x[j] y[i] (y[i] - theta[i]),  theta[i] <- theta[i] + (y[i]^2 - theta[i]) / TauTheta
//
// (TauTheta in updates), which makes each output selective to a subset of
// its input patterns.
type BCM struct {
	Eta      float32
	TauTheta float32
	Theta    *tensor.Tensor // [post]
}

// NewBCM returns the rule for post outputs with thresholds starting at
// theta0.
func NewBCM(post int, eta, tauTheta, theta0 float32) (*BCM, error) {
	if post <= 0 || !(tauTheta >= 1) || !(eta >= 0) {
		return nil, fmt.Errorf("plasticity: BCM: post %d, eta %v, tau_theta %v: need post > 0, eta >= 0, tau_theta >= 1", post, eta, tauTheta)
	}
	return &BCM{Eta: eta, TauTheta: tauTheta, Theta: tensor.Full(theta0, post)}, nil
}

// Update applies one update to w [pre, post] from x [batch, pre] and y
// [batch, post] (averaged over the batch), then moves the thresholds
// toward the batch mean of y^2.
func (r *BCM) Update(w, x, y *tensor.Tensor) {
	batch, pre, post := checkRate("BCM", w, x, y)
	dw := make([]float32, pre*post)
	xd, yd, th := x.Data(), y.Data(), r.Theta.Data()
	for b := range batch {
		for i := range post {
			yi := yd[b*post+i]
			f := float32(yi * (yi - th[i]))
			for j := range pre {
				dw[j*post+i] += float32(f * xd[b*pre+j])
			}
		}
	}
	apply(w.Data(), dw, r.Eta/float32(batch))
	inv := 1 / (r.TauTheta * float32(batch))
	for i := range post {
		var s float32
		for b := range batch {
			yi := yd[b*post+i]
			s += float32(yi*yi) - th[i]
		}
		th[i] += float32(s * inv)
	}
}
