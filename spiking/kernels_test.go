package spiking

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// kernelInputs returns state and input slices of length n with guard
// cells around each, mixing refractory, near-threshold, spiking, NaN and
// infinite values.
func kernelInputs(n int, seed uint64) (a, b, in []float32) {
	rng := tensor.NewRNG(seed, 9)
	mk := func(lo, hi float32) []float32 {
		x := make([]float32, n+32)
		for i := range x {
			x[i] = lo + (hi-lo)*rng.Float32()
		}
		return x
	}
	a, b, in = mk(-80, 40), mk(-3, 6), mk(-20, 200)
	for i := 0; i < n; i += 7 {
		switch rng.IntN(5) {
		case 0:
			a[16+i] = float32(math.NaN())
		case 1:
			in[16+i] = float32(math.Inf(1))
		case 2:
			b[16+i] = float32(math.Round(float64(b[16+i]))) // whole refractory counts
		}
	}
	return a, b, in
}

func TestKernelsMatchGeneric(t *testing.T) {
	if !useAVX512 {
		t.Skip("no AVX-512 kernel on this machine")
	}
	lifK := []lifConst{
		{decay: Decay(0.1, 20), vrest: -70, r: 1, vth: -54, vreset: -70, nref: 20},
		{decay: Decay(1, 10), vrest: -65, r: 0.5, vth: -50, vreset: -60, nref: 0, jump: 10, sub: true},
	}
	p := Izhikevich2003(0.02, 0.2, -65, 8)
	izhK := izhConst{k2: p.K2, k1: p.K1, k0: p.K0, dt: 0.25, adt: 0.02 * 0.25, b: p.B, c: p.C, d: p.D, peak: p.VPeak}
	for _, n := range []int{16, 17, 31, 32, 33, 100, 1000} {
		for seed := range uint64(3) {
			for _, k := range lifK {
				v, ref, in := kernelInputs(n, seed)
				v2, ref2 := append([]float32(nil), v...), append([]float32(nil), ref...)
				s, s2 := make([]float32, n+32), make([]float32, n+32)
				for i := range s {
					s[i], s2[i] = 7, 7 // guard value
				}
				lifStep(v[16:16+n], ref[16:16+n], s[16:16+n], in[16:16+n], &k)
				lifStepGeneric(v2[16:16+n], ref2[16:16+n], s2[16:16+n], in[16:16+n], &k)
				if i := firstDiff(v, v2); i >= 0 {
					t.Fatalf("LIF n=%d seed %d: v[%d] = %v, generic %v", n, seed, i-16, v[i], v2[i])
				}
				if i := firstDiff(ref, ref2); i >= 0 {
					t.Fatalf("LIF n=%d: ref[%d] = %v, generic %v", n, i-16, ref[i], ref2[i])
				}
				if i := firstDiff(s, s2); i >= 0 || s[15] != 7 || s[16+n] != 7 {
					t.Fatalf("LIF n=%d: spikes differ at %d or guard cells written", n, i-16)
				}
			}
			v, u, in := kernelInputs(n, seed)
			for i := range u {
				u[i] *= 3
			}
			v2, u2 := append([]float32(nil), v...), append([]float32(nil), u...)
			s, s2 := make([]float32, n+32), make([]float32, n+32)
			izhStep(v[16:16+n], u[16:16+n], s[16:16+n], in[16:16+n], &izhK)
			izhStepGeneric(v2[16:16+n], u2[16:16+n], s2[16:16+n], in[16:16+n], &izhK)
			if i := firstDiff(v, v2); i >= 0 {
				t.Fatalf("Izhikevich n=%d seed %d: v[%d] = %v, generic %v", n, seed, i-16, v[i], v2[i])
			}
			if i := firstDiff(u, u2); i >= 0 {
				t.Fatalf("Izhikevich n=%d: u[%d] = %v, generic %v", n, i-16, u[i], u2[i])
			}
			if i := firstDiff(s, s2); i >= 0 {
				t.Fatalf("Izhikevich n=%d: spikes differ at %d", n, i-16)
			}
		}
	}
}

func firstDiff(a, b []float32) int {
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) && !(a[i] != a[i] && b[i] != b[i]) {
			return i
		}
	}
	return -1
}

func TestPopulationsSameBitsWithoutAssembly(t *testing.T) {
	// A whole simulation gives the same bits with the assembly kernels on
	// and off.
	run := func() (*tensor.Tensor, *tensor.Tensor) {
		rng := tensor.NewRNG(4, 4)
		l, _ := NewLIF(2, 1003, DefaultLIF(), 0.1)
		p, _ := IzhikevichPreset("CH")
		z, _ := NewIzhikevich(2, 1003, p, 0.25)
		inL := tensor.RandUniform(rng, 0, 40, 2, 1003)
		inZ := tensor.RandUniform(rng, 0, 15, 2, 1003)
		for range 2000 {
			l.Step(inL)
			z.Step(inZ)
		}
		return l.V, z.U
	}
	a1, b1 := run()
	saved := useAVX512
	setAVX512(false)
	a2, b2 := run()
	setAVX512(saved)
	if !tensor.Equal(a1, a2) || !tensor.Equal(b1, b2) {
		t.Fatal("simulation differs between assembly and generic kernels")
	}
}
