package viz

import (
	"image"
	"image/color"
	"testing"
)

func TestLineEndpointsAndLength(t *testing.T) {
	red := color.RGBA{255, 0, 0, 255}
	for _, tc := range []struct{ x0, y0, x1, y1, n int }{
		{1, 1, 8, 1, 8},  // horizontal: 8 pixels
		{2, 9, 2, 0, 10}, // vertical, drawn upward
		{0, 0, 9, 9, 10}, // diagonal: one pixel per step
		{0, 0, 9, 3, 10}, // shallow: one pixel per column
		{9, 3, 0, 0, 10}, // same, reversed
	} {
		c := NewCanvas(10, 10, White)
		c.Line(tc.x0, tc.y0, tc.x1, tc.y1, 1, red)
		if got := countColor(c.Img, c.Img.Rect, red); got != tc.n {
			t.Errorf("line %v: %d pixels, want %d", tc, got, tc.n)
		}
		for _, p := range [][2]int{{tc.x0, tc.y0}, {tc.x1, tc.y1}} {
			if c.Img.RGBAAt(p[0], p[1]) != red {
				t.Errorf("line %v: endpoint %v not drawn", tc, p)
			}
		}
	}
}

func TestCanvasClipsAndCircle(t *testing.T) {
	c := NewCanvas(20, 20, White)
	c.Line(-100, 5, 100, 5, 3, Black) // far outside: clipped, no panic
	if got := countColor(c.Img, c.Img.Rect, Black); got != 60 {
		t.Fatalf("thick clipped line: %d pixels, want 60", got)
	}
	c = NewCanvas(21, 21, White)
	c.Circle(10, 10, 6, Black)
	for _, p := range [][2]int{{16, 10}, {4, 10}, {10, 4}, {10, 16}} {
		if c.Img.RGBAAt(p[0], p[1]) != Black {
			t.Errorf("circle misses %v", p)
		}
	}
	if c.Img.RGBAAt(10, 10) != White {
		t.Error("circle outline fills its centre")
	}
}

func TestTextGlyphs(t *testing.T) {
	if TextWidth("abc°", 1) != 4*GlyphW || TextWidth("ab", 2) != 4*GlyphW {
		t.Fatal("TextWidth counts runes times the advance")
	}
	c := NewCanvas(40, 20, White)
	c.Text(0, 0, "I", 1, Black)
	// The 6x13 'I' is a vertical stem with serifs: column 2 is dark over
	// its cap height, and nothing is drawn outside the glyph cell.
	stem := countColor(c.Img, image.Rect(2, 0, 3, GlyphH), Black)
	if stem < 7 {
		t.Errorf("'I' stem has %d pixels, want >= 7", stem)
	}
	if n := countColor(c.Img, image.Rect(GlyphW, 0, 40, 20), Black); n != 0 {
		t.Errorf("%d pixels drawn outside the glyph cell", n)
	}
	// Unknown runes draw as '?', not nothing.
	c = NewCanvas(GlyphW, GlyphH, White)
	c.Text(0, 0, "\u2603", 1, Black)
	if countColor(c.Img, c.Img.Rect, Black) == 0 {
		t.Error("unknown rune drew nothing")
	}
	// Rotated text covers a tall, narrow box.
	c = NewCanvas(40, 80, White)
	c.TextUp(20, 40, "volts", Black)
	b := inkBox(c.Img)
	if b.Dx() > GlyphH || b.Dy() < 3*GlyphW {
		t.Errorf("TextUp ink box %v is not vertical", b)
	}
}

// inkBox returns the bounding box of the non-white pixels.
func inkBox(img *image.RGBA) image.Rectangle {
	var r image.Rectangle
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			if img.RGBAAt(x, y) != White {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

func TestColormaps(t *testing.T) {
	cases := []struct {
		m    Colormap
		v    float64
		want color.RGBA
	}{
		{Gray, 0, Black}, {Gray, 1, White}, {Gray, 2, White}, {Gray, -1, Black},
		{Hot, 0, Black}, {Hot, 1, White}, {HotR, 0, White}, {HotR, 1, Black},
		{Diverging, 0.5, White},
	}
	for _, tc := range cases {
		if got := tc.m(tc.v); got != tc.want {
			t.Errorf("map(%v) = %v, want %v", tc.v, got, tc.want)
		}
	}
	if lo, hi := Diverging(0), Diverging(1); !(lo.B > lo.R && hi.R > hi.B) {
		t.Errorf("Diverging ends %v %v: want blue below, red above", lo, hi)
	}
}
