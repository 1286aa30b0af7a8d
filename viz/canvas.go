package viz

import (
	"image"
	"image/color"
)

// Canvas is an opaque RGBA picture with the few drawing primitives the
// plots need. Pixels outside the picture are silently clipped.
type Canvas struct {
	Img *image.RGBA
}

// NewCanvas returns a w x h canvas filled with bg.
func NewCanvas(w, h int, bg color.RGBA) *Canvas {
	c := &Canvas{Img: image.NewRGBA(image.Rect(0, 0, w, h))}
	c.FillRect(0, 0, w, h, bg)
	return c
}

// Bounds returns the width and height.
func (c *Canvas) Bounds() (w, h int) { return c.Img.Rect.Dx(), c.Img.Rect.Dy() }

// Set paints one pixel.
func (c *Canvas) Set(x, y int, col color.RGBA) {
	if !(image.Point{x, y}.In(c.Img.Rect)) {
		return
	}
	i := c.Img.PixOffset(x, y)
	p := c.Img.Pix[i : i+4 : i+4]
	p[0], p[1], p[2], p[3] = col.R, col.G, col.B, 255
}

// FillRect paints the rectangle [x0, x1) x [y0, y1).
func (c *Canvas) FillRect(x0, y0, x1, y1 int, col color.RGBA) {
	r := image.Rect(x0, y0, x1, y1).Intersect(c.Img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c.Set(x, y, col)
		}
	}
}

// Rect draws the outline of [x0, x1) x [y0, y1).
func (c *Canvas) Rect(x0, y0, x1, y1 int, col color.RGBA) {
	c.HLine(x0, x1-1, y0, col)
	c.HLine(x0, x1-1, y1-1, col)
	c.VLine(x0, y0, y1-1, col)
	c.VLine(x1-1, y0, y1-1, col)
}

// HLine draws the horizontal segment from (x0, y) to (x1, y), inclusive.
func (c *Canvas) HLine(x0, x1, y int, col color.RGBA) {
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	for x := x0; x <= x1; x++ {
		c.Set(x, y, col)
	}
}

// VLine draws the vertical segment from (x, y0) to (x, y1), inclusive.
func (c *Canvas) VLine(x, y0, y1 int, col color.RGBA) {
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	for y := y0; y <= y1; y++ {
		c.Set(x, y, col)
	}
}

// Line draws a segment between two pixel centres with Bresenham's
// algorithm (integer only, so the same pixels everywhere); width > 1
// thickens it with a square brush.
func (c *Canvas) Line(x0, y0, x1, y1, width int, col color.RGBA) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	lo, hi := -(width-1)/2, width/2
	for {
		for oy := lo; oy <= hi; oy++ {
			for ox := lo; ox <= hi; ox++ {
				c.Set(x0+ox, y0+oy, col)
			}
		}
		if x0 == x1 && y0 == y1 {
			return
		}
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			x0 += sx
		}
		if e2 <= dx {
			e += dx
			y0 += sy
		}
	}
}

// Disc paints a filled disc of radius r (pixels) centred on (cx, cy).
func (c *Canvas) Disc(cx, cy, r int, col color.RGBA) {
	for y := -r; y <= r; y++ {
		for x := -r; x <= r; x++ {
			if x*x+y*y <= r*r+r {
				c.Set(cx+x, cy+y, col)
			}
		}
	}
}

// Circle draws the outline of a circle of radius r with the midpoint
// algorithm (integer only).
func (c *Canvas) Circle(cx, cy, r int, col color.RGBA) {
	x, y, d := r, 0, 1-r
	for x >= y {
		for _, p := range [8][2]int{{x, y}, {y, x}, {-y, x}, {-x, y}, {-x, -y}, {-y, -x}, {y, -x}, {x, -y}} {
			c.Set(cx+p[0], cy+p[1], col)
		}
		y++
		if d < 0 {
			d += 2*y + 1
		} else {
			x--
			d += 2*(y-x) + 1
		}
	}
}

// DashedHLine draws a horizontal dashed line (on for dash pixels, off for
// gap pixels).
func (c *Canvas) DashedHLine(x0, x1, y, dash, gap int, col color.RGBA) {
	for x := x0; x <= x1; x++ {
		if (x-x0)%(dash+gap) < dash {
			c.Set(x, y, col)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func sign(x int) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}
