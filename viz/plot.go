package viz

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// Series is one curve of a Plot.
type Series struct {
	Name   string     // legend entry; empty leaves it out of the legend
	X, Y   []float64  // X nil means 0, 1, 2, ...; NaN or Inf breaks the line
	Color  color.RGBA // zero means the next Palette colour
	Points bool       // mark every point with a dot
	NoLine bool       // do not join the points
	Width  int        // line width in pixels; 0 means 2
}

// Plot is an x-y line plot with axes, ticks, labels, a title and a legend.
type Plot struct {
	Title, XLabel, YLabel string // labels carry the units, e.g. "time (ms)"
	Series                []Series
	Width, Height         int // pixels; 0 means 640 x 400

	// Fixed ranges; otherwise each axis spans the data, widened to ticks.
	XRange, YRange *[2]float64

	HLines []float64 // dashed horizontal reference lines (e.g. a threshold)
	Grid   bool      // light grid at the ticks
}

// Render draws the plot. It fails on a series whose X and Y lengths differ,
// on an empty plot, and on a size out of range.
func (p *Plot) Render() (*image.RGBA, error) {
	w, h := p.Width, p.Height
	if w == 0 && h == 0 {
		w, h = 640, 400
	}
	if err := checkSize("plot", w, h, 160, 120); err != nil {
		return nil, err
	}
	left, right, top, bottom := 70, 15, 28, 48
	if p.Title == "" {
		top = 12
	}
	x0, y0, x1, y1 := left, top, w-right-1, h-bottom-1
	xr, yr, err := p.ranges(xTicks(x1-x0), yTicks(y1-y0))
	if err != nil {
		return nil, err
	}
	c := NewCanvas(w, h, White)
	a := newAxes(c, x0, y0, x1, y1, xr[0], xr[1], yr[0], yr[1])
	a.frame(p.XLabel, p.YLabel, p.Grid)
	for _, v := range p.HLines {
		if v >= yr[0] && v <= yr[1] {
			c.DashedHLine(a.x0+1, a.x1-1, round(a.py(v)), 6, 4, Grey)
		}
	}
	for i, s := range p.Series {
		col := seriesColor(s.Color, i)
		lw := s.Width
		if lw == 0 {
			lw = 2
		}
		for j := range s.Y {
			x, y := seriesX(s, j), s.Y[j]
			if !finite(x) || !finite(y) {
				continue
			}
			if !s.NoLine && j+1 < len(s.Y) {
				if x2, y2 := seriesX(s, j+1), s.Y[j+1]; finite(x2) && finite(y2) {
					a.segment(x, y, x2, y2, lw, col)
				}
			}
			if (s.Points || len(s.Y) == 1) && a.inside(x, y) {
				c.Disc(round(a.px(x)), round(a.py(y)), 2, col)
			}
		}
	}
	if p.Title != "" {
		c.TextAt(w/2, top/2, p.Title, 1, Center, Black)
	}
	p.legend(c, a)
	return c.Img, nil
}

func seriesColor(col color.RGBA, i int) color.RGBA {
	if col == (color.RGBA{}) {
		return Palette[i%len(Palette)]
	}
	return col
}

func seriesX(s Series, j int) float64 {
	if s.X == nil {
		return float64(j)
	}
	return s.X[j]
}

// ranges returns the axis ranges: fixed ones as given, the others spanning
// the finite data, widened to nice ticks.
func (p *Plot) ranges(nx, ny int) (xr, yr [2]float64, err error) {
	if len(p.Series) == 0 {
		return xr, yr, fmt.Errorf("viz: plot %q has no series", p.Title)
	}
	xlo, xhi, ylo, yhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i, s := range p.Series {
		if s.X != nil && len(s.X) != len(s.Y) {
			return xr, yr, fmt.Errorf("viz: plot %q series %d (%q): %d x values, %d y values", p.Title, i, s.Name, len(s.X), len(s.Y))
		}
		for j, y := range s.Y {
			x := seriesX(s, j)
			if !finite(x) || !finite(y) {
				continue
			}
			xlo, xhi = math.Min(xlo, x), math.Max(xhi, x)
			ylo, yhi = math.Min(ylo, y), math.Max(yhi, y)
		}
	}
	for _, v := range p.HLines {
		if finite(v) {
			ylo, yhi = math.Min(ylo, v), math.Max(yhi, v)
		}
	}
	if xlo > xhi { // no finite point
		xlo, xhi, ylo, yhi = 0, 1, 0, 1
	}
	xr, err = fixedOr(p.XRange, xlo, xhi, "x", nx)
	if err != nil {
		return xr, yr, err
	}
	yr, err = fixedOr(p.YRange, ylo, yhi, "y", ny)
	return xr, yr, err
}

func fixedOr(fixed *[2]float64, lo, hi float64, axis string, maxTicks int) ([2]float64, error) {
	if fixed != nil {
		if !(fixed[0] < fixed[1]) || !finite(fixed[0]) || !finite(fixed[1]) {
			return [2]float64{}, fmt.Errorf("viz: %s range %v, want finite lo < hi", axis, *fixed)
		}
		return *fixed, nil
	}
	lo, hi = niceRange(lo, hi, maxTicks)
	return [2]float64{lo, hi}, nil
}

// legend lists the named series in the top-right corner of the plot area.
func (p *Plot) legend(c *Canvas, a *axes) {
	var names []int
	wmax := 0
	for i, s := range p.Series {
		if s.Name != "" {
			names = append(names, i)
			wmax = max(wmax, TextWidth(s.Name, 1))
		}
	}
	if len(names) == 0 {
		return
	}
	bw, bh := wmax+34, len(names)*(GlyphH+3)+6
	bx, by := a.x1-bw-6, a.y0+6
	c.FillRect(bx, by, bx+bw, by+bh, White)
	c.Rect(bx, by, bx+bw, by+bh, Grey)
	for k, i := range names {
		y := by + 4 + k*(GlyphH+3) + GlyphH/2
		col := seriesColor(p.Series[i].Color, i)
		c.Line(bx+5, y, bx+23, y, 2, col)
		c.TextAt(bx+28, y, p.Series[i].Name, 1, Left, Black)
	}
}
