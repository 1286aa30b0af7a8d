package retina

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// convCentre returns the response of kernel k centred on the middle of img
// (both square, img at least as large as k).
func convCentre(k, img *tensor.Tensor) float64 {
	s, n := k.Dim(0), img.Dim(0)
	off := n/2 - s/2
	var r float64
	for y := 0; y < s; y++ {
		for x := 0; x < s; x++ {
			r += float64(k.At(y, x)) * float64(img.At(y+off, x+off))
		}
	}
	return r
}

func TestDoGGain(t *testing.T) {
	for _, d := range []DoG{DefaultDoG(), {SigmaCenter: 1, SigmaSurround: 3, SurroundGain: 0.55}, {SigmaCenter: 0.5, SigmaSurround: 1.2, SurroundGain: 0.8, Size: 5}} {
		k, err := d.Kernel()
		if err != nil {
			t.Fatal(err)
		}
		var pos, neg, sum float64
		for _, v := range k.Data() {
			sum += float64(v)
		}
		gc, gs := GaussianKernel(d.KernelSize(), d.SigmaCenter), GaussianKernel(d.KernelSize(), d.SigmaSurround)
		for i := range gc.Data() {
			pos += float64(gc.Data()[i])
			neg += d.SurroundGain * float64(gs.Data()[i])
		}
		if math.Abs(sum-(1-d.SurroundGain)) > 1e-5 || math.Abs(neg/pos-d.SurroundGain) > 1e-6 {
			t.Fatalf("%+v: kernel sum %g, surround/centre %g", d, sum, neg/pos)
		}
		// Centre positive, far surround negative, symmetric.
		s := d.KernelSize()
		c := s / 2
		if k.At(c, c) <= 0 || k.At(0, c) >= 0 || k.At(c, 0) != k.At(0, c) || k.At(0, 0) != k.At(s-1, s-1) {
			t.Fatalf("%+v: kernel not centre-surround: %v", d, k)
		}
	}
}

// An ON-centre cell answers a bright spot on its centre more than a flash
// covering the whole field, and an OFF cell (-K) answers a dark spot.
func TestDoGOnCentreSpotBeatsFullField(t *testing.T) {
	d := DefaultDoG()
	k, _ := d.Kernel()
	n := 21
	spot, flash, dark := tensor.New(n, n), tensor.Full(1, n, n), tensor.Full(1, n, n)
	for y := n/2 - 1; y <= n/2+1; y++ {
		for x := n/2 - 1; x <= n/2+1; x++ {
			spot.Set(1, y, x)
			dark.Set(0, y, x)
		}
	}
	rs, rf := convCentre(k, spot), convCentre(k, flash)
	if !(rs > rf) || !(rs > 0) {
		t.Fatalf("ON response: spot %g, full field %g", rs, rf)
	}
	if math.Abs(rf-(1-d.SurroundGain)) > 1e-5 {
		t.Fatalf("full-field response %g, want 1-gain", rf)
	}
	// OFF response to a dark spot on a bright field exceeds its response
	// to the uniform field (which is negative: relu silences it).
	if off, offFlash := -convCentre(k, dark), -rf; !(off > offFlash) {
		t.Fatalf("OFF response: dark spot %g, full field %g", off, offFlash)
	}
}

func TestDoGValidate(t *testing.T) {
	bad := []DoG{
		{SigmaCenter: 0, SigmaSurround: 2, SurroundGain: 0.5},
		{SigmaCenter: 2, SigmaSurround: 1, SurroundGain: 0.5},
		{SigmaCenter: 1, SigmaSurround: 2, SurroundGain: 1.5},
		{SigmaCenter: 1, SigmaSurround: 2, SurroundGain: math.NaN()},
		{SigmaCenter: 1, SigmaSurround: 2, SurroundGain: 0.5, Size: 4},
		{SigmaCenter: 1, SigmaSurround: 2000, SurroundGain: 0.5},
	}
	for _, d := range bad {
		if _, err := d.Kernel(); err == nil {
			t.Errorf("%+v accepted", d)
		}
	}
	if s := (DoG{SigmaCenter: 1, SigmaSurround: 2.2}).KernelSize(); s != 11 {
		t.Fatalf("automatic size %d, want 11", s)
	}
}

func TestSquaredRadius(t *testing.T) {
	r := SquaredRadius(5)
	if r.At(2, 2) != 0 || r.At(0, 0) != 8 || r.At(2, 4) != 4 {
		t.Fatalf("SquaredRadius(5) = %v", r)
	}
}
