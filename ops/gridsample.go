package ops

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/simd"
	"github.com/neurocortex/neurocortex/tensor"
)

// GridSample samples x [N, C, H, W] bilinearly at the points of grid
// [N, Ho, Wo, 2] and returns [N, C, Ho, Wo], with PyTorch's
// grid_sample(mode="bilinear", padding_mode="zeros", align_corners=False)
// semantics: grid[n, i, j] = (gx, gy) holds normalised coordinates, x
// first, where -1 and +1 are the outer edges of the first and last pixels.
//
// Per grid point (float32, each step rounded, no fused operations):
//
//	ix = ((gx + 1)*W - 1) / 2,  iy = ((gy + 1)*H - 1) / 2
//	x0 = floor(ix), y0 = floor(iy), x1 = x0+1, y1 = y0+1
//	wnw = (x1-ix)*(y1-iy), wne = (ix-x0)*(y1-iy)
//	wsw = (x1-ix)*(iy-y0), wse = (ix-x0)*(iy-y0)
//	y   = ((v[y0,x0]*wnw + v[y0,x1]*wne) + v[y1,x0]*wsw) + v[y1,x1]*wse
//
// where a corner outside the image contributes nothing (zeros padding). A
// non-finite coordinate samples nothing: its output and gradients are 0.
func GridSample(x, grid *tensor.Tensor) *tensor.Tensor {
	n, c, h, w, ho, wo := gridCheck("GridSample", x, grid)
	y := tensor.New(n, c, ho, wo)
	xd, gd, yd := x.Data(), grid.Data(), y.Data()
	hw, ohw := h*w, ho*wo
	poolPlanes(n, c*(hw+ohw), func(i int) { // samples are independent
		for q := 0; q < ohw; q++ {
			pt, ok := gridPoint(gd[(i*ohw+q)*2], gd[(i*ohw+q)*2+1], h, w)
			if !ok {
				continue
			}
			for ch := 0; ch < c; ch++ {
				v := pt.values(xd[(i*c+ch)*hw:(i*c+ch+1)*hw], w)
				s := float32(v[0]*pt.wnw) + float32(v[1]*pt.wne)
				s += float32(v[2] * pt.wsw)
				s += float32(v[3] * pt.wse)
				yd[(i*c+ch)*ohw+q] = s
			}
		}
	})
	return y
}

// GridSampleBackward returns the gradients of GridSample(x, grid) with
// respect to x and to grid.
//
// gx: each output gradient g is spread over the in-image corners as
// gx[corner] += w_corner*g (product rounded), visiting, per sample, grid
// points in row-major order, then channels: a fixed sequential
// accumulation (samples touch disjoint planes, so they run in parallel).
//
// ggrid: with v the four corner values (0 outside the image), per channel
//
//	dx = (v[y0,x1]-v[y0,x0])*(y1-iy) + (v[y1,x1]-v[y1,x0])*(iy-y0)
//	dy = (v[y1,x0]-v[y0,x0])*(x1-ix) + (v[y1,x1]-v[y0,x1])*(ix-x0)
//
// each multiplied by that channel's g; the per-channel terms are summed by
// simd.Sum in channel order and multiplied by W/2 (resp. H/2), the
// derivative of the unnormalisation. As in PyTorch, the corners are held
// fixed: at integer coordinates this is the one-sided derivative.
func GridSampleBackward(x, grid, gy *tensor.Tensor) (gx, ggrid *tensor.Tensor) {
	n, c, h, w, ho, wo := gridCheck("GridSampleBackward", x, grid)
	if !tensor.SameShape(gy.Shape(), []int{n, c, ho, wo}) {
		panic(fmt.Sprintf("ops: GridSampleBackward: gradient %v for input %v and grid %v", gy.Shape(), x.Shape(), grid.Shape()))
	}
	gx, ggrid = tensor.New(x.Shape()...), tensor.New(grid.Shape()...)
	xd, gd, gyd, gxd, ggd := x.Data(), grid.Data(), gy.Data(), gx.Data(), ggrid.Data()
	hw, ohw := h*w, ho*wo
	halfW, halfH := float32(w)/2, float32(h)/2
	// Samples are independent (each scatters into its own planes of gx),
	// so one job per sample keeps every accumulation's order.
	poolPlanes(n, c*(hw+ohw), func(i int) {
		tx, ty := make([]float32, c), make([]float32, c)
		for q := 0; q < ohw; q++ {
			pt, ok := gridPoint(gd[(i*ohw+q)*2], gd[(i*ohw+q)*2+1], h, w)
			if !ok {
				continue
			}
			for ch := 0; ch < c; ch++ {
				g := gyd[(i*c+ch)*ohw+q]
				plane := (i*c + ch) * hw
				pt.scatter(gxd[plane:plane+hw], w, g)
				v := pt.values(xd[plane:plane+hw], w)
				dx := float32((v[1]-v[0])*pt.fy1) + float32((v[3]-v[2])*pt.fy0)
				dy := float32((v[2]-v[0])*pt.fx1) + float32((v[3]-v[1])*pt.fx0)
				tx[ch], ty[ch] = dx*g, dy*g
			}
			ggd[(i*ohw+q)*2] = simd.Sum(tx) * halfW
			ggd[(i*ohw+q)*2+1] = simd.Sum(ty) * halfH
		}
	})
	return gx, ggrid
}

