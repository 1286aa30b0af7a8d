package probe

import (
	"math"
	"math/rand/v2"
)

// Dots is a random-dot kinematogram (Newsome & Pare 1988): bright dots on
// a uniform background. Every frame, each dot is a signal dot with
// probability Coherence and steps Speed pixels along Direction; otherwise
// it steps Speed pixels in a random direction (Scase et al.'s "random
// direction" noise, so speed carries no cue). Dots wrap around the frame
// edges, and a dot whose Lifetime expires is replotted at random. All draws
// come from a PCG stream seeded by Seed, so a kinematogram is a pure
// function of its fields and the frame size.
type Dots struct {
	Direction float64 // of the signal, degrees
	Coherence float64 // fraction of signal dots, 0..1
	Speed     float64 // pixels per frame
	Density   float64 // dots per pixel; 0 means 0.05
	Radius    float64 // dot radius, pixels; 0 means 0.7 (about one pixel)
	Contrast  float64 // dot luminance Mean (1 + Contrast); 0 means 1
	Mean      float64 // 0 means 0.5
	Lifetime  int     // frames before a dot is replotted; 0 is unlimited
	Seed      uint64
}

// Positions returns the dot centres (x right, y up, origin at the frame
// centre) in frame t of an h x w frame.
func (d Dots) Positions(h, w, t int) [][2]float64 {
	density := d.Density
	if density == 0 {
		density = 0.05
	}
	n := max(1, int(math.Round(density*float64(h*w))))
	rng := rand.New(rand.NewPCG(d.Seed, 0x646f7473)) // "dots"
	W, H := float64(w), float64(h)
	pos := make([][2]float64, n)
	age := make([]int, n)
	for i := range pos {
		pos[i] = [2]float64{float64(rng.Float64()*W) - W/2, float64(rng.Float64()*H) - H/2}
		if d.Lifetime > 0 {
			age[i] = rng.IntN(d.Lifetime) // staggered, so dots do not all die at once
		}
	}
	sn, cs := math.Sincos(rad(d.Direction))
	for f := 1; f <= t; f++ {
		for i := range pos {
			// Draw in a fixed order whatever branch is taken, so one dot's
			// fate never shifts another's random numbers.
			signal := rng.Float64() < d.Coherence
			theta := 2 * math.Pi * rng.Float64()
			rx, ry := rng.Float64(), rng.Float64()
			age[i]++
			if d.Lifetime > 0 && age[i] >= d.Lifetime {
				age[i] = 0
				pos[i] = [2]float64{float64(rx*W) - W/2, float64(ry*H) - H/2}
				continue
			}
			dx, dy := float64(d.Speed*cs), float64(d.Speed*sn)
			if !signal {
				s, c := math.Sincos(theta)
				dx, dy = float64(d.Speed*c), float64(d.Speed*s)
			}
			pos[i] = [2]float64{wrap(pos[i][0]+dx, W), wrap(pos[i][1]+dy, H)}
		}
	}
	return pos
}

// wrap maps v into [-L/2, L/2).
func wrap(v, L float64) float64 {
	v = math.Mod(v+L/2, L)
	if v < 0 {
		v += L
	}
	return v - L/2
}

// Frame implements Stimulus.
func (d Dots) Frame(dst []float32, h, w, t int) {
	m := meanOr(d.Mean)
	con := d.Contrast
	if con == 0 {
		con = 1
	}
	rad := d.Radius
	if rad == 0 {
		rad = 0.7
	}
	for i := range dst[:h*w] {
		dst[i] = float32(m)
	}
	cov := make([]float64, h*w)
	W, H := float64(w), float64(h)
	for _, p := range d.Positions(h, w, t) {
		r0 := int(math.Floor(float64(H-1)/2 - p[1] - rad - 1))
		c0 := int(math.Floor(p[0] + float64(W-1)/2 - rad - 1))
		span := int(2*rad) + 3
		for r := r0; r <= r0+span; r++ {
			for c := c0; c <= c0+span; c++ {
				rr, cc := ((r%h)+h)%h, ((c%w)+w)%w
				x, y := coords(h, w, r, c)
				a := coverage(rad - math.Hypot(x-p[0], y-p[1]))
				if k := rr*w + cc; a > cov[k] {
					cov[k] = a
				}
			}
		}
	}
	for i, a := range cov {
		dst[i] = float32(m * float64(1+float64(a*con)))
	}
}
