package retina

import (
	"fmt"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// Retinotopy projects retinal maps onto the cortical sheet through a
// LogPolar map, by bilinear grid sampling (differentiable with respect to
// the maps), so the fovea really is magnified as K/(E+A).
type Retinotopy struct {
	Map        LogPolar
	inH, inW   int
	grid       *tensor.Tensor // [1, OutH, OutW, 2]
	batched    *tensor.Tensor // grid repeated for the last batch size seen
	batchedFor int
}

// NewRetinotopy returns the projection of inH x inW retinal maps through m.
func NewRetinotopy(m LogPolar, inH, inW int) (*Retinotopy, error) {
	g, err := m.Grid(inH, inW)
	if err != nil {
		return nil, err
	}
	return &Retinotopy{Map: m, inH: inH, inW: inW, grid: g}, nil
}

// Grid returns the sampling grid [1, OutH, OutW, 2] (shared, read-only).
func (r *Retinotopy) Grid() *tensor.Tensor { return r.grid }

// Forward samples x [B, C, inH, inW] onto the sheet: [B, C, OutH, OutW].
func (r *Retinotopy) Forward(tp *autodiff.Tape, x *autodiff.Var) (*autodiff.Var, error) {
	v := x.Value
	if v.Dims() != 4 || v.Dim(2) != r.inH || v.Dim(3) != r.inW || v.Dim(0) < 1 {
		return nil, fmt.Errorf("retina: Retinotopy: input shape %v, want [B,C,%d,%d]", v.Shape(), r.inH, r.inW)
	}
	b := v.Dim(0)
	if r.batchedFor != b {
		per := r.grid.Size()
		g := tensor.New(b, r.Map.OutH, r.Map.OutW, 2)
		for i := 0; i < b; i++ {
			copy(g.Data()[i*per:(i+1)*per], r.grid.Data())
		}
		r.batched, r.batchedFor = g, b
	}
	return tp.GridSample(x, autodiff.Const(r.batched)), nil
}
