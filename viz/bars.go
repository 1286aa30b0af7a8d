package viz

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// Bars is a bar chart of labelled values, such as the class probabilities
// of a read-out; Highlight marks one bar (the prediction, say) in another
// colour.
type Bars struct {
	Title, YLabel string
	Labels        []string
	Values        []float64
	Highlight     int // index of the highlighted bar; -1 for none
	Width, Height int // 0 means 40 pixels per bar (at least 240) x 240
	YRange        *[2]float64
}

// Render draws the chart.
func (b *Bars) Render() (*image.RGBA, error) {
	n := len(b.Values)
	if n == 0 || len(b.Labels) != n {
		return nil, fmt.Errorf("viz: bars %q: %d values, %d labels", b.Title, n, len(b.Labels))
	}
	w, h := b.Width, b.Height
	if w == 0 {
		w = max(240, 70+40*n)
	}
	if h == 0 {
		h = 240
	}
	if err := checkSize("bars", w, h, 120, 120); err != nil {
		return nil, err
	}
	lo, hi := 0.0, 0.0
	for _, v := range b.Values {
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	top := 28
	if b.Title == "" {
		top = 12
	}
	x0, y0, x1, y1 := 70, top, w-16, h-49
	yr, err := fixedOr(b.YRange, lo, hi, "y", yTicks(y1-y0))
	if err != nil {
		return nil, err
	}
	c := NewCanvas(w, h, White)
	a := newAxes(c, x0, y0, x1, y1, -0.5, float64(n)-0.5, yr[0], yr[1])
	yt, yd := ticks(a.ymin, a.ymax, yTicks(y1-y0))
	for _, v := range yt {
		y := round(a.py(v))
		c.HLine(a.x0, a.x1, y, LightGrey)
		c.HLine(a.x0-4, a.x0, y, Black)
		c.TextAt(a.x0-6, y, formatTick(v, yd), 1, Right, Black)
	}
	bw := max(1, int(0.35*float64(x1-x0)/float64(n)))
	zero := round(a.py(math.Max(yr[0], math.Min(0, yr[1]))))
	for i, v := range b.Values {
		xc := round(a.px(float64(i)))
		col := Palette[0]
		if i == b.Highlight {
			col = Palette[3]
		}
		if finite(v) {
			y := round(a.py(math.Max(yr[0], math.Min(v, yr[1]))))
			c.FillRect(xc-bw, min(y, zero), xc+bw+1, max(y, zero)+1, col)
		}
		c.TextAt(xc, y1+5+GlyphH/2, b.Labels[i], 1, Center, Black)
	}
	c.Rect(x0, y0, x1+1, y1+1, Black)
	if b.YLabel != "" {
		c.TextUp(x0-10-TextWidth(formatTick(yt[len(yt)-1], yd), 1)-GlyphH/2, (y0+y1)/2, b.YLabel, Black)
	}
	if b.Title != "" {
		c.TextAt(w/2, top/2, b.Title, 1, Center, Black)
	}
	return c.Img, nil
}

// Mark draws a cross of the given colour and half-size at pixel (x, y) of
// img, for positions on pictures (a predicted object centre, say).
func Mark(img *image.RGBA, x, y, half int, col color.RGBA) {
	c := &Canvas{Img: img}
	c.Line(x-half, y, x+half, y, 1, col)
	c.Line(x, y-half, x, y+half, 1, col)
}
