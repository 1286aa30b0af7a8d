package autodiff

import (
	"testing"

	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

func TestGradNorms(t *testing.T) {
	c := 3
	gamma := func(seed uint64) *tensor.Tensor { return randAway(seed, 0.5, 1.5, 0.5, c) }
	runMean := tensor.FromSlice([]float32{0.1, -0.2, 0.3}, c)
	runVar := tensor.FromSlice([]float32{1.5, 0.5, 2}, c)
	runGradCases(t, []gradCase{
		{name: "BatchNorm/train/NC", xs: []*tensor.Tensor{randn(1, 6, c), gamma(2), randn(3, c)},
			f: func(tp *Tape, x []*Var) *Var {
				return project(tp, tp.BatchNorm(x[0], x[1], x[2], nil, nil, true, 0.1, 1e-5))
			}},
		{name: "BatchNorm/train/NCHW", xs: []*tensor.Tensor{randn(4, 2, c, 3, 2), gamma(5), randn(6, c)},
			f: func(tp *Tape, x []*Var) *Var {
				return project(tp, tp.BatchNorm(x[0], x[1], x[2], nil, nil, true, 0.1, 1e-5))
			}},
		{name: "BatchNorm/train/noaffine", xs: []*tensor.Tensor{randn(7, 2, c, 2, 2)},
			f: func(tp *Tape, x []*Var) *Var {
				return project(tp, tp.BatchNorm(x[0], nil, nil, nil, nil, true, 0.1, 1e-5))
			}},
		{name: "BatchNorm/eval", xs: []*tensor.Tensor{randn(8, 2, c, 2, 3), gamma(9), randn(10, c)},
			f: func(tp *Tape, x []*Var) *Var {
				return project(tp, tp.BatchNorm(x[0], x[1], x[2], runMean, runVar, false, 0.1, 1e-5))
			}},
		{name: "LayerNorm/1", xs: []*tensor.Tensor{randn(11, 4, 5), randAway(12, 0.5, 1.5, 0.5, 5), randn(13, 5)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.LayerNorm(x[0], x[1], x[2], 1, 1e-5)) }},
		{name: "LayerNorm/2/noaffine", xs: []*tensor.Tensor{randn(14, 3, 2, 4)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.LayerNorm(x[0], nil, nil, 2, 1e-5)) }},
		{name: "DivisiveNorm/n1/size3", xs: []*tensor.Tensor{randAway(15, -2, 2, 0.1, 2, 3, 4, 5)},
			f: func(tp *Tape, x []*Var) *Var {
				return project(tp, tp.DivisiveNorm(x[0], ops.DivNormParams{Size: 3, Sigma: 0.5}))
			}},
		{name: "DivisiveNorm/n2/perchannel", xs: []*tensor.Tensor{randn(16, 1, 2, 5, 3)},
			f: func(tp *Tape, x []*Var) *Var {
				return project(tp, tp.DivisiveNorm(x[0], ops.DivNormParams{Size: 3, Sigma: 1, Exponent: 2, PerChannel: true}))
			}},
		{name: "DivisiveNorm/n1.5", xs: []*tensor.Tensor{randAway(17, -2, 2, 0.1, 1, 3, 3, 3)},
			f: func(tp *Tape, x []*Var) *Var {
				return project(tp, tp.DivisiveNorm(x[0], ops.DivNormParams{Size: 1, Sigma: 0.3, Exponent: 1.5}))
			}},
	})
}

func TestBatchNormRunningStats(t *testing.T) {
	x := Param(randn(1, 8, 2), "x")
	rm, rv := tensor.New(2), tensor.Ones(2)
	NoGrad().BatchNorm(x, nil, nil, rm, rv, true, 0.5, 1e-5)
	if rm.Data()[0] == 0 || rv.Data()[0] == 1 {
		t.Fatal("training BatchNorm did not update the running statistics")
	}
	before := rm.Clone()
	NoGrad().BatchNorm(x, nil, nil, rm, rv, false, 0.5, 1e-5)
	if !tensor.Equal(before, rm) {
		t.Fatal("evaluation BatchNorm changed the running statistics")
	}
}

