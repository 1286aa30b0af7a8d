package ops

import (
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// TestPoolIndicesRecycle checks that a released index buffer comes back
// poisoned (all -1) under tensor's debug poisoning, or fresh (all 0) when
// the pool dropped it, never with stale indices; and that MaxPool2d, which
// recycles its indices at once, stays correct across calls.
func TestPoolIndicesRecycle(t *testing.T) {
	defer tensor.SetDebugPoison(tensor.SetDebugPoison(true))
	const n = 3 * poolIndexMin
	idx := poolIndices(n)
	for i := range idx {
		idx[i] = int32(i)
	}
	ReleaseIndices(idx)
	ReleaseIndices(make([]int32, 5)) // small: ignored
	again := poolIndices(n)
	if len(again) != n || (again[0] != -1 && again[0] != 0) {
		t.Fatalf("recycled buffer: length %d, first index %d (want -1 or a fresh 0)", len(again), again[0])
	}
	for i, v := range again {
		if v != again[0] {
			t.Fatalf("recycled buffer: index %d is %d, index 0 is %d", i, v, again[0])
		}
	}
	x := tensor.RandNormal(tensor.NewRNG(4, 4), 0, 1, 2, 16, 64, 64)
	want, _ := MaxPool2dIndices(x, Pool2dParams{KH: 2, KW: 2})
	for i := 0; i < 3; i++ {
		if got := MaxPool2d(x, Pool2dParams{KH: 2, KW: 2}); !tensor.Equal(got, want) {
			t.Fatalf("call %d of MaxPool2d differs", i)
		}
	}
}
