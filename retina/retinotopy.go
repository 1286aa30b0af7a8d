package retina

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// Retinotopy projects a window of the retinal maps onto the cortical sheet
// by bilinear grid sampling (differentiable with respect to the maps):
// through a LogPolar map, so that the fovea really is magnified as
// K/(E+A), or as a plain cartesian crop.
//
// The window is winH x winW retinal pixels. Forward projects maps that
// are exactly the window; ForwardAt projects windows of larger maps
// centred on per-image fixation points (saccades), as the eye brings a
// target into the fovea.
type Retinotopy struct {
	Map        *LogPolar // nil for a cartesian crop
	OutH, OutW int       // size of the projection
	winH, winW int
	grid       *tensor.Tensor // [1, OutH, OutW, 2], normalised to the window
	batched    *tensor.Tensor // Forward's grid repeated for the last batch size seen
	batchedFor int
}

// NewRetinotopy returns the projection of a winH x winW window through m.
func NewRetinotopy(m LogPolar, winH, winW int) (*Retinotopy, error) {
	g, err := m.Grid(winH, winW)
	if err != nil {
		return nil, err
	}
	return &Retinotopy{Map: &m, OutH: m.OutH, OutW: m.OutW, winH: winH, winW: winW, grid: g}, nil
}

// NewCrop returns the cartesian projection of a winH x winW window: the
// window's pixels (sampled at their centres, so up to the float32
// rounding of the normalised coordinates they are copied).
func NewCrop(winH, winW int) (*Retinotopy, error) {
	if winH < 1 || winW < 1 || winH > 4096 || winW > 4096 {
		return nil, fmt.Errorf("retina: NewCrop: window %dx%d", winH, winW)
	}
	g := tensor.New(1, winH, winW, 2)
	for i := 0; i < winH; i++ {
		for j := 0; j < winW; j++ {
			g.Set(float32(2*j+1)/float32(winW)-1, 0, i, j, 0)
			g.Set(float32(2*i+1)/float32(winH)-1, 0, i, j, 1)
		}
	}
	return &Retinotopy{OutH: winH, OutW: winW, winH: winH, winW: winW, grid: g}, nil
}

// Grid returns the sampling grid [1, OutH, OutW, 2] in coordinates
// normalised to the window (shared, read-only).
func (r *Retinotopy) Grid() *tensor.Tensor { return r.grid }

// Forward samples x [B, C, winH, winW] onto the sheet: [B, C, OutH, OutW].
func (r *Retinotopy) Forward(tp *autodiff.Tape, x *autodiff.Var) (*autodiff.Var, error) {
	v := x.Value
	if v.Dims() != 4 || v.Dim(2) != r.winH || v.Dim(3) != r.winW || v.Dim(0) < 1 {
		return nil, fmt.Errorf("retina: Retinotopy: input shape %v, want [B,C,%d,%d]", v.Shape(), r.winH, r.winW)
	}
	b := v.Dim(0)
	if r.batchedFor != b {
		per := r.grid.Size()
		g := tensor.New(b, r.OutH, r.OutW, 2)
		for i := 0; i < b; i++ {
			copy(g.Data()[i*per:(i+1)*per], r.grid.Data())
		}
		r.batched, r.batchedFor = g, b
	}
	return tp.GridSample(x, autodiff.Const(r.batched)), nil
}

// Fixation is a point of the image in pixels, continuous coordinates: x
// from the left edge, y from the top edge (pixel (i, j) covers
// [j, j+1) x [i, i+1)).
type Fixation struct{ X, Y float64 }

// ForwardAt samples, for each image b of x [B, C, H, W], the window
// centred on fix[b] onto the sheet: [B, C, OutH, OutW]. The window's
// corner snaps to the pixel grid (saccades land on whole pixels), so a
// cartesian crop samples pixel centres; parts of the window outside the
// image read zeros.
func (r *Retinotopy) ForwardAt(tp *autodiff.Tape, x *autodiff.Var, fix []Fixation) (*autodiff.Var, error) {
	v := x.Value
	if v.Dims() != 4 || v.Dim(0) != len(fix) || v.Dim(0) < 1 {
		return nil, fmt.Errorf("retina: Retinotopy.ForwardAt: input shape %v with %d fixations, want [B,C,H,W] with B fixations", v.Shape(), len(fix))
	}
	h, w := v.Dim(2), v.Dim(3)
	per := r.OutH * r.OutW
	g := tensor.New(len(fix), r.OutH, r.OutW, 2)
	src, dst := r.grid.Data(), g.Data()
	for b, f := range fix {
		if math.IsNaN(f.X) || math.IsNaN(f.Y) || math.IsInf(f.X, 0) || math.IsInf(f.Y, 0) {
			return nil, fmt.Errorf("retina: Retinotopy.ForwardAt: fixation %d is %+v", b, f)
		}
		left := math.Round(f.X - float64(r.winW)/2)
		top := math.Round(f.Y - float64(r.winH)/2)
		// Window-normalised u in [-1, 1] is pixel left + (u+1)*winW/2; the
		// image-normalised coordinate is 2*pixel/w - 1.
		sx, ox := float32(float64(r.winW)/float64(w)), float32(float64(2*left+float64(r.winW))/float64(w)-1)
		sy, oy := float32(float64(r.winH)/float64(h)), float32(float64(2*top+float64(r.winH))/float64(h)-1)
		d := dst[b*per*2 : (b+1)*per*2]
		for i := 0; i < per; i++ {
			gx, gy := src[2*i], src[2*i+1]
			if gx == Outside {
				d[2*i], d[2*i+1] = Outside, Outside
				continue
			}
			d[2*i] = float32(gx*sx) + ox
			d[2*i+1] = float32(gy*sy) + oy
		}
	}
	return tp.GridSample(x, autodiff.Const(g)), nil
}

// Centroid returns, for each image of x [N, C, H, W], the centre of mass
// of its light (summed over channels), in the continuous coordinates of
// Fixation: the target of a saccade to the brightest region. A dark image
// gives its centre.
func Centroid(x *tensor.Tensor) []Fixation {
	n, c, h, w := x.Dim(0), x.Dim(1), x.Dim(2), x.Dim(3)
	out := make([]Fixation, n)
	d := x.Data()
	for b := 0; b < n; b++ {
		var sum, sx, sy float64
		for ch := 0; ch < c; ch++ {
			plane := d[(b*c+ch)*h*w : (b*c+ch+1)*h*w]
			for i := 0; i < h; i++ {
				for j := 0; j < w; j++ {
					v := float64(plane[i*w+j])
					if v > 0 {
						sum += v
						sx += float64(v * (float64(j) + 0.5))
						sy += float64(v * (float64(i) + 0.5))
					}
				}
			}
		}
		if sum > 0 {
			out[b] = Fixation{sx / sum, sy / sum}
		} else {
			out[b] = Fixation{float64(w) / 2, float64(h) / 2}
		}
	}
	return out
}
