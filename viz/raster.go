package viz

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// Raster is a spike raster: one row per neuron, a tick at each spike time.
type Raster struct {
	Title, XLabel, YLabel string      // e.g. "", "time (ms)", "neuron"
	Spikes                [][]float64 // Spikes[k]: spike times of neuron k
	XRange                *[2]float64 // time range; nil spans the spikes
	Width, Height         int         // pixels; 0 means 640 x 40+12 per neuron (at most 400)
	Color                 color.RGBA  // zero means black
}

// Render draws the raster. Neuron 0 is the top row.
func (r *Raster) Render() (*image.RGBA, error) {
	n := len(r.Spikes)
	if n == 0 {
		return nil, fmt.Errorf("viz: raster %q has no neurons", r.Title)
	}
	w, h := r.Width, r.Height
	if w == 0 {
		w = 640
	}
	if h == 0 {
		h = min(400, 100+12*n)
	}
	if err := checkSize("raster", w, h, 160, 80); err != nil {
		return nil, err
	}
	xr := [2]float64{math.Inf(1), math.Inf(-1)}
	for _, ts := range r.Spikes {
		for _, t := range ts {
			if finite(t) {
				xr[0], xr[1] = math.Min(xr[0], t), math.Max(xr[1], t)
			}
		}
	}
	if xr[0] > xr[1] {
		xr = [2]float64{0, 1}
	}
	xr, err := fixedOr(r.XRange, xr[0], xr[1], "x", xTicks(w-86))
	if err != nil {
		return nil, err
	}
	c := NewCanvas(w, h, White)
	top := 28
	if r.Title == "" {
		top = 12
	}
	// Rows are centred on integers 0..n-1, y grows downward from neuron 0,
	// so the data y of neuron k is n-1-k.
	a := newAxes(c, 70, top, w-16, h-49, xr[0], xr[1], -0.5, float64(n)-0.5)
	if n <= 12 {
		r.rowLabels(a)
		a.frameX(r.XLabel)
		if r.YLabel != "" {
			c.TextUp(a.x0-10-TextWidth(fmt.Sprint(n-1), 1)-GlyphH/2, (a.y0+a.y1)/2, r.YLabel, Black)
		}
	} else {
		a.frame(r.XLabel, r.YLabel, false)
	}
	col := r.Color
	if col == (color.RGBA{}) {
		col = Black
	}
	rowH := float64(a.y1-a.y0) / float64(n)
	half := max(1, int(rowH*0.35))
	for k, ts := range r.Spikes {
		yc := round(a.py(float64(n - 1 - k)))
		for _, t := range ts {
			if finite(t) && t >= xr[0] && t <= xr[1] {
				c.VLine(round(a.px(t)), yc-half, yc+half, col)
			}
		}
	}
	if r.Title != "" {
		c.TextAt(w/2, top/2, r.Title, 1, Center, Black)
	}
	return c.Img, nil
}

// rowLabels writes each neuron's index next to its row.
func (r *Raster) rowLabels(a *axes) {
	n := len(r.Spikes)
	for k := 0; k < n; k++ {
		y := round(a.py(float64(n - 1 - k)))
		a.c.HLine(a.x0-4, a.x0, y, Black)
		a.c.TextAt(a.x0-6, y, fmt.Sprint(k), 1, Right, Black)
	}
}

// frameX draws the box and the x ticks only.
func (a *axes) frameX(xlabel string) {
	c := a.c
	xt, xd := ticks(a.xmin, a.xmax, xTicks(a.x1-a.x0))
	for _, v := range xt {
		x := round(a.px(v))
		c.VLine(x, a.y1, a.y1+4, Black)
		c.TextAt(x, a.y1+5+GlyphH/2, formatTick(v, xd), 1, Center, Black)
	}
	c.Rect(a.x0, a.y0, a.x1+1, a.y1+1, Black)
	if xlabel != "" {
		c.TextAt((a.x0+a.x1)/2, a.y1+8+GlyphH+GlyphH/2+2, xlabel, 1, Center, Black)
	}
}

// NeuronFigure is the membrane trace of one neuron above its spike raster,
// on a shared time axis: what `cortex neuron --png` draws.
type NeuronFigure struct {
	Title     string
	TimeMs    []float64 // sample times, ms
	VmV       []float64 // membrane potential at those times, mV
	SpikesMs  []float64 // spike times, ms
	Threshold *float64  // firing threshold, mV: a dashed line when set
	Width     int       // pixels; 0 means 720
}

// Render draws the figure: the trace (with the spikes marked at their
// times) in the upper panel and the raster below.
func (f *NeuronFigure) Render() (*image.RGBA, error) {
	if len(f.TimeMs) != len(f.VmV) {
		return nil, fmt.Errorf("viz: neuron figure: %d times, %d potentials", len(f.TimeMs), len(f.VmV))
	}
	if len(f.VmV) == 0 {
		return nil, fmt.Errorf("viz: neuron figure: empty trace")
	}
	w := f.Width
	if w == 0 {
		w = 720
	}
	lo, hi := f.TimeMs[0], f.TimeMs[len(f.TimeMs)-1]
	if !(lo < hi) {
		hi = lo + 1
	}
	xr := [2]float64{lo, hi}
	p := &Plot{Title: f.Title, XLabel: "time (ms)", YLabel: "membrane potential (mV)",
		Series: []Series{{X: f.TimeMs, Y: f.VmV, Width: 1, Color: Palette[0]}},
		Width:  w, Height: 320, XRange: &xr, Grid: true}
	if f.Threshold != nil {
		p.HLines = []float64{*f.Threshold}
	}
	top, err := p.Render()
	if err != nil {
		return nil, err
	}
	ra := &Raster{XLabel: "time (ms)", YLabel: "spikes", Spikes: [][]float64{f.SpikesMs}, XRange: &xr, Width: w, Height: 100, Color: Palette[3]}
	bottom, err := ra.Render()
	if err != nil {
		return nil, err
	}
	return VStack(top, bottom), nil
}

// F64 converts float32 data (monitor traces) for the plots.
func F64(x []float32) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}
