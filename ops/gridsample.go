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
		var pt gridPt
		for q := 0; q < ohw; q++ {
			if !pt.set(gd[(i*ohw+q)*2], gd[(i*ohw+q)*2+1], h, w) {
				continue
			}
			for ch := 0; ch < c; ch++ {
				nw, ne, sw, se := pt.corners(xd[(i*c+ch)*hw:(i*c+ch+1)*hw], w)
				s := float32(nw*pt.wnw) + float32(ne*pt.wne)
				s += float32(sw * pt.wsw)
				s += float32(se * pt.wse)
				yd[(i*c+ch)*ohw+q] = s
			}
		}
	})
	return y
}

// GridSampleBackwardInput returns the gradient of GridSample(x, grid) with
// respect to x: each output gradient g is spread over the in-image corners
// as gx[corner] += w_corner*g (product rounded), visiting, per sample, grid
// points in row-major order, then channels: a fixed sequential
// accumulation (samples touch disjoint planes, so they run in parallel).
// It reads x's shape only.
func GridSampleBackwardInput(x, grid, gy *tensor.Tensor) *tensor.Tensor {
	n, c, h, w, ho, wo := gridBackwardCheck("GridSampleBackwardInput", x, grid, gy)
	gx := tensor.New(x.Shape()...)
	gd, gyd, gxd := grid.Data(), gy.Data(), gx.Data()
	hw, ohw := h*w, ho*wo
	poolPlanes(n, c*(hw+ohw), func(i int) {
		var pt gridPt
		for q := 0; q < ohw; q++ {
			if !pt.set(gd[(i*ohw+q)*2], gd[(i*ohw+q)*2+1], h, w) {
				continue
			}
			for ch := 0; ch < c; ch++ {
				plane := (i*c + ch) * hw
				pt.scatter(gxd[plane:plane+hw], w, gyd[(i*c+ch)*ohw+q])
			}
		}
	})
	return gx
}

// GridSampleBackwardGrid returns the gradient of GridSample(x, grid) with
// respect to grid. With v the four corner values (0 outside the image),
// per channel
//
//	dx = (v[y0,x1]-v[y0,x0])*(y1-iy) + (v[y1,x1]-v[y1,x0])*(iy-y0)
//	dy = (v[y1,x0]-v[y0,x0])*(x1-ix) + (v[y1,x1]-v[y0,x1])*(ix-x0)
//
// each multiplied by that channel's g; the per-channel terms are summed by
// simd.Sum in channel order and multiplied by W/2 (resp. H/2), the
// derivative of the unnormalisation. As in PyTorch, the corners are held
// fixed: at integer coordinates this is the one-sided derivative.
func GridSampleBackwardGrid(x, grid, gy *tensor.Tensor) *tensor.Tensor {
	n, c, h, w, ho, wo := gridBackwardCheck("GridSampleBackwardGrid", x, grid, gy)
	ggrid := tensor.Empty(grid.Shape()...) // every element written
	xd, gd, gyd, ggd := x.Data(), grid.Data(), gy.Data(), ggrid.Data()
	hw, ohw := h*w, ho*wo
	halfW, halfH := float32(w)/2, float32(h)/2
	poolPlanes(n, c*(hw+ohw), func(i int) {
		// Each point's terms go into channel planes, summed for all points
		// at once in Sum's lanes (normSumChannels): a Sum call per point
		// of a few channels costs more than the terms.
		tx, ty := convGetBuf(c*ohw), convGetBuf(c*ohw)
		lanes := convGetBuf(simd.Lanes * ohw)
		defer convPutBuf(lanes)
		defer convPutBuf(ty)
		defer convPutBuf(tx)
		var pt gridPt
		for q := 0; q < ohw; q++ {
			if !pt.set(gd[(i*ohw+q)*2], gd[(i*ohw+q)*2+1], h, w) {
				for ch := 0; ch < c; ch++ { // sums to +0: no gradient
					tx[ch*ohw+q], ty[ch*ohw+q] = 0, 0
				}
				continue
			}
			for ch := 0; ch < c; ch++ {
				g := gyd[(i*c+ch)*ohw+q]
				plane := (i*c + ch) * hw
				nw, ne, sw, se := pt.corners(xd[plane:plane+hw], w)
				dx := float32((ne-nw)*pt.fy1) + float32((se-sw)*pt.fy0)
				dy := float32((sw-nw)*pt.fx1) + float32((se-ne)*pt.fx0)
				tx[ch*ohw+q], ty[ch*ohw+q] = dx*g, dy*g
			}
		}
		gg := ggd[i*ohw*2 : (i+1)*ohw*2]
		for q, v := range normSumChannels(lanes, tx, c, ohw) {
			gg[2*q] = v * halfW
		}
		for q, v := range normSumChannels(lanes, ty, c, ohw) {
			gg[2*q+1] = v * halfH
		}
	})
	return ggrid
}

