package cortex

import (
	"github.com/neurocortex/neurocortex/internal/fmath"

	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// MotionBank describes spatiotemporal motion-energy filters (Adelson &
// Bergen 1985) spanning Frames frames, for Directions directions of motion
// and a set of speeds. Each filter is built from separable parts: a
// spatial Gabor pair along the direction of motion theta,
//
//	Se = env(x, y) cos(2 pi f x'),  So = env(x, y) sin(2 pi f x'),
//
// and a temporal pair centred on the middle frame,
//
//	Te = w(t) cos(2 pi f v t),  To = w(t) sin(2 pi f v t),
//
// combined into the quadrature pair of a space-time oriented filter tuned
// to motion along theta at v pixels per frame:
//
//	even = Se Te + So To = env w cos(2 pi f (x' - v t))
//	odd  = So Te - Se To = env w sin(2 pi f (x' - v t))
//
// The opposite direction swaps the signs of the To terms, so the squared
// sum even^2 + odd^2 (the motion energy) is direction selective. Each frame
// of each filter has its spatial mean removed (no response to uniform
// light, static or flickering) and each filter has unit L2 norm.
type MotionBank struct {
	Size          int       // odd spatial side, pixels
	Frames        int       // temporal extent T, frames (>= 2)
	Directions    int       // directions over 360 degrees; direction d moves along d*360/Directions degrees, x right, y up
	Frequency     float64   // spatial frequency, cycles per pixel, in (0, 0.5)
	Speeds        []float64 // speeds, pixels per frame (> 0); f*v must stay below 0.5 cycles per frame
	TemporalSigma float64   // width of w(t) in frames; 0 means Frames/3
}

// MotionSpec is the tuning of one filter of a MotionBank.
type MotionSpec struct {
	Direction int     // direction index
	Theta     float64 // direction of motion, radians (x right, y up)
	Speed     float64 // pixels per frame
	Odd       bool    // odd (sine) member of the quadrature pair
}

// Len returns the number of filters: Directions x len(Speeds) x 2.
func (m MotionBank) Len() int { return m.Directions * len(m.Speeds) * 2 }

// Spec returns the tuning of filter i. Filters are ordered by direction,
// then speed, then even/odd: i = (d*len(Speeds) + s)*2 + odd.
func (m MotionBank) Spec(i int) MotionSpec {
	ns := len(m.Speeds)
	d, s := i/(2*ns), i/2%ns
	return MotionSpec{Direction: d, Theta: 2 * math.Pi * float64(d) / float64(m.Directions), Speed: m.Speeds[s], Odd: i%2 == 1}
}

func (m MotionBank) temporalSigma() float64 {
	if m.TemporalSigma == 0 {
		return float64(m.Frames) / 3
	}
	return m.TemporalSigma
}

// Validate reports the first field that is out of range.
func (m MotionBank) Validate() error {
	switch {
	case m.Size < 1 || m.Size%2 == 0 || m.Size > 255:
		return fmt.Errorf("cortex: MotionBank.Size = %d, want an odd side 1..255", m.Size)
	case m.Frames < 2 || m.Frames > 1024:
		return fmt.Errorf("cortex: MotionBank.Frames = %d, want 2..1024", m.Frames)
	case m.Directions < 2 || m.Directions > 360:
		return fmt.Errorf("cortex: MotionBank.Directions = %d, want 2..360", m.Directions)
	case !(m.Frequency > 0 && m.Frequency < 0.5):
		return fmt.Errorf("cortex: MotionBank.Frequency = %v, want a frequency in (0, 0.5) cycles/pixel", m.Frequency)
	case len(m.Speeds) == 0:
		return fmt.Errorf("cortex: MotionBank.Speeds is empty")
	case !(m.TemporalSigma >= 0) || math.IsInf(m.TemporalSigma, 0):
		return fmt.Errorf("cortex: MotionBank.TemporalSigma = %v, want 0 (default Frames/3) or a finite width", m.TemporalSigma)
	}
	for i, v := range m.Speeds {
		if !(v > 0) || !(m.Frequency*v < 0.5) {
			return fmt.Errorf("cortex: MotionBank.Speeds[%d] = %v, want a speed > 0 with Frequency*speed < 0.5 cycles/frame (temporal Nyquist)", i, v)
		}
	}
	return nil
}

// Filters returns the bank as convolution weights [Len(), Frames, Size,
// Size]: frames stacked as input channels (oldest first), so a Conv2d over
// a sequence [N, Frames, H, W] computes every filter's response.
func (m MotionBank) Filters() (*tensor.Tensor, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	s, T := m.Size, m.Frames
	plane := s * s
	out := tensor.New(m.Len(), T, s, s)
	sigma := GaborBank{Bandwidth: 1.4}.Sigma(m.Frequency)
	se := make([]float64, plane)
	so := make([]float64, plane)
	buf := make([]float64, T*plane)
	tc := float64(T-1) / 2
	tinv := -1 / float64(2*float64(m.temporalSigma()*m.temporalSigma()))
	for i := 0; i < m.Len(); i++ {
		sp := m.Spec(i)
		sn, cs := fmath.SinCos(sp.Theta)
		carrier := func(odd bool) func(float64) float64 {
			return func(xp float64) float64 {
				s, c := fmath.SinCos(float64(2 * math.Pi * float64(m.Frequency*xp)))
				if odd {
					return s
				}
				return c
			}
		}
		gaborFill(se, s, sigma, 1, sn, cs, carrier(false))
		gaborFill(so, s, sigma, 1, sn, cs, carrier(true))
		for t := 0; t < T; t++ {
			dt := float64(t) - tc
			w := fmath.Exp(float64(float64(dt*dt) * tinv))
			ts, tcs := fmath.SinCos(float64(2 * math.Pi * float64(float64(m.Frequency*sp.Speed)*dt)))
			te, to := float64(w*tcs), float64(w*ts)
			frame := buf[t*plane : (t+1)*plane]
			for j := range frame {
				if sp.Odd {
					frame[j] = float64(so[j]*te) - float64(se[j]*to)
				} else {
					frame[j] = float64(se[j]*te) + float64(so[j]*to)
				}
			}
			removeMean64(frame)
		}
		normalize64(buf) // the mean is already 0; this sets the norm
		dst := out.Data()[i*T*plane : (i+1)*T*plane]
		for j, v := range buf {
			dst[j] = float32(v)
		}
	}
	return out, nil
}

func removeMean64(v []float64) {
	var mean float64
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	for i := range v {
		v[i] -= mean
	}
}
