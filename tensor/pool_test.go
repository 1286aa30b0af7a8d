package tensor

import (
	"math"
	"sync"
	"testing"
)

func TestPoolClass(t *testing.T) {
	seen := map[int]int{} // class -> capacity
	prevClass, prevCap := -1, 0
	for n := poolMin; n < 1<<22; n += 1 + n/97 {
		class, capacity := poolClass(n)
		if capacity < n || 4*(capacity-n) > n {
			t.Fatalf("poolClass(%d): capacity %d (want n <= capacity <= 1.25n)", n, capacity)
		}
		if class < 0 || class >= len(pools) {
			t.Fatalf("poolClass(%d): class %d outside [0, %d)", n, class, len(pools))
		}
		if c, ok := seen[class]; ok && c != capacity {
			t.Fatalf("class %d holds capacities %d and %d", class, c, capacity)
		}
		seen[class] = capacity
		if class < prevClass || (class == prevClass) != (capacity == prevCap) {
			t.Fatalf("poolClass(%d) = %d, %d after %d, %d: not monotone", n, class, capacity, prevClass, prevCap)
		}
		if c2, cap2 := poolClass(capacity); c2 != class || cap2 != capacity {
			t.Fatalf("a full buffer of class %d (capacity %d) maps to class %d, capacity %d", class, capacity, c2, cap2)
		}
		prevClass, prevCap = class, capacity
	}
}

func allNaN(d []float32) bool {
	for _, v := range d {
		if v == v {
			return false
		}
	}
	return len(d) > 0
}

func TestReleaseRecycles(t *testing.T) {
	defer SetDebugPoison(SetDebugPoison(true))
	const n = 3 * poolMin
	a := Full(1, n)
	if !a.OwnsStorage() {
		t.Fatal("Full does not own its storage")
	}
	view := a.Reshape(3, poolMin)
	if view.OwnsStorage() {
		t.Fatal("a view owns its storage")
	}
	view.Release() // a view recycles nothing
	if view.Size() != 0 || a.Data()[0] != 1 {
		t.Fatalf("releasing a view: view size %d, parent[0] = %v", view.Size(), a.Data()[0])
	}
	view = a.Reshape(3, poolMin)
	a.Release()
	if a.Size() != 0 || a.Dim(0) != n || a.OwnsStorage() {
		t.Fatalf("released tensor: size %d, shape %v", a.Size(), a.Shape())
	}
	if !allNaN(view.Data()) {
		t.Fatal("poisoning did not fill the released storage with NaN")
	}
	a.Release() // twice is harmless

	if e := Empty(2, n); !allNaN(e.Data()) {
		t.Fatal("Empty under poisoning is not all NaN")
	}
	for i := 0; i < 4; i++ { // recycled or not, New is zero and Clone exact
		z := New(n)
		for j, v := range z.Data() {
			if v != 0 {
				t.Fatalf("New after Release: element %d = %v", j, v)
			}
		}
		z.Data()[5] = 7
		c := z.Clone()
		if !Equal(c, z) || !c.OwnsStorage() {
			t.Fatal("Clone of recycled storage differs")
		}
		z.Release()
		c.Release()
	}
}

// TestHandOver checks that HandOver moves the ownership of the storage to
// a whole view, and refuses partial views, owners and non-owners.
func TestHandOver(t *testing.T) {
	defer SetDebugPoison(SetDebugPoison(true))
	const n = 2 * poolMin
	a := Full(1, n)
	if a.HandOver(a.RowView(0, 1)) || a.HandOver(Full(1, n)) || a.Reshape(2, poolMin).HandOver(a.Reshape(n)) {
		t.Fatal("HandOver accepted a partial view, an owner or a non-owner")
	}
	v := a.Reshape(2, poolMin)
	if !a.HandOver(v) || a.OwnsStorage() || !v.OwnsStorage() {
		t.Fatal("HandOver to a whole view did not move the ownership")
	}
	a.Release() // no longer the owner: the storage stays
	if v.Data()[0] != 1 {
		t.Fatal("the old owner's Release recycled the storage")
	}
	w := v.Reshape(n)
	v.Release()
	if v.OwnsStorage() || !allNaN(w.Data()) {
		t.Fatal("the new owner's Release did not recycle the storage")
	}
}

func TestReleaseFromSliceKeepsData(t *testing.T) {
	defer SetDebugPoison(SetDebugPoison(true))
	d := make([]float32, 2*poolMin)
	d[0] = 3
	x := FromSlice(d, len(d))
	x.Release()
	if d[0] != 3 || math.IsNaN(float64(d[1])) {
		t.Fatal("Release recycled the storage of a FromSlice tensor")
	}
	small := Full(2, 10)
	v := small.Reshape(2, 5)
	small.Release()
	if v.Data()[0] != 2 {
		t.Fatal("Release of a small tensor touched its storage")
	}
}

func TestOverlaps(t *testing.T) {
	a := New(4, 8)
	b := New(4, 8)
	if !Overlaps(a, a.RowView(3, 4)) || !Overlaps(a.RowView(1, 3), a.RowView(2, 4)) {
		t.Fatal("views of one tensor do not overlap")
	}
	if Overlaps(a, b) || Overlaps(a.RowView(0, 1), a.RowView(1, 2)) {
		t.Fatal("disjoint storage overlaps")
	}
}

// TestPoolConcurrent checks that concurrent users never see each other's
// storage: each goroutine fills its tensors with its own value and checks
// them before releasing them.
func TestPoolConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(v float32) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				x := Full(v, poolMin+i*97)
				y := New(poolMin + i*89)
				for j, got := range x.Data() {
					if got != v || (j < y.Size() && y.Data()[j] != 0) {
						errs <- "storage shared between goroutines"
						return
					}
				}
				x.Release()
				y.Release()
			}
		}(float32(g + 1))
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}