// gridPt is one sampling point: its top-left corner, which of the four
// corners are inside the image, and the interpolation factors.
type gridPt struct {
	x0, y0             int
	in                 uint8   // bits: 1 nw, 2 ne, 4 sw, 8 se
	fx0, fx1, fy0, fy1 float32 // ix-x0, x1-ix, iy-y0, y1-iy
	wnw, wne, wsw, wse float32
}

const gridAllIn = 15

// set unnormalises (gx, gy) for an h x w image. It reports false when no
// corner can be inside the image (including non-finite coordinates). It
// fills p in place: a returned struct, written field by field and copied
// whole, stalls the store buffer.
func (p *gridPt) set(gx, gy float32, h, w int) bool {
	ix := float32(float32(gx+1)*float32(w)) - 1
	ix /= 2
	iy := float32(float32(gy+1)*float32(h)) - 1
	iy /= 2
	if !(ix >= -1 && ix < float32(w) && iy >= -1 && iy < float32(h)) {
		return false // also NaN
	}
	fx := float32(math.Floor(float64(ix)))
	fy := float32(math.Floor(float64(iy)))
	p.x0, p.y0, p.in = int(fx), int(fy), 0
	p.fx0, p.fx1 = ix-fx, (fx+1)-ix
	p.fy0, p.fy1 = iy-fy, (fy+1)-iy
	p.wnw, p.wne = p.fx1*p.fy1, p.fx0*p.fy1
	p.wsw, p.wse = p.fx1*p.fy0, p.fx0*p.fy0
	if p.y0 >= 0 {
		p.in |= 3
	}
	if p.y0+1 < h {
		p.in |= 12
	}
	if p.x0 < 0 {
		p.in &^= 5
	}
	if p.x0+1 >= w {
		p.in &^= 10
	}
	return true
}

// corners returns the four corner values of plane (0 outside the image).
// They come back in registers: an array written element by element and
// read whole stalls the store buffer.
func (p *gridPt) corners(plane []float32, w int) (nw, ne, sw, se float32) {
	base := p.y0*w + p.x0
	if p.in == gridAllIn {
		v := plane[base : base+w+2]
		return v[0], v[1], v[w], v[w+1]
	}
	if p.in&1 != 0 {
		nw = plane[base]
	}
	if p.in&2 != 0 {
		ne = plane[base+1]
	}
	if p.in&4 != 0 {
		sw = plane[base+w]
	}
	if p.in&8 != 0 {
		se = plane[base+w+1]
	}
	return nw, ne, sw, se
}

// scatter adds w_corner*g to the in-image corners of plane.
func (p *gridPt) scatter(plane []float32, w int, g float32) {
	base := p.y0*w + p.x0
	if p.in == gridAllIn {
		v := plane[base : base+w+2]
		v[0] += float32(p.wnw * g)
		v[1] += float32(p.wne * g)
		v[w] += float32(p.wsw * g)
		v[w+1] += float32(p.wse * g)
		return
	}
	if p.in&1 != 0 {
		plane[base] += float32(p.wnw * g)
	}
	if p.in&2 != 0 {
		plane[base+1] += float32(p.wne * g)
	}
	if p.in&4 != 0 {
		plane[base+w] += float32(p.wsw * g)
	}
	if p.in&8 != 0 {
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

func gridBackwardCheck(op string, x, grid, gy *tensor.Tensor) (n, c, h, w, ho, wo int) {
	n, c, h, w, ho, wo = gridCheck(op, x, grid)
	if !tensor.SameShape(gy.Shape(), []int{n, c, ho, wo}) {
		panic(fmt.Sprintf("ops: %s: gradient %v for input %v and grid %v", op, gy.Shape(), x.Shape(), grid.Shape()))
	}
	return n, c, h, w, ho, wo
}
