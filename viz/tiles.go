package viz

import (
	"fmt"
	"image"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// Norm says how tile values are scaled to the colour map.
type Norm int

const (
	// PerTile scales every tile to its own range: shapes stand out.
	PerTile Norm = iota
	// Global scales all tiles together: magnitudes compare.
	Global
)

// Tiles draws a set of small images (filters, receptive fields, feature
// maps) as a grid of tiles separated by a gap.
type Tiles struct {
	Title string
	// Data holds the tiles: [N, h, w]; [N, 1, h, w]; [N, 3, h, w] drawn in
	// RGB; or [N, C, h, w] with any other C drawn as N rows of C tiles.
	Data *tensor.Tensor
	Cols int // tiles per row; 0 means a square-ish grid (C per row for [N, C, h, w] split by channel)
	// Scale is the side in pixels of one value; 0 picks one that makes a
	// tile at least 40 pixels (at most 16).
	Scale int
	// Map colours single-channel tiles; nil means Diverging (centred on
	// zero) when the data has negative values, Gray otherwise.
	Map  Colormap
	Norm Norm
	// Split draws each channel as its own tile even when C is 3.
	Split bool
	Gap   int // pixels between tiles; 0 means 2
}

// Render draws the tiles.
func (t *Tiles) Render() (*image.RGBA, error) {
	if t.Data == nil {
		return nil, fmt.Errorf("viz: tiles %q: nil data", t.Title)
	}
	sh := t.Data.Shape()
	var n, ch, h, w int
	switch len(sh) {
	case 3:
		n, ch, h, w = sh[0], 1, sh[1], sh[2]
	case 4:
		n, ch, h, w = sh[0], sh[1], sh[2], sh[3]
	default:
		return nil, fmt.Errorf("viz: tiles %q: data shape %v, want [N, h, w] or [N, C, h, w]", t.Title, sh)
	}
	if n*ch*h*w == 0 {
		return nil, fmt.Errorf("viz: tiles %q: empty data shape %v", t.Title, sh)
	}
	rgb := ch == 3 && !t.Split
	ntiles := n
	if !rgb {
		ntiles = n * ch
	}
	if ntiles > 100000 {
		return nil, fmt.Errorf("viz: tiles %q: %d tiles, at most 100000", t.Title, ntiles)
	}
	cols := t.Cols
	if cols <= 0 {
		if !rgb && ch > 1 {
			cols = ch
		} else {
			cols = int(math.Ceil(math.Sqrt(float64(ntiles))))
		}
	}
	rows := (ntiles + cols - 1) / cols
	scale := t.Scale
	if scale <= 0 {
		scale = max(1, min(16, (40+max(h, w)-1)/max(h, w)))
	}
	gap := t.Gap
	if gap <= 0 {
		gap = 2
	}
	top := 0
	if t.Title != "" {
		top = GlyphH + 6
	}
	W := cols*(w*scale+gap) + gap
	H := top + rows*(h*scale+gap) + gap
	if err := checkSize("tiles", W, H, 1, 1); err != nil {
		return nil, err
	}
	W = max(W, TextWidth(t.Title, 1)+8)
	c := NewCanvas(W, H, White)
	if t.Title != "" {
		c.TextAt(W/2, 3+GlyphH/2, t.Title, 1, Center, Black)
	}
	d := t.Data.Data()
	cmap := t.Map
	if cmap == nil {
		cmap = Gray
		for _, v := range d {
			if v < 0 {
				cmap = Diverging
				break
			}
		}
	}
	diverging := isDiverging(cmap)
	glo, ghi := valueRange(d)
	tileSize := h * w
	if rgb {
		tileSize = 3 * h * w
	}
	for k := 0; k < ntiles; k++ {
		v := d[k*tileSize : (k+1)*tileSize]
		lo, hi := glo, ghi
		if t.Norm == PerTile {
			lo, hi = valueRange(v)
		}
		norm := normalizer(lo, hi, diverging || rgb)
		x0 := gap + (k%cols)*(w*scale+gap)
		y0 := top + gap + (k/cols)*(h*scale+gap)
		for i := 0; i < h; i++ {
			for j := 0; j < w; j++ {
				col := cmap(norm(float64(v[i*w+j])))
				if rgb {
					col.R = unit8(norm(float64(v[i*w+j])))
					col.G = unit8(norm(float64(v[h*w+i*w+j])))
					col.B = unit8(norm(float64(v[2*h*w+i*w+j])))
				}
				c.FillRect(x0+j*scale, y0+i*scale, x0+(j+1)*scale, y0+(i+1)*scale, col)
			}
		}
	}
	return c.Img, nil
}

// isDiverging reports whether m is the Diverging map, which is centred on
// zero rather than stretched over the range.
func isDiverging(m Colormap) bool {
	return m(0.5) == Diverging(0.5) && m(0) == Diverging(0) && m(1) == Diverging(1)
}

// valueRange returns the finite minimum and maximum of v (0, 0 if none).
func valueRange(v []float32) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		f := float64(x)
		if finite(f) {
			lo, hi = math.Min(lo, f), math.Max(hi, f)
		}
	}
	if lo > hi {
		return 0, 0
	}
	return lo, hi
}

// normalizer maps [lo, hi] to [0, 1]; symmetric maps [-m, m] with
// m = max(|lo|, |hi|), so that zero lands on 0.5.
func normalizer(lo, hi float64, symmetric bool) func(float64) float64 {
	if symmetric {
		m := math.Max(math.Abs(lo), math.Abs(hi))
		if m == 0 {
			return func(float64) float64 { return 0.5 }
		}
		return func(x float64) float64 { return 0.5 + float64(x/(2*m)) }
	}
	if hi == lo {
		return func(float64) float64 { return 0.5 }
	}
	return func(x float64) float64 { return (x - lo) / (hi - lo) }
}

// ReceptiveFields draws the input weights of N neurons as a grid of h x w
// images in the style of Diehl & Cook (2015), Fig. 2: w is [inputs,
// neurons] (the layout of plasticity's networks, inputs = h*w), drawn with
// the reversed "hot" map on a common scale.
func ReceptiveFields(weights *tensor.Tensor, h, w int, title string) (*image.RGBA, error) {
	if weights == nil || weights.Dims() != 2 || weights.Dim(0) != h*w {
		var sh []int
		if weights != nil {
			sh = weights.Shape()
		}
		return nil, fmt.Errorf("viz: receptive fields: weights shape %v, want [%d, neurons] for %dx%d inputs", sh, h*w, h, w)
	}
	n := weights.Dim(1)
	src := weights.Data()
	tiles := tensor.New(n, h, w)
	dst := tiles.Data()
	for i := 0; i < h*w; i++ {
		for k := 0; k < n; k++ {
			dst[k*h*w+i] = src[i*n+k]
		}
	}
	t := &Tiles{Title: title, Data: tiles, Map: HotR, Norm: Global, Scale: 2, Gap: 1}
	return t.Render()
}
