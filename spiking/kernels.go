package spiking

// lifStep runs the LIF update on one chunk: whole blocks of 16 neurons in
// assembly where available, the rest (and everything elsewhere) in Go.
// Both compute the same float32 operations in the same order (see
// lifStepGeneric), so the results are the same bits.
func lifStep(v, ref, s, in []float32, k *lifConst) {
	n := 0
	if useAVX512 {
		n = len(v) &^ 15
		if n > 0 {
			lifStepAVX512(v[:n], ref[:n], s[:n], in[:n], k)
		}
	}
	lifStepGeneric(v[n:], ref[n:], s[n:], in[n:], k)
}

// izhStep runs the Izhikevich update on one chunk (see lifStep).
func izhStep(v, u, s, in []float32, k *izhConst) {
	n := 0
	if useAVX512 && !k.nodecay {
		n = len(v) &^ 15
		if n > 0 {
			izhStepAVX512(v[:n], u[:n], s[:n], in[:n], k)
		}
	}
	izhStepGeneric(v[n:], u[n:], s[n:], in[n:], k)
}
