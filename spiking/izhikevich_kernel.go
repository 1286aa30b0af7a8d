package spiking

// izhConst holds the per-step constants of the Izhikevich update;
// adt = a*dt.
type izhConst struct {
	k2, k1, k0, dt, adt, b, c, d, peak, uoff float32
	nodecay                                  bool
}

// izhStepGeneric is the reference Izhikevich update. For each neuron, in
// this order of float32 operations (every product rounded before it is
// added):
//
//	v = dt*(((k2*v + k1)*v + k0 - u) + in) + v
//	u = adt*(b*v - u) + u                  (standard)
//	u = adt*(b*(v - uoff)) + u             (nodecay)
//	if v >= peak { s = 1; v = c; u = u + d } else { s = 0 }
func izhStepGeneric(v, u, s, in []float32, k *izhConst) {
	u = u[:len(v)]
	s = s[:len(v)]
	in = in[:len(v)]
	k2, k1, k0, dt, adt, b, c, d, peak := k.k2, k.k1, k.k0, k.dt, k.adt, k.b, k.c, k.d, k.peak
	for i, x := range v {
		y := u[i]
		dv := float32(float32(float32(k2*x)+k1)*x) + k0
		dv = (dv - y) + in[i]
		x = float32(dt*dv) + x
		if k.nodecay {
			y = float32(adt*float32(b*(x-k.uoff))) + y
		} else {
			y = float32(adt*(float32(b*x)-y)) + y
		}
		if x >= peak {
			s[i] = 1
			x = c
			y += d
		} else {
			s[i] = 0
		}
		v[i], u[i] = x, y
	}
}
