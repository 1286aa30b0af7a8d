package tensor

import (
	"math"
	"math/bits"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Storage recycling.
//
// A training step allocates the same large tensors every step. A fresh
// large allocation costs the runtime's zeroing plus a page fault per 4 KiB
// (the Go scavenger hands freed heap back to the OS between steps), which
// here runs at about a fifth of the speed of writing memory already
// mapped. So storage that its owner declares dead (Release) goes to a
// free list, and New, Empty and Clone take from it first.
//
// Only a Tensor that allocated its storage (New, Empty, Clone, Full, ...)
// owns it; views (Reshape, View, RowView) and FromSlice tensors never do,
// so releasing them recycles nothing. Small tensors are left to the Go
// allocator, which serves them cheaply.
//
// The free lists are sync.Pools, one per size class: safe for concurrent
// use, and a buffer not reused between two garbage collections is dropped,
// so the pool never pins memory a program has stopped needing.

// poolMin is the smallest storage, in elements, that is recycled (the Go
// runtime's large-object threshold, 32 KiB).
const poolMin = 8192

// poolClasses splits every octave of sizes into 4 classes, so that a
// recycled buffer wastes at most a quarter of its capacity.
const poolClasses = 4

// pools[c] holds buffers of class c, as pointers to their first element
// (an unsafe.Pointer in an interface does not allocate).
var pools [64 * poolClasses]sync.Pool

// poolClass returns the size class of storage of n >= poolMin elements and
// the capacity of its buffers: n rounded up to 5, 6, 7 or 8 eighths of
// the next power of two.
func poolClass(n int) (class, capacity int) {
	e := bits.Len(uint(n-1)) - 3 // 2^e is the class step in this octave
	step := 1 << e
	capacity = (n + step - 1) &^ (step - 1)
	return e*poolClasses + capacity>>e - 5, capacity
}

// poison, when set, makes Release fill recycled storage with NaN and Empty
// return NaN-filled storage, so that an op that reads stale data or leaves
// part of its output unwritten shows NaNs.
var poison atomic.Bool

// SetDebugPoison turns NaN poisoning of recycled and uninitialised storage
// on or off and returns the previous setting. It is a debugging aid for
// tests of code that uses Empty and Release; it slows both down.
func SetDebugPoison(on bool) (was bool) { return poison.Swap(on) }

// DebugPoison reports whether poisoning is on (see SetDebugPoison), for
// other packages' recycled buffers to follow suit.
func DebugPoison() bool { return poison.Load() }

// alloc returns storage of n elements, recycled when possible; zero says
// whether it must be zero-filled (a fresh buffer always is).
func alloc(n int, zero bool) []float32 {
	if n < poolMin {
		return make([]float32, n)
	}
	class, capacity := poolClass(n)
	if p, _ := pools[class].Get().(unsafe.Pointer); p != nil {
		d := unsafe.Slice((*float32)(p), capacity)[:n]
		if zero {
			clear(d)
		}
		return d
	}
	return make([]float32, n, capacity)
}

// Empty returns a tensor of the given shape whose elements are unspecified
// (stale values of recycled storage): for ops that overwrite every element
// of their output, which then skip New's zeroing.
func Empty(shape ...int) *Tensor {
	t := &Tensor{shape: append([]int(nil), shape...), data: alloc(ShapeSize(shape), false), owns: true}
	if poison.Load() {
		t.Fill(float32(math.NaN()))
	}
	return t
}

// Release declares t dead: its storage, when t owns it, is recycled by
// later New, Empty and Clone calls. t is left empty (Size 0, the shape
// kept), so a later use of t panics or reads nothing instead of seeing
// another tensor's values; but views of t (Reshape, RowView, Data slices)
// still point at the storage and must not be used either. Releasing a
// view, a FromSlice tensor or an already released tensor only empties it.
//
// Nothing is ever released behind a caller's back: only code that knows
// every user of a tensor may call Release (autodiff's Backward does it
// for the gradients it makes internally, Tape.Release for the values of
// a finished computation).
func (t *Tensor) Release() {
	d, owns := t.data, t.owns
	t.data, t.owns = nil, false
	if !owns || len(d) < poolMin {
		return
	}
	class, capacity := poolClass(len(d))
	if cap(d) != capacity {
		return // not from alloc (cannot happen for owned storage); let the GC have it
	}
	if poison.Load() {
		d = d[:capacity]
		for i := range d {
			d[i] = float32(math.NaN())
		}
	}
	pools[class].Put(unsafe.Pointer(unsafe.SliceData(d)))
}

// Overlaps reports whether a and b share any storage (a view and its
// parent do; a released tensor overlaps nothing).
func Overlaps(a, b *Tensor) bool {
	if len(a.data) == 0 || len(b.data) == 0 {
		return false
	}
	pa, pb := uintptr(unsafe.Pointer(&a.data[0])), uintptr(unsafe.Pointer(&b.data[0]))
	return pa < pb+uintptr(len(b.data))*4 && pb < pa+uintptr(len(a.data))*4
}

// OwnsStorage reports whether t allocated its storage (so that Release
// recycles it) rather than being a view or a FromSlice tensor.
func (t *Tensor) OwnsStorage() bool { return t.owns }

// HandOver moves the ownership of t's storage to v, a view of all of it
// (Reshape, View): afterwards Release(v) recycles the storage and
// Release(t) does not. It does nothing, and reports false, unless t owns
// its storage and v is a view of exactly that storage. For code that owns
// t and passes it on reshaped (autodiff's Backward, for the gradients of
// reshaping ops).
func (t *Tensor) HandOver(v *Tensor) bool {
	if !t.owns || v.owns || len(t.data) == 0 || len(v.data) != len(t.data) || cap(v.data) != cap(t.data) ||
		unsafe.SliceData(v.data) != unsafe.SliceData(t.data) {
		return false
	}
	t.owns, v.owns = false, true
	return true
}
