package spiking

// lifStep runs the LIF update on one chunk.
func lifStep(v, ref, s, in []float32, k *lifConst) { lifStepGeneric(v, ref, s, in, k) }
