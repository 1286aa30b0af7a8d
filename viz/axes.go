package viz

import (
	"fmt"
	"image/color"
	"math"
)

// axes maps data coordinates to the pixels of a plot rectangle and draws
// its frame, ticks and labels.
type axes struct {
	c                      *Canvas
	x0, y0, x1, y1         int // plot rectangle, pixels (y0 top)
	xmin, xmax, ymin, ymax float64
	sx, sy                 float64 // pixels per data unit
}

func newAxes(c *Canvas, x0, y0, x1, y1 int, xmin, xmax, ymin, ymax float64) *axes {
	a := &axes{c: c, x0: x0, y0: y0, x1: x1, y1: y1, xmin: xmin, xmax: xmax, ymin: ymin, ymax: ymax}
	a.sx = float64(x1-x0) / (xmax - xmin)
	a.sy = float64(y1-y0) / (ymax - ymin)
	return a
}

// px and py return fractional pixel coordinates of data x and y.
func (a *axes) px(x float64) float64 { return float64(a.x0) + float64((x-a.xmin)*a.sx) }
func (a *axes) py(y float64) float64 { return float64(a.y1) - float64((y-a.ymin)*a.sy) }

// xTicks and yTicks return the most tick intervals that fit an axis of
// the given length in pixels.
func xTicks(px int) int { return max(2, px/70) }
func yTicks(px int) int { return max(2, px/40) }

func round(v float64) int { return int(math.Floor(v + 0.5)) }

// frame draws the box, the ticks with their labels, the grid and the axis
// labels.
func (a *axes) frame(xlabel, ylabel string, grid bool) {
	c := a.c
	xt, xd := ticks(a.xmin, a.xmax, xTicks(a.x1-a.x0))
	yt, yd := ticks(a.ymin, a.ymax, yTicks(a.y1-a.y0))
	for _, v := range xt {
		x := round(a.px(v))
		if grid {
			c.VLine(x, a.y0, a.y1, LightGrey)
		}
		c.VLine(x, a.y1, a.y1+4, Black)
		c.TextAt(x, a.y1+5+GlyphH/2, formatTick(v, xd), 1, Center, Black)
	}
	for _, v := range yt {
		y := round(a.py(v))
		if grid {
			c.HLine(a.x0, a.x1, y, LightGrey)
		}
		c.HLine(a.x0-4, a.x0, y, Black)
		c.TextAt(a.x0-6, y, formatTick(v, yd), 1, Right, Black)
	}
	c.Rect(a.x0, a.y0, a.x1+1, a.y1+1, Black)
	if xlabel != "" {
		c.TextAt((a.x0+a.x1)/2, a.y1+8+GlyphH+GlyphH/2+2, xlabel, 1, Center, Black)
	}
	if ylabel != "" {
		w := 0
		for _, v := range yt {
			w = max(w, TextWidth(formatTick(v, yd), 1))
		}
		c.TextUp(a.x0-10-w-GlyphH/2, (a.y0+a.y1)/2, ylabel, Black)
	}
}

// segment draws the part of the data segment (xa, ya)-(xb, yb) that lies
// inside the plot rectangle (Liang-Barsky clipping in pixel space).
func (a *axes) segment(xa, ya, xb, yb float64, width int, col color.RGBA) {
	pa, qa, pb, qb := a.px(xa), a.py(ya), a.px(xb), a.py(yb)
	t0, t1 := 0.0, 1.0
	dx, dy := pb-pa, qb-qa
	clip := func(p, q float64) bool {
		switch {
		case p == 0:
			return q >= 0
		case p < 0:
			if r := q / p; r > t1 {
				return false
			} else if r > t0 {
				t0 = r
			}
		default:
			if r := q / p; r < t0 {
				return false
			} else if r < t1 {
				t1 = r
			}
		}
		return true
	}
	if !(clip(-dx, pa-float64(a.x0)) && clip(dx, float64(a.x1)-pa) &&
		clip(-dy, qa-float64(a.y0)) && clip(dy, float64(a.y1)-qa)) {
		return
	}
	a.c.Line(round(pa+float64(t0*dx)), round(qa+float64(t0*dy)),
		round(pa+float64(t1*dx)), round(qa+float64(t1*dy)), width, col)
}

// inside reports whether the data point lies in the plot rectangle.
func (a *axes) inside(x, y float64) bool {
	return x >= a.xmin && x <= a.xmax && y >= a.ymin && y <= a.ymax
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkSize validates a picture size.
func checkSize(what string, w, h, minW, minH int) error {
	if w < minW || h < minH || w > 8192 || h > 8192 {
		return fmt.Errorf("viz: %s size %dx%d, want %dx%d to 8192x8192 pixels", what, w, h, minW, minH)
	}
	return nil
}