func TestGradMisc(t *testing.T) {
	labels := []int{2, 0, 3, 3, 1}
	runGradCases(t, []gradCase{
		{name: "Dropout/train", xs: []*tensor.Tensor{randn(1, 4, 6)},
			f: func(tp *Tape, x []*Var) *Var {
				return project(tp, tp.Dropout(x[0], 0.3, tensor.NewRNG(7, 0), true))
			}},
		{name: "Dropout/eval", xs: []*tensor.Tensor{randn(2, 3, 3)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Dropout(x[0], 0.3, nil, false)) }},
		{name: "Resize/up", xs: []*tensor.Tensor{randn(3, 1, 2, 3, 4)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Resize(x[0], 5, 7)) }},
		{name: "Resize/down", xs: []*tensor.Tensor{randn(4, 2, 1, 6, 5)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Resize(x[0], 4, 2)) }},
		{name: "Softmax/last", xs: []*tensor.Tensor{randn(5, 3, 5)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Softmax(x[0], -1)) }},
		{name: "Softmax/axis0", xs: []*tensor.Tensor{randn(6, 4, 2, 3)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.Softmax(x[0], 0)) }},
		{name: "LogSoftmax", xs: []*tensor.Tensor{randn(7, 2, 6)},
			f: func(tp *Tape, x []*Var) *Var { return project(tp, tp.LogSoftmax(x[0], 1)) }},
		{name: "CrossEntropy", xs: []*tensor.Tensor{randn(8, 5, 4)},
			f: func(tp *Tape, x []*Var) *Var { return tp.CrossEntropy(x[0], labels) }},
		{name: "MSE", xs: []*tensor.Tensor{randn(9, 3, 4), randn(10, 3, 4)},
			f: func(tp *Tape, x []*Var) *Var { return tp.MSE(x[0], x[1]) }},
	})
}

func TestGradGridSample(t *testing.T) {
	// Grid points away from pixel centres (where the bilinear weights have
	// kinks) and partly outside the image (zeros padding).
	grid := func(seed uint64, n, ho, wo int) *tensor.Tensor {
		g := tensor.RandUniform(tensor.NewRNG(seed, 4), -1.2, 1.2, n, ho, wo, 2)
		d := g.Data()
		for i := range d {
			// Snap away from pixel centres for H = W = 4: centres sit at
			// normalised (2k+1)/4 - 1.
			for k := 0; k < 4; k++ {
				c := float32(2*k+1)/4 - 1
				if diff := d[i] - c; diff < 0.05 && diff > -0.05 {
					d[i] = c + 0.1
				}
			}
		}
		return g
	}
	runGradCases(t, []gradCase{
		{name: "GridSample", xs: []*tensor.Tensor{randn(1, 2, 3, 4, 4), grid(2, 2, 3, 5)},
			f:   func(tp *Tape, x []*Var) *Var { return project(tp, tp.GridSample(x[0], x[1])) },
			eps: 1e-3, tol: 2e-2},
		// One side constant: its gradient is skipped, the other's unchanged.
		{name: "GridSample/const grid", xs: []*tensor.Tensor{randn(3, 2, 3, 4, 4)},
			f: func(tp *Tape, x []*Var) *Var {
				return project(tp, tp.GridSample(x[0], Const(grid(4, 2, 3, 5))))
			},
			eps: 1e-3, tol: 2e-2},
		{name: "GridSample/const input", xs: []*tensor.Tensor{grid(5, 2, 3, 5)},
			f: func(tp *Tape, x []*Var) *Var {
				return project(tp, tp.GridSample(Const(randn(6, 2, 3, 4, 4)), x[0]))
			},
			eps: 1e-3, tol: 2e-2},
	})
}
