package spiking

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/neurocortex/neurocortex/tensor"
)

// IzhikevichParams are the parameters of Izhikevich's simple model
// (Izhikevich 2003),
//
//	v' = K2 v^2 + K1 v + K0 - u + I
//	u' = A (B (v - UOffset) - u)        (without the -u term if NoUDecay)
//	if v >= VPeak: v <- C, u <- u + D
//
// with v in mV, time in ms and I in the paper's units. K2, K1, K0 are
// 0.04, 5, 140 in the standard model; two panels of Izhikevich (2004)
// change them (4.1 and 108) and one (accommodation) uses NoUDecay with
// UOffset -65.
type IzhikevichParams struct {
	A, B, C, D float32
	K2, K1, K0 float32
	VPeak      float32
	UOffset    float32
	NoUDecay   bool
}

// Izhikevich2003 returns the standard model with the given a, b, c, d.
func Izhikevich2003(a, b, c, d float32) IzhikevichParams {
	return IzhikevichParams{A: a, B: b, C: c, D: d, K2: 0.04, K1: 5, K0: 140, VPeak: 30}
}

// izhPresets are the cortical and thalamic cell classes of Izhikevich
// (2003), Fig. 2.
var izhPresets = map[string][4]float32{
	"RS":  {0.02, 0.2, -65, 8},     // regular spiking (excitatory)
	"IB":  {0.02, 0.2, -55, 4},     // intrinsically bursting
	"CH":  {0.02, 0.2, -50, 2},     // chattering
	"FS":  {0.1, 0.2, -65, 2},      // fast spiking (inhibitory)
	"LTS": {0.02, 0.25, -65, 2},    // low-threshold spiking
	"TC":  {0.02, 0.25, -65, 0.05}, // thalamo-cortical
	"RZ":  {0.1, 0.26, -65, 2},     // resonator
}

// IzhikevichPreset returns the preset of the given name (RS, IB, CH, FS,
// LTS, TC or RZ, case-insensitive).
func IzhikevichPreset(name string) (IzhikevichParams, error) {
	p, ok := izhPresets[strings.ToUpper(name)]
	if !ok {
		return IzhikevichParams{}, fmt.Errorf("spiking: unknown Izhikevich preset %q (have %s)", name, strings.Join(IzhikevichPresetNames(), ", "))
	}
	return Izhikevich2003(p[0], p[1], p[2], p[3]), nil
}

// IzhikevichPresetNames lists the preset names in alphabetical order.
func IzhikevichPresetNames() []string {
	names := make([]string, 0, len(izhPresets))
	for n := range izhPresets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Validate reports non-finite parameters.
func (p IzhikevichParams) Validate() error {
	for _, x := range []float32{p.A, p.B, p.C, p.D, p.K2, p.K1, p.K0, p.VPeak, p.UOffset} {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return fmt.Errorf("spiking: Izhikevich: non-finite parameter in %+v", p)
		}
	}
	if !(p.VPeak > p.C) {
		return fmt.Errorf("spiking: Izhikevich: peak %v mV must exceed reset c = %v mV", p.VPeak, p.C)
	}
	return nil
}

// Izhikevich is a population of Izhikevich neurons integrated by forward
// Euler exactly as the author's published code does: v first, then u from
// the new v, then the spike test.
type Izhikevich struct {
	P       IzhikevichParams
	V, U, S *tensor.Tensor
	Threads int // goroutines per step; 0 means GOMAXPROCS

	batch, n int
	dt       float32
	k        izhConst
	zeros    []float32
}

// NewIzhikevich returns a population at v = c, u = b*v (the author's
// initial condition for the network model); set V and U to start elsewhere.
func NewIzhikevich(batch, n int, p IzhikevichParams, dt float32) (*Izhikevich, error) {
	if err := checkShape("Izhikevich", batch, n, dt); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	z := &Izhikevich{P: p, batch: batch, n: n, dt: dt,
		V: tensor.New(batch, n), U: tensor.New(batch, n), S: tensor.New(batch, n)}
	z.k = izhConst{k2: p.K2, k1: p.K1, k0: p.K0, dt: dt, adt: float32(float64(p.A) * float64(dt)),
		b: p.B, c: p.C, d: p.D, peak: p.VPeak, uoff: p.UOffset, nodecay: p.NoUDecay}
	z.Reset()
	return z, nil
}

// Reset sets v = c and u = b*(c - UOffset), the author's initial
// condition for the network model.
func (z *Izhikevich) Reset() { z.ResetTo(z.P.C) }

// ResetTo sets every neuron to v = v0, u = b*(v0 - UOffset) and clears
// the spikes.
func (z *Izhikevich) ResetTo(v0 float32) {
	z.V.Fill(v0)
	z.U.Fill(float32(z.P.B * (v0 - z.P.UOffset)))
	z.S.Zero()
}

// Step advances the population by one step; see Population.
func (z *Izhikevich) Step(input *tensor.Tensor) *tensor.Tensor {
	in := inputData("Izhikevich", input, z.batch, z.n, &z.zeros)
	v, u, s := z.V.Data(), z.U.Data(), z.S.Data()
	parallelFor(len(v), z.Threads, func(lo, hi int) {
		izhStep(v[lo:hi], u[lo:hi], s[lo:hi], in[lo:hi], &z.k)
	})
	return z.S
}

// Spikes returns the spikes of the last step.
func (z *Izhikevich) Spikes() *tensor.Tensor { return z.S }

// State returns "v" or "u".
func (z *Izhikevich) State(name string) *tensor.Tensor {
	switch name {
	case "v":
		return z.V
	case "u":
		return z.U
	}
	return nil
}

// Shape returns the batch size and neurons per sample.
func (z *Izhikevich) Shape() (int, int) { return z.batch, z.n }

// Dt returns the time step in ms.
func (z *Izhikevich) Dt() float32 { return z.dt }
