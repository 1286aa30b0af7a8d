package viz

import (
	"image/color"
	"math"
)

// Colours used by the plots.
var (
	White     = color.RGBA{255, 255, 255, 255}
	Black     = color.RGBA{0, 0, 0, 255}
	Grey      = color.RGBA{128, 128, 128, 255}
	LightGrey = color.RGBA{220, 220, 220, 255}
)

// Palette is the cycle of series colours (the ten "tab10" colours of
// matplotlib, which stay distinct for colour-blind readers).
var Palette = []color.RGBA{
	{31, 119, 180, 255}, {255, 127, 14, 255}, {44, 160, 44, 255}, {214, 39, 40, 255},
	{148, 103, 189, 255}, {140, 86, 75, 255}, {227, 119, 194, 255}, {127, 127, 127, 255},
	{188, 189, 34, 255}, {23, 190, 207, 255},
}

// A Colormap maps v in [0, 1] to a colour; values outside are clamped and
// NaN maps to the colour of 0.
type Colormap func(v float64) color.RGBA

// Gray maps 0 to black and 1 to white.
func Gray(v float64) color.RGBA {
	b := unit8(v)
	return color.RGBA{b, b, b, 255}
}

// Hot maps 0 to black through red and yellow to white (matplotlib's "hot").
func Hot(v float64) color.RGBA {
	v = clamp01(v)
	return color.RGBA{unit8(v * 2.5), unit8(float64(v*2.5) - 1), unit8(float64(v*2.5) - 1.5), 255}
}

// HotR is Hot reversed: 0 is white and 1 black, the map Diehl & Cook (2015)
// used for their receptive fields.
func HotR(v float64) color.RGBA { return Hot(1 - clamp01(v)) }

// Diverging maps 0 to blue, 0.5 to white and 1 to red: for signed data
// (filter weights, ON/OFF) normalised so that 0.5 is zero.
func Diverging(v float64) color.RGBA {
	v = clamp01(v)
	lo := color.RGBA{33, 102, 172, 255}
	hi := color.RGBA{178, 24, 43, 255}
	if v < 0.5 {
		return mix(lo, White, float64(v*2))
	}
	return mix(White, hi, float64(v*2)-1)
}

// mix returns a + (b - a) t per channel.
func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 {
		return unit8(float64(float64(x)+float64(float64(float64(y)-float64(x))*t)) / 255)
	}
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

func clamp01(v float64) float64 {
	switch {
	case math.IsNaN(v) || v < 0:
		return 0
	case v > 1:
		return 1
	}
	return v
}

// unit8 maps [0, 1] to 0..255, rounding to nearest.
func unit8(v float64) uint8 {
	return uint8(math.Floor(float64(clamp01(v)*255) + 0.5))
}
