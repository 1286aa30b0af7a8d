package ops

import (
	"fmt"
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// refBatchNorm normalises x [N, C, S...] per channel in float64 and returns
// y, the batch mean and the biased and unbiased variances.
func refBatchNorm(x []float64, shape []int, gamma, beta []float64, rm, rv []float64, train bool, eps float64) (y, mean, vb, vu []float64) {
	n, c := shape[0], shape[1]
	s := tensor.ShapeSize(shape[2:])
	cnt := float64(n * s)
	mean, vb, vu = make([]float64, c), make([]float64, c), make([]float64, c)
	for ch := 0; ch < c; ch++ {
		for i := 0; i < n; i++ {
			for j := 0; j < s; j++ {
				mean[ch] += x[(i*c+ch)*s+j]
			}
		}
		mean[ch] /= cnt
		for i := 0; i < n; i++ {
			for j := 0; j < s; j++ {
				d := x[(i*c+ch)*s+j] - mean[ch]
				vb[ch] += d * d
			}
		}
		vu[ch] = vb[ch] / (cnt - 1)
		vb[ch] /= cnt
	}
	y = make([]float64, len(x))
	for i := 0; i < n; i++ {
		for ch := 0; ch < c; ch++ {
			m, v := mean[ch], vb[ch]
			if !train {
				m, v = rm[ch], rv[ch]
			}
			for j := 0; j < s; j++ {
				k := (i*c+ch)*s + j
				y[k] = (x[k]-m)/math.Sqrt(v+eps)*gamma[ch] + beta[ch]
			}
		}
	}
	return y, mean, vb, vu
}

func TestBatchNorm(t *testing.T) {
	rng := ewRNG(50)
	const eps, mom = 1e-5, 0.1
	for _, shape := range [][]int{{4, 3}, {2, 3, 4, 5}, {3, 2, 5}, {2, 1, 1, 1}, {5, 4, 3, 3}} {
		for _, train := range []bool{true, false} {
			name := fmt.Sprintf("%v train %v", shape, train)
			c := shape[1]
			x := ewRand(rng, -2, 3, shape...)
			gamma := ewRand(rng, 0.5, 2, c)
			beta := ewRand(rng, -1, 1, c)
			rm := ewRand(rng, -0.5, 0.5, c)
			rv := ewRand(rng, 0.5, 2, c)
			rm0, rv0 := ewF64(rm), ewF64(rv)
			y, mean, invStd := BatchNorm(x, gamma, beta, rm, rv, train, mom, eps)
			ry, rmean, _, rvu := refBatchNorm(ewF64(x), shape, ewF64(gamma), ewF64(beta), rm0, rv0, train, eps)
			ewClose(t, "BatchNorm "+name, y.Data(), ry, 1e-5, 2e-5)
			if train {
				ewClose(t, "BatchNorm mean "+name, mean.Data(), rmean, 1e-5, 1e-6)
				wantRM, wantRV := make([]float64, c), make([]float64, c)
				for ch := range wantRM {
					wantRM[ch] = (1-mom)*rm0[ch] + mom*rmean[ch]
					wantRV[ch] = (1-mom)*rv0[ch] + mom*rvu[ch]
				}
				ewClose(t, "BatchNorm running mean "+name, rm.Data(), wantRM, 1e-5, 1e-6)
				ewClose(t, "BatchNorm running var "+name, rv.Data(), wantRV, 1e-5, 1e-6)
			} else {
				ewClose(t, "BatchNorm eval mean "+name, mean.Data(), rm0, 0, 0)
				ewClose(t, "BatchNorm eval running mean untouched "+name, rm.Data(), rm0, 0, 0)
			}
			_ = invStd
			w := ewRand(rng, -1, 1, shape...)
			gx, gg, gb := BatchNormBackward(x, gamma, mean, invStd, w, train)
			fx := func(v []float64) []float64 {
				y, _, _, _ := refBatchNorm(v, shape, ewF64(gamma), ewF64(beta), rm0, rv0, train, eps)
				return y
			}
			fg := func(v []float64) []float64 {
				y, _, _, _ := refBatchNorm(ewF64(x), shape, v, ewF64(beta), rm0, rv0, train, eps)
				return y
			}
			fb := func(v []float64) []float64 {
				y, _, _, _ := refBatchNorm(ewF64(x), shape, ewF64(gamma), v, rm0, rv0, train, eps)
				return y
			}
			ewGradCheck(t, "BatchNormBackward x "+name, fx, w.Data(), x, gx, 2e-4)
			ewGradCheck(t, "BatchNormBackward gamma "+name, fg, w.Data(), gamma, gg, 2e-4)
			ewGradCheck(t, "BatchNormBackward beta "+name, fb, w.Data(), beta, gb, 2e-4)
		}
	}
	// nil affine parameters and running statistics in training.
	x := ewRand(rng, -1, 1, 3, 2, 2)
	y, _, _ := BatchNorm(x, nil, nil, nil, nil, true, mom, eps)
	ry, _, _, _ := refBatchNorm(ewF64(x), []int{3, 2, 2}, []float64{1, 1}, []float64{0, 0}, nil, nil, true, eps)
	ewClose(t, "BatchNorm without affine", y.Data(), ry, 1e-5, 2e-5)
	if _, ok := ewPanics(func() { BatchNorm(tensor.New(1, 3), nil, nil, nil, nil, true, mom, eps) }); !ok {
		t.Error("training with one value per channel did not panic")
	}
	if _, ok := ewPanics(func() { BatchNorm(x, nil, nil, nil, nil, false, mom, eps) }); !ok {
		t.Error("evaluation without running statistics did not panic")
	}
	if _, ok := ewPanics(func() { BatchNorm(x, tensor.New(3), nil, nil, nil, true, mom, eps) }); !ok {
		t.Error("gamma of the wrong size did not panic")
	}
}

// TestBatchNormChannelsSameBits checks that the channels run in parallel
// (normEachChannel) give the bits of the serial loop, at 1 and 3 threads:
// outputs, statistics, running statistics and the three gradients.
func TestBatchNormChannelsSameBits(t *testing.T) {
	defer func(old int) { normParallelMin = old }(normParallelMin)
	rng := ewRNG(51)
	x := ewRand(rng, -2, 3, 8, 6, 9, 7)
	gamma, beta := ewRand(rng, 0.5, 2, 6), ewRand(rng, -1, 1, 6)
	gy := ewRand(rng, -1, 1, 8, 6, 9, 7)
	for _, train := range []bool{true, false} {
		run := func() []*tensor.Tensor {
			rm, rv := tensor.Full(0.1, 6), tensor.Full(1.5, 6)
			y, mean, invStd := BatchNorm(x, gamma, beta, rm, rv, train, 0.1, 1e-5)
			gx, gg, gb := BatchNormBackward(x, gamma, mean, invStd, gy, train)
			return []*tensor.Tensor{y, mean, invStd, rm, rv, gx, gg, gb}
		}
		normParallelMin = 1 << 62
		want := run()
		normParallelMin = 1
		laThreads([]int{1, 3}, func(th int) {
			for i, got := range run() {
				laSameBits(t, fmt.Sprintf("train=%v threads=%d output %d", train, th, i), got, want[i])
			}
		})
	}
}