// gridPt is one sampling point: its top-left corner, which of the four
// corners are inside the image, and the interpolation factors.
type gridPt struct {
	x0, y0             int
	in                 [4]bool // nw, ne, sw, se
	fx0, fx1, fy0, fy1 float32 // ix-x0, x1-ix, iy-y0, y1-iy
	wnw, wne, wsw, wse float32
}

// gridPoint unnormalises (gx, gy) for an h x w image. It reports false when
// no corner can be inside the image (including non-finite coordinates).
func gridPoint(gx, gy float32, h, w int) (gridPt, bool) {
	ix := float32(float32(gx+1)*float32(w)) - 1
	ix /= 2
	iy := float32(float32(gy+1)*float32(h)) - 1
	iy /= 2
	if !(ix >= -1 && ix < float32(w) && iy >= -1 && iy < float32(h)) {
		return gridPt{}, false // also NaN
	}
	fx := float32(math.Floor(float64(ix)))
	fy := float32(math.Floor(float64(iy)))
	p := gridPt{x0: int(fx), y0: int(fy)}
	p.fx0, p.fx1 = ix-fx, (fx+1)-ix
	p.fy0, p.fy1 = iy-fy, (fy+1)-iy
	p.wnw, p.wne = p.fx1*p.fy1, p.fx0*p.fy1
	p.wsw, p.wse = p.fx1*p.fy0, p.fx0*p.fy0
	inX0, inX1 := p.x0 >= 0, p.x0+1 < w
	inY0, inY1 := p.y0 >= 0, p.y0+1 < h
	p.in = [4]bool{inY0 && inX0, inY0 && inX1, inY1 && inX0, inY1 && inX1}
	return p, true
}

// values returns the four corner values of plane (0 outside the image).
func (p *gridPt) values(plane []float32, w int) [4]float32 {
	var v [4]float32
	base := p.y0*w + p.x0
	offs := [4]int{base, base + 1, base + w, base + w + 1}
	for k, in := range p.in {
		if in {
			v[k] = plane[offs[k]]
		}
	}
	return v
}

// scatter adds w_corner*g to the in-image corners of plane.
func (p *gridPt) scatter(plane []float32, w int, g float32) {
	base := p.y0*w + p.x0
	if p.in[0] {
		plane[base] += float32(p.wnw * g)
	}
	if p.in[1] {
		plane[base+1] += float32(p.wne * g)
	}
	if p.in[2] {
		plane[base+w] += float32(p.wsw * g)
	}
	if p.in[3] {
		plane[base+w+1] += float32(p.wse * g)
	}
}

func gridCheck(op string, x, grid *tensor.Tensor) (n, c, h, w, ho, wo int) {
	if x.Dims() != 4 || grid.Dims() != 4 || grid.Dim(0) != x.Dim(0) || grid.Dim(3) != 2 {
		panic(fmt.Sprintf("ops: %s: input %v with grid %v (want [N, C, H, W] and [N, Ho, Wo, 2])", op, x.Shape(), grid.Shape()))
	}
	s, g := x.Shape(), grid.Shape()
	return s[0], s[1], s[2], s[3], g[1], g[2]
}
