//go:build gc && !purego

package spiking

import "golang.org/x/sys/cpu"

// useAVX512 selects the AVX-512 kernels; tests switch it off to compare
// them with the generic ones.
var useAVX512 = cpu.X86.HasAVX512F

// lifStepAVX512 is lifStepGeneric on len(v) neurons, a multiple of 16,
// 16 at a time (ordered compares, so NaNs behave as in Go):
//
//	for i := range v {
//		if ref[i] > 0 { ref[i]--; s[i] = 0; continue }
//		vinf := float32(k.r*in[i]) + k.vrest
//		x := float32((v[i]-vinf)*k.decay) + vinf
//		if x >= k.vth { s[i] = 1; ref[i] = k.nref; x = k.vreset (or x - k.jump) } else { s[i] = 0 }
//		v[i] = x
//	}
//
//go:noescape
func lifStepAVX512(v, ref, s, in []float32, k *lifConst)

// izhStepAVX512 is izhStepGeneric (standard u equation) on len(v)
// neurons, a multiple of 16:
//
//	for i := range v {
//		x, y := v[i], u[i]
//		dv := float32(float32(float32(k.k2*x)+k.k1)*x) + k.k0
//		dv = (dv - y) + in[i]
//		x = float32(k.dt*dv) + x
//		y = float32(k.adt*(float32(k.b*x)-y)) + y
//		if x >= k.peak { s[i] = 1; x = k.c; y += k.d } else { s[i] = 0 }
//		v[i], u[i] = x, y
//	}
//
//go:noescape
func izhStepAVX512(v, u, s, in []float32, k *izhConst)

// setAVX512 switches the assembly kernels (tests only).
func setAVX512(on bool) { useAVX512 = on && cpu.X86.HasAVX512F }
