// Package plasticity holds synaptic learning rules that change a weight
// tensor from the activity on both sides of it: spike-timing-dependent
// plasticity (pair-based, with traces), rate-based Hebbian learning with
// Oja's normalisation, the BCM rule, and homeostasis (adaptive thresholds
// and multiplicative synaptic scaling).
//
// Weights are [pre, post] tensors, the layout of spiking.Dense, unless a
// rule says otherwise; activity is batched ([batch, pre] and
// [batch, post]) and the contributions of a batch are added in sample
// order, so results are deterministic. Rules that need randomness take an
// explicit generator.
package plasticity
