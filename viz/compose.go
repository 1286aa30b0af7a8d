package viz

import (
	"image"
	"image/draw"
)

// VStack places pictures one below the other, left-aligned, on white.
func VStack(imgs ...image.Image) *image.RGBA {
	w, h := 0, 0
	for _, m := range imgs {
		w = max(w, m.Bounds().Dx())
		h += m.Bounds().Dy()
	}
	c := NewCanvas(w, h, White)
	y := 0
	for _, m := range imgs {
		b := m.Bounds()
		draw.Draw(c.Img, image.Rect(0, y, b.Dx(), y+b.Dy()), m, b.Min, draw.Src)
		y += b.Dy()
	}
	return c.Img
}

// HStack places pictures side by side, top-aligned, on white.
func HStack(imgs ...image.Image) *image.RGBA {
	w, h := 0, 0
	for _, m := range imgs {
		w += m.Bounds().Dx()
		h = max(h, m.Bounds().Dy())
	}
	c := NewCanvas(w, h, White)
	x := 0
	for _, m := range imgs {
		b := m.Bounds()
		draw.Draw(c.Img, image.Rect(x, 0, x+b.Dx(), b.Dy()), m, b.Min, draw.Src)
		x += b.Dx()
	}
	return c.Img
}

// Captioned adds a line of text above a picture.
func Captioned(caption string, img image.Image) *image.RGBA {
	b := img.Bounds()
	w := max(b.Dx(), TextWidth(caption, 1)+4)
	c := NewCanvas(w, b.Dy()+GlyphH+4, White)
	c.TextAt(w/2, 2+GlyphH/2, caption, 1, Center, Black)
	draw.Draw(c.Img, image.Rect(0, GlyphH+4, b.Dx(), GlyphH+4+b.Dy()), img, b.Min, draw.Src)
	return c.Img
}
