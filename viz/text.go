package viz

import "image/color"

// Glyph geometry of the built-in font, in pixels at scale 1.
const (
	GlyphW = 6  // advance of every glyph
	GlyphH = 13 // line height
	// glyphAscent is the number of rows above the baseline.
	glyphAscent = 11
)

// TextWidth returns the width in pixels of s drawn at scale.
func TextWidth(s string, scale int) int {
	n := 0
	for range s {
		n++
	}
	return n * GlyphW * max(scale, 1)
}

// glyph returns the bitmap of r, or of '?' when the font lacks it.
func glyph(r rune) [13]byte {
	if g, ok := font6x13[r]; ok {
		return g
	}
	return font6x13['?']
}

// Text draws s with its top-left corner at (x, y), each font pixel a
// scale x scale block.
func (c *Canvas) Text(x, y int, s string, scale int, col color.RGBA) {
	scale = max(scale, 1)
	for _, r := range s {
		g := glyph(r)
		for row := 0; row < GlyphH; row++ {
			bits := g[row]
			for b := 0; b < GlyphW; b++ {
				if bits&(0x80>>b) != 0 {
					c.FillRect(x+b*scale, y+row*scale, x+(b+1)*scale, y+(row+1)*scale, col)
				}
			}
		}
		x += GlyphW * scale
	}
}

// Align says where a text's anchor is.
type Align int

// Anchors for TextAt: the horizontal position of (x, y) on the text; y is
// always the vertical centre of the line.
const (
	Left Align = iota
	Center
	Right
)

// TextAt draws s with its vertical centre at y and its left edge, centre
// or right edge at x.
func (c *Canvas) TextAt(x, y int, s string, scale int, a Align, col color.RGBA) {
	w := TextWidth(s, scale)
	switch a {
	case Center:
		x -= w / 2
	case Right:
		x -= w
	}
	c.Text(x, y-GlyphH*max(scale, 1)/2, s, scale, col)
}

// TextUp draws s rotated 90 degrees counter-clockwise (reading bottom to
// top, as a y-axis label) centred on (x, y).
func (c *Canvas) TextUp(x, y int, s string, col color.RGBA) {
	w := TextWidth(s, 1)
	// Unrotated pixel (u, v) of the text box goes to (x0+v, y0+w-1-u).
	x0, y0 := x-GlyphH/2, y-w/2
	u := 0
	for _, r := range s {
		g := glyph(r)
		for row := 0; row < GlyphH; row++ {
			for b := 0; b < GlyphW; b++ {
				if g[row]&(0x80>>b) != 0 {
					c.Set(x0+row, y0+w-1-(u+b), col)
				}
			}
		}
		u += GlyphW
	}
}
