package probe

import "math"

// Grating is a sinusoidal luminance grating,
//
//	L(x, y, t) = Mean (1 + Contrast cos(2 pi SF (x' - Speed t) + Phase))
//	x' = (x - X) cos(Orientation) + (y - Y) sin(Orientation),
//
// static when Speed is 0 and drifting along Orientation otherwise (a
// negative Speed drifts the opposite way). With Radius > 0 the grating
// fills a soft-edged disc (an annulus when Inner > 0) on a uniform Mean
// background: the stimulus of size tuning and surround suppression.
type Grating struct {
	Orientation float64 // direction of the wave vector, degrees
	SF          float64 // spatial frequency, cycles per pixel
	Phase       float64 // degrees
	Contrast    float64 // Michelson contrast, 0..1
	Mean        float64 // mean luminance; 0 means 0.5
	Speed       float64 // drift, pixels per frame
	Radius      float64 // aperture radius in pixels; 0 is full field
	Inner       float64 // inner radius of an annulus; 0 is a disc
	X, Y        float64 // aperture centre relative to the frame centre
}

// Frame implements Stimulus.
func (g Grating) Frame(dst []float32, h, w, t int) {
	m := meanOr(g.Mean)
	sn, cs := math.Sincos(rad(g.Orientation))
	k := 2 * math.Pi * g.SF
	shift := float64(g.Speed * float64(t))
	ph := rad(g.Phase)
	for r := 0; r < h; r++ {
		for c := 0; c < w; c++ {
			x, y := coords(h, w, r, c)
			x, y = x-g.X, y-g.Y
			xp := float64(x*cs) + float64(y*sn)
			v := float64(m * float64(1+float64(g.Contrast*math.Cos(float64(k*(xp-shift))+ph))))
			if g.Radius > 0 {
				a := aperture(math.Hypot(x, y), g.Inner, g.Radius)
				v = m + float64(a*(v-m))
			}
			dst[r*w+c] = float32(v)
		}
	}
}

// aperture is the soft-edged indicator of inner <= rho <= outer.
func aperture(rho, inner, outer float64) float64 {
	a := coverage(outer - rho)
	if inner > 0 {
		a = math.Min(a, coverage(rho-inner))
	}
	return a
}

// Bar is a bright (Contrast > 0) or dark (Contrast < 0) bar on a uniform
// background, its long axis normal to Direction, moving along Direction at
// Speed pixels per frame. At frame t its centre line is at
// Offset + Speed t along Direction from the frame centre; SweepBar centres
// the sweep on the middle frame.
type Bar struct {
	Direction float64 // of motion, degrees; the bar is oriented at Direction + 90
	Width     float64 // pixels across the motion
	Length    float64 // pixels along the bar; 0 is the whole frame
	Speed     float64 // pixels per frame
	Offset    float64 // position at frame 0, pixels along Direction
	Contrast  float64 // luminance step relative to Mean: L = Mean (1 + Contrast) on the bar
	Mean      float64 // 0 means 0.5
}

// SweepBar returns a bar that crosses the frame centre in the middle of a
// sequence of the given number of frames.
func SweepBar(direction, width, speed, contrast float64, frames int) Bar {
	return Bar{Direction: direction, Width: width, Speed: speed, Contrast: contrast,
		Offset: -float64(speed * float64(frames-1) / 2)}
}

// Frame implements Stimulus.
func (b Bar) Frame(dst []float32, h, w, t int) {
	m := meanOr(b.Mean)
	sn, cs := math.Sincos(rad(b.Direction))
	pos := b.Offset + float64(b.Speed*float64(t))
	for r := 0; r < h; r++ {
		for c := 0; c < w; c++ {
			x, y := coords(h, w, r, c)
			along := float64(x*cs) + float64(y*sn)
			a := coverage(b.Width/2 - math.Abs(along-pos))
			if b.Length > 0 {
				across := float64(y*cs) - float64(x*sn)
				a = math.Min(a, coverage(b.Length/2-math.Abs(across)))
			}
			dst[r*w+c] = float32(m * float64(1+float64(a*b.Contrast)))
		}
	}
}

// Spot is a uniform disc (an annulus when Inner > 0) of luminance
// Mean (1 + Contrast) on a Mean background: the classic stimulus of
// centre-surround receptive fields and area summation.
type Spot struct {
	Radius   float64 // outer radius, pixels
	Inner    float64 // inner radius of an annulus; 0 is a disc
	Contrast float64 // positive: brighter than the background
	Mean     float64 // 0 means 0.5
	X, Y     float64 // centre relative to the frame centre
}

// Frame implements Stimulus; spots are static.
func (s Spot) Frame(dst []float32, h, w, t int) {
	m := meanOr(s.Mean)
	for r := 0; r < h; r++ {
		for c := 0; c < w; c++ {
			x, y := coords(h, w, r, c)
			a := aperture(math.Hypot(x-s.X, y-s.Y), s.Inner, s.Radius)
			dst[r*w+c] = float32(m * float64(1+float64(a*s.Contrast)))
		}
	}
}
