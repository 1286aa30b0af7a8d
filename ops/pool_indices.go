package ops

import (
	"sync"
	"unsafe"

	"github.com/neurocortex/neurocortex/tensor"
)

// Recycling of max-pooling index buffers.
//
// MaxPool2dIndices returns one int32 per output, a buffer as large as the
// output itself; fresh every step it costs page faults as a fresh tensor
// does (see tensor.Release). Its owner hands it back with
// ReleaseIndices when the backward pass no longer needs it (autodiff does
// when it releases the graph; MaxPool2d at once).

// poolIndexMin is the smallest index buffer, in elements, that is
// recycled (32 KiB; smaller ones are cheap to allocate).
const poolIndexMin = 8192

// poolIndexBufs maps a buffer length to a *sync.Pool of buffers of exactly
// that length, held as pointers to their first element.
var poolIndexBufs sync.Map

// poolIndices returns a buffer of n indices with unspecified contents.
func poolIndices(n int) []int32 {
	if n >= poolIndexMin {
		if p, ok := poolIndexBufs.Load(n); ok {
			if e, _ := p.(*sync.Pool).Get().(unsafe.Pointer); e != nil {
				idx := unsafe.Slice((*int32)(e), n)
				if tensor.DebugPoison() {
					for i := range idx {
						idx[i] = -1 // outside every plane: a stale read panics
					}
				}
				return idx
			}
		}
	}
	return make([]int32, n)
}

// ReleaseIndices hands idx, a buffer that MaxPool2dIndices returned, back
// for reuse by later calls. Nothing may use idx afterwards.
func ReleaseIndices(idx []int32) {
	n := len(idx)
	if n < poolIndexMin {
		return
	}
	p, _ := poolIndexBufs.LoadOrStore(n, new(sync.Pool))
	p.(*sync.Pool).Put(unsafe.Pointer(unsafe.SliceData(idx)))
}
