//go:build linux

package simd

import (
	"math/rand/v2"
	"runtime/debug"
	"syscall"
	"testing"
	"unsafe"
)

// gemmGuardedPage maps a read-write page between two inaccessible ones and
// returns it as float32s; any access past either end faults.
func gemmGuardedPage(t *testing.T) []float32 {
	t.Helper()
	ps := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, 3*ps, syscall.PROT_NONE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	t.Cleanup(func() { syscall.Munmap(mem) })
	page := mem[ps : 2*ps]
	if err := syscall.Mprotect(page, syscall.PROT_READ|syscall.PROT_WRITE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	return unsafe.Slice((*float32)(unsafe.Pointer(&page[0])), ps/4)
}

// TestGemmKernelBounds places the panels and the C corner flush against
// inaccessible pages, at the end and at the start of a page, and checks
// that no path reads or writes one element outside them (masked loads and
// stores must not touch the lanes they mask).
func TestGemmKernelBounds(t *testing.T) {
	pa, pb, pc := gemmGuardedPage(t), gemmGuardedPage(t), gemmGuardedPage(t)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	rng := rand.New(rand.NewPCG(9, 9))
	for _, g := range gemmPaths() {
		withGemm(g, func() {
			for _, k := range []int{0, 1, 3, 17} {
				for _, sz := range [][2]int{{g.mr, g.nr}, {1, 1}, {g.mr, 1}, {1, g.nr}, {max(g.mr-1, 1), max(g.nr-3, 1)}} {
					mr, nr := sz[0], sz[1]
					for _, atEnd := range []bool{true, false} {
						place := func(p []float32, n int) []float32 {
							if atEnd {
								return p[len(p)-n:]
							}
							return p[:n:n]
						}
						a := place(pa, k*g.mr)
						b := place(pb, k*g.nr)
						c := place(pc, mr*nr)
						gemmFill(rng, a, false)
						gemmFill(rng, b, false)
						gemmFill(rng, c, false)
						want := append([]float32(nil), c...)
						gemmKernelEdgeGeneric(g.mr, g.nr, mr, nr, k, a, b, want, nr, true)
						func() {
							defer func() {
								if r := recover(); r != nil {
									t.Fatalf("%s %dx%d k=%d atEnd=%v: %v", g.name, mr, nr, k, atEnd, r)
								}
							}()
							GemmKernelEdge(mr, nr, k, a, b, c, nr, true)
						}()
						for i := range c {
							if !gemmSame(c[i], want[i]) {
								t.Fatalf("%s %dx%d k=%d atEnd=%v: c[%d] = %v, want %v", g.name, mr, nr, k, atEnd, i, c[i], want[i])
							}
						}
					}
				}
			}
		})
	}
}
