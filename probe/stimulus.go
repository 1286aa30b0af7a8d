package probe

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// Geometry is the format of a stimulus batch: Height x Width frames with
// Channels identical channels (grey light, seen equally by every cone),
// static [N, C, H, W] when Frames is 0 and sequences [N, T, C, H, W] of
// Frames frames otherwise.
type Geometry struct {
	Height, Width int
	Channels      int // 0 means 1
	Frames        int // 0: static images; >= 1: sequences
}

// Validate reports a geometry that cannot be rendered.
func (g Geometry) Validate() error {
	switch {
	case g.Height < 1 || g.Width < 1 || g.Height > 4096 || g.Width > 4096:
		return fmt.Errorf("probe: Geometry %dx%d, want 1..4096 pixels a side", g.Height, g.Width)
	case g.Channels < 0 || g.Channels > 16:
		return fmt.Errorf("probe: Geometry.Channels = %d, want 0..16", g.Channels)
	case g.Frames < 0 || g.Frames > 1024:
		return fmt.Errorf("probe: Geometry.Frames = %d, want 0 (static) or 1..1024", g.Frames)
	}
	return nil
}

func (g Geometry) channels() int { return max(g.Channels, 1) }
func (g Geometry) frames() int   { return max(g.Frames, 1) }

// Shape returns the shape of a batch of n stimuli.
func (g Geometry) Shape(n int) []int {
	if g.Frames == 0 {
		return []int{n, g.channels(), g.Height, g.Width}
	}
	return []int{n, g.Frames, g.channels(), g.Height, g.Width}
}

// A Stimulus draws frame t of itself into dst, h x w luminance values in
// row-major order (row 0 at the top), each in [0, 1]. Rendering is a pure
// function of the stimulus, the frame size and t.
type Stimulus interface {
	Frame(dst []float32, h, w, t int)
}

// Render draws the stimuli as one batch of the given geometry.
func Render(g Geometry, stims ...Stimulus) (*tensor.Tensor, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if len(stims) == 0 {
		return nil, fmt.Errorf("probe: Render: no stimuli")
	}
	out := tensor.New(g.Shape(len(stims))...)
	d := out.Data()
	hw := g.Height * g.Width
	c := g.channels()
	k := 0
	for _, s := range stims {
		for t := 0; t < g.frames(); t++ {
			frame := d[k : k+hw]
			s.Frame(frame, g.Height, g.Width, t)
			for i, v := range frame {
				frame[i] = clampUnit(v)
			}
			for ch := 1; ch < c; ch++ {
				copy(d[k+ch*hw:k+(ch+1)*hw], frame)
			}
			k += c * hw
		}
	}
	return out, nil
}

// coords returns the x, y coordinates (x right, y up, origin at the frame
// centre) of pixel (r, c).
func coords(h, w, r, c int) (x, y float64) {
	return float64(c) - float64(w-1)/2, float64(h-1)/2 - float64(r)
}

func clampUnit(v float32) float32 {
	switch {
	case v != v || v < 0:
		return 0
	case v > 1:
		return 1
	}
	return v
}

// meanOr returns m, or the default mean luminance 0.5 when m is 0.
func meanOr(m float64) float64 {
	if m == 0 {
		return 0.5
	}
	return m
}

// rad converts degrees to radians.
func rad(deg float64) float64 { return deg * math.Pi / 180 }

// coverage is the fraction of a pixel inside an edge at signed distance d
// (positive inside), a one-pixel linear ramp that lets edges move by less
// than a pixel.
func coverage(d float64) float64 {
	return math.Max(0, math.Min(1, d+0.5))
}
