package data

import (
	"slices"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestPixelScale(t *testing.T) {
	for b := range 256 {
		want := float32(float64(b) / 255) // the exact quotient rounded once
		if pixelScale[b] != want {
			t.Fatalf("pixelScale[%d] = %g, want %g", b, pixelScale[b], want)
		}
	}
	if pixelScale[0] != 0 || pixelScale[255] != 1 {
		t.Fatal("0 and 255 must map to 0 and 1")
	}
}

func TestDatasetBatch(t *testing.T) {
	d := synthMNIST(10)
	idx := []int{7, 2, 2}
	x, y := d.Batch(idx)
	if !slices.Equal(x.Shape(), []int{3, 1, 28, 28}) || !slices.Equal(y, []int{7, 2, 2}) {
		t.Fatalf("shape %v labels %v", x.Shape(), y)
	}
	for k, i := range idx {
		for p := range 784 {
			if got, want := x.Data()[k*784+p], float32(d.Image(i)[p])/255; got != want {
				t.Fatalf("example %d pixel %d: %g, want %g", k, p, got, want)
			}
		}
	}
	// Reuse: the same memory, a row view for a shorter batch.
	buf := tensor.New(4, 1, 28, 28)
	ybuf := make([]int, 4)
	x2, y2 := d.BatchInto(buf, ybuf, idx)
	if &x2.Data()[0] != &buf.Data()[0] || &y2[0] != &ybuf[0] || x2.Dim(0) != 3 {
		t.Fatal("BatchInto did not reuse the destination")
	}
	if !tensor.Equal(x, x2) {
		t.Fatal("BatchInto differs from Batch")
	}
	// A destination of the wrong shape is replaced, not written.
	wrong := tensor.New(4, 3, 28, 28)
	if x3, _ := d.BatchInto(wrong, nil, idx); x3 == wrong || &x3.Data()[0] == &wrong.Data()[0] {
		t.Fatal("BatchInto wrote into a tensor of the wrong shape")
	}
	exact := tensor.New(3, 1, 28, 28)
	if allocs := testing.AllocsPerRun(20, func() { d.BatchInto(exact, ybuf, idx) }); allocs != 0 {
		t.Fatalf("BatchInto into a tensor of the batch's shape allocates %v times per call", allocs)
	}
}

func TestDatasetTensorSubsetHistogram(t *testing.T) {
	d := synthMNIST(25)
	s := d.Subset(10, 15)
	if s.Len() != 5 || s.Labels[0] != 0 || &s.Pixels[0] != &d.Pixels[10*784] {
		t.Fatal("Subset does not share the parent's memory")
	}
	x := s.Tensor()
	want, _ := d.Batch([]int{10, 11, 12, 13, 14})
	if !tensor.Equal(x, want) {
		t.Fatal("Tensor differs from Batch of the same examples")
	}
	if h := d.Histogram(); !slices.Equal(h, []int{3, 3, 3, 3, 3, 2, 2, 2, 2, 2}) {
		t.Fatalf("histogram %v", h)
	}
}

func TestDatasetBatches(t *testing.T) {
	d := synthMNIST(23)
	for _, dropLast := range []bool{false, true} {
		var seen []int
		sizes := []int{}
		for x, y := range d.Batches(5, 42, 3, dropLast) {
			sizes = append(sizes, x.Dim(0))
			for k := range y {
				// Recover the example from its first pixel byte: pixels are
				// seq(n*784, 7, 3), so example i starts at byte 7*784*i+3.
				first := x.At(k, 0, 0, 0)
				i := -1
				for j := range d.Len() {
					if float32(d.Image(j)[0])/255 == first && d.Labels[j] == y[k] {
						i = j
						break
					}
				}
				seen = append(seen, i)
			}
		}
		wantSizes := []int{5, 5, 5, 5, 3}
		if dropLast {
			wantSizes = wantSizes[:4]
		}
		if !slices.Equal(sizes, wantSizes) {
			t.Fatalf("dropLast=%v: batch sizes %v, want %v", dropLast, sizes, wantSizes)
		}
		perm := Permutation(23, 42, 3)
		if !slices.Equal(seen, perm[:len(seen)]) {
			t.Fatalf("dropLast=%v: order %v, want %v", dropLast, seen, perm[:len(seen)])
		}
	}
	// Stopping early is allowed.
	n := 0
	for range d.Batches(4, 1, 1, false) {
		if n++; n == 2 {
			break
		}
	}
}
