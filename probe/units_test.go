package probe

import (
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// Hand-made units with known answers, written independently of the
// stimulus code: they read the raw pixels of a batch.

// gaborKernel returns an s x s Gabor (x right, y up, centred) with wave
// vector at thetaDeg, frequency f, envelope sigma and phase phiDeg.
func gaborKernel(s int, thetaDeg, f, sigma, phiDeg float64) []float64 {
	k := make([]float64, s*s)
	c := float64(s-1) / 2
	th, ph := thetaDeg*math.Pi/180, phiDeg*math.Pi/180
	for r := 0; r < s; r++ {
		for col := 0; col < s; col++ {
			x, y := float64(col)-c, c-float64(r)
			xp := x*math.Cos(th) + y*math.Sin(th)
			k[r*s+col] = math.Exp(-(x*x+y*y)/(2*sigma*sigma)) * math.Cos(2*math.Pi*f*xp+ph)
		}
	}
	return k
}

// dotCentred is the dot product of kernel k (side s) with the centre of
// an h x w frame, after removing the mean luminance 0.5.
func dotCentred(k []float64, s int, frame []float32, h, w int) float64 {
	r0, c0 := (h-s)/2, (w-s)/2
	var sum float64
	for r := 0; r < s; r++ {
		for c := 0; c < s; c++ {
			sum += k[r*s+c] * (float64(frame[(r0+r)*w+c0+c]) - 0.5)
		}
	}
	return sum
}

// complexCell returns a Responder with one unit: the energy of a
// quadrature Gabor pair at thetaDeg (a V1 complex cell), for static
// batches [N, 1, H, W].
func complexCell(thetaDeg, f, sigma float64, s int) Responder {
	even := gaborKernel(s, thetaDeg, f, sigma, 0)
	odd := gaborKernel(s, thetaDeg, f, sigma, 90)
	return func(x *tensor.Tensor) (*tensor.Tensor, error) {
		n, h, w := x.Dim(0), x.Dim(2), x.Dim(3)
		out := tensor.New(n, 1)
		for i := 0; i < n; i++ {
			fr := x.Data()[i*h*w : (i+1)*h*w]
			e, o := dotCentred(even, s, fr, h, w), dotCentred(odd, s, fr, h, w)
			out.Data()[i] = float32(e*e + o*o)
		}
		return out, nil
	}
}

// simpleCells returns a Responder with two units: rectified simple cells
// (phase 0) at two orientations.
func simpleCells(th0, th1, f, sigma float64, s int) Responder {
	k := [][]float64{gaborKernel(s, th0, f, sigma, 0), gaborKernel(s, th1, f, sigma, 0)}
	return func(x *tensor.Tensor) (*tensor.Tensor, error) {
		n, h, w := x.Dim(0), x.Dim(2), x.Dim(3)
		out := tensor.New(n, 2)
		for i := 0; i < n; i++ {
			fr := x.Data()[i*h*w : (i+1)*h*w]
			for u := range k {
				out.Data()[i*2+u] = float32(math.Max(0, dotCentred(k[u], s, fr, h, w)))
			}
		}
		return out, nil
	}
}

// motionUnit returns a Responder with one unit: the motion energy
// (Adelson & Bergen 1985) of a space-time oriented quadrature pair tuned to
// motion along dirDeg at v pixels per frame, for sequences [N, T, 1, H, W].
func motionUnit(dirDeg, v, f, sigma float64, s int) Responder {
	var even, odd [][]float64
	var wts []float64
	return func(x *tensor.Tensor) (*tensor.Tensor, error) {
		n, T, h, w := x.Dim(0), x.Dim(1), x.Dim(3), x.Dim(4)
		tc := float64(T-1) / 2
		if len(wts) != T {
			even, odd, wts = nil, nil, nil
			for t := 0; t < T; t++ {
				// At frame t the pattern has moved v (t - tc) along dirDeg: the
				// filter's carrier phase follows it.
				shift := 360 * f * v * (float64(t) - tc)
				even = append(even, gaborKernel(s, dirDeg, f, sigma, -shift))
				odd = append(odd, gaborKernel(s, dirDeg, f, sigma, 90-shift))
				wts = append(wts, math.Exp(-(float64(t)-tc)*(float64(t)-tc)/(2*float64(T*T)/9)))
			}
		}
		out := tensor.New(n, 1)
		for i := 0; i < n; i++ {
			var e, o float64
			for t := 0; t < T; t++ {
				fr := x.Data()[(i*T+t)*h*w : (i*T+t+1)*h*w]
				e += wts[t] * dotCentred(even[t], s, fr, h, w)
				o += wts[t] * dotCentred(odd[t], s, fr, h, w)
			}
			out.Data()[i] = float32(e*e + o*o)
		}
		return out, nil
	}
}

// dogUnit returns an ON-centre (sign 1) or OFF-centre (sign -1) retinal
// unit: the rectified response of a difference of Gaussians with centre
// and surround widths sc, ss and surround/centre integrated gain k.
func dogUnit(sc, ss, k float64, s int, sign float64) Responder {
	ker := make([]float64, s*s)
	c := float64(s-1) / 2
	for r := 0; r < s; r++ {
		for col := 0; col < s; col++ {
			d2 := (float64(col)-c)*(float64(col)-c) + (float64(r)-c)*(float64(r)-c)
			ker[r*s+col] = math.Exp(-d2/(2*sc*sc))/(2*math.Pi*sc*sc) - k*math.Exp(-d2/(2*ss*ss))/(2*math.Pi*ss*ss)
		}
	}
	return func(x *tensor.Tensor) (*tensor.Tensor, error) {
		n, h, w := x.Dim(0), x.Dim(2), x.Dim(3)
		out := tensor.New(n, 1)
		for i := 0; i < n; i++ {
			out.Data()[i] = float32(math.Max(0, sign*dotCentred(ker, s, x.Data()[i*h*w:(i+1)*h*w], h, w)))
		}
		return out, nil
	}
}

// angleDiff returns the absolute difference of two angles modulo period.
func angleDiff(a, b, period float64) float64 {
	d := math.Mod(math.Abs(a-b), period)
	return math.Min(d, period-d)
}
