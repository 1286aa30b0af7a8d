package spiking

// lifConst holds the per-step constants of the LIF update.
type lifConst struct {
	decay, vrest, r, vth, vreset, nref, jump float32
	sub                                      bool
}

// lifStepGeneric is the reference LIF update. For each neuron, in this
// order of float32 operations (every product rounded before it is added):
//
//	if ref > 0 { ref = ref - 1; s = 0; v unchanged }
//	else {
//		vinf = r*in + vrest
//		v = (v - vinf)*decay + vinf
//		if v >= vth { s = 1; ref = nref; v = vreset (or v - jump) } else { s = 0 }
//	}
func lifStepGeneric(v, ref, s, in []float32, k *lifConst) {
	ref = ref[:len(v)]
	s = s[:len(v)]
	in = in[:len(v)]
	decay, vrest, r, vth, vreset, nref, jump := k.decay, k.vrest, k.r, k.vth, k.vreset, k.nref, k.jump
	for i, x := range v {
		if ref[i] > 0 {
			ref[i]--
			s[i] = 0
			continue
		}
		vinf := float32(r*in[i]) + vrest
		x = float32((x-vinf)*decay) + vinf
		if x >= vth {
			s[i] = 1
			ref[i] = nref
			if k.sub {
				x -= jump
			} else {
				x = vreset
			}
		} else {
			s[i] = 0
		}
		v[i] = x
	}
}
