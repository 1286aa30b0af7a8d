package viz

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"
	"strconv"
)

// Polar is a polar plot of tuning curves: response as the distance from
// the centre at each stimulus angle, 0 degrees to the right and angles
// counter-clockwise (the stimulus convention of package probe).
type Polar struct {
	Title     string
	AnglesDeg []float64   // stimulus angles, degrees
	Curves    [][]float64 // responses, one slice per curve, each len(AnglesDeg); negative values are drawn at 0
	Names     []string    // legend, optional
	Colors    []color.RGBA
	// Axial marks orientation data (period 180 degrees): each point is also
	// drawn at angle + 180, closing the figure-of-eight.
	Axial bool
	// Preferred draws a line from the centre at this angle (degrees) when
	// not NaN; set it to math.NaN() to omit.
	Preferred float64
	Size      int     // side in pixels; 0 means 320
	RMax      float64 // outer ring value; 0 means the largest response
	Units     string  // of the response, printed with the ring value
}

// Render draws the polar plot.
func (p *Polar) Render() (*image.RGBA, error) {
	if len(p.Curves) == 0 || len(p.AnglesDeg) == 0 {
		return nil, fmt.Errorf("viz: polar %q: no data", p.Title)
	}
	for i, cv := range p.Curves {
		if len(cv) != len(p.AnglesDeg) {
			return nil, fmt.Errorf("viz: polar %q: curve %d has %d values for %d angles", p.Title, i, len(cv), len(p.AnglesDeg))
		}
	}
	s := p.Size
	if s == 0 {
		s = 320
	}
	if err := checkSize("polar", s, s, 80, 80); err != nil {
		return nil, err
	}
	top := 0
	if p.Title != "" {
		top = GlyphH + 4
	}
	bottom := GlyphH + 2 // ring value
	c := NewCanvas(s, s+top+bottom, White)
	if p.Title != "" {
		c.TextAt(s/2, 2+GlyphH/2, p.Title, 1, Center, Black)
	}
	cx, cy := s/2, top+s/2
	lw := TextWidth("180°", 1)
	R := float64(s/2 - lw - 6)
	rmax := p.RMax
	if rmax <= 0 {
		for _, cv := range p.Curves {
			for _, v := range cv {
				if finite(v) {
					rmax = math.Max(rmax, v)
				}
			}
		}
	}
	if !(rmax > 0) {
		rmax = 1
	}
	// Grid: three rings and spokes every 45 degrees.
	for k := 1; k <= 3; k++ {
		c.Circle(cx, cy, round(R*float64(k)/3), LightGrey)
	}
	for deg := 0; deg < 360; deg += 45 {
		x, y := polarXY(cx, cy, R, float64(deg))
		c.Line(cx, cy, round(x), round(y), 1, LightGrey)
		off := float64(lw/2 + 4)
		if deg == 90 || deg == 270 {
			off = float64(GlyphH/2 + 3)
		}
		lx, ly := polarXY(cx, cy, R+off, float64(deg))
		if deg%90 == 0 {
			c.TextAt(round(lx), round(ly), strconv.Itoa(deg)+"°", 1, Center, Grey)
		}
	}
	ring := strconv.FormatFloat(rmax, 'g', 3, 64)
	if p.Units != "" {
		ring += " " + p.Units
	}
	c.TextAt(s-4, top+s+bottom/2, "outer ring "+ring, 1, Right, Grey)
	for i, cv := range p.Curves {
		col := Palette[i%len(Palette)]
		if i < len(p.Colors) {
			col = p.Colors[i]
		}
		pts := polarPoints(p.AnglesDeg, cv, p.Axial)
		for j := range pts {
			a, b := pts[j], pts[(j+1)%len(pts)]
			x0, y0 := polarXY(cx, cy, R*clampR(a[1], rmax), a[0])
			x1, y1 := polarXY(cx, cy, R*clampR(b[1], rmax), b[0])
			c.Line(round(x0), round(y0), round(x1), round(y1), 2, col)
		}
		for _, q := range pts {
			x, y := polarXY(cx, cy, R*clampR(q[1], rmax), q[0])
			c.Disc(round(x), round(y), 2, col)
		}
	}
	if finite(p.Preferred) {
		for _, off := range axialOffsets(p.Axial) {
			x, y := polarXY(cx, cy, R, p.Preferred+off)
			c.Line(cx, cy, round(x), round(y), 1, Black)
		}
	}
	for i, name := range p.Names {
		col := Palette[i%len(Palette)]
		if i < len(p.Colors) {
			col = p.Colors[i]
		}
		y := top + 4 + GlyphH/2 + i*(GlyphH+2)
		c.Line(4, y, 16, y, 2, col)
		c.TextAt(20, y, name, 1, Left, Black)
	}
	return c.Img, nil
}

func axialOffsets(axial bool) []float64 {
	if axial {
		return []float64{0, 180}
	}
	return []float64{0}
}

// polarXY returns the pixel at distance r from (cx, cy) at angle deg
// (counter-clockwise from the right; pixel y grows downward).
func polarXY(cx, cy int, r, deg float64) (x, y float64) {
	rad := deg * math.Pi / 180
	return float64(cx) + float64(r*math.Cos(rad)), float64(cy) - float64(r*math.Sin(rad))
}

// clampR maps a response to a fraction of the outer ring in [0, 1].
func clampR(v, rmax float64) float64 {
	if !finite(v) || v < 0 {
		return 0
	}
	return math.Min(v/rmax, 1)
}

// polarPoints returns (angle, response) pairs sorted by angle in [0, 360),
// with the mirrored copies for axial data.
func polarPoints(angles, r []float64, axial bool) [][2]float64 {
	var pts [][2]float64
	for _, off := range axialOffsets(axial) {
		for i, a := range angles {
			a = math.Mod(a+off, 360)
			if a < 0 {
				a += 360
			}
			pts = append(pts, [2]float64{a, r[i]})
		}
	}
	sort.SliceStable(pts, func(i, j int) bool { return pts[i][0] < pts[j][0] })
	return pts
}

// PolarGrid draws many polar plots (one per unit) in a grid with cols
// columns; each plot is size pixels square.
func PolarGrid(title string, plots []*Polar, cols, size int) (*image.RGBA, error) {
	if len(plots) == 0 {
		return nil, fmt.Errorf("viz: polar grid %q: no plots", title)
	}
	if cols <= 0 {
		cols = min(len(plots), 6)
	}
	if size == 0 {
		size = 180
	}
	var rows []image.Image
	var row []image.Image
	for i, p := range plots {
		q := *p
		q.Size = size
		img, err := q.Render()
		if err != nil {
			return nil, fmt.Errorf("viz: polar grid %q, plot %d: %w", title, i, err)
		}
		row = append(row, img)
		if len(row) == cols || i == len(plots)-1 {
			rows = append(rows, HStack(row...))
			row = nil
		}
	}
	img := VStack(rows...)
	if title != "" {
		img = Captioned(title, img)
	}
	return img, nil
}
