package ops

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// Bilinear resizing of x [N, C, H, W] to [N, C, outH, outW] with PyTorch's
// interpolate(mode="bilinear", align_corners=False) semantics. Along each
// axis (in float32, each step rounded):
//
//	scale = in/out
//	src   = max(scale*(dst + 0.5) - 0.5, 0)
//	i0    = min(floor(src), in-1); i1 = i0+1, or i0 at the last row/column
//	l1    = clamp(src - i0, 0, 1); l0 = 1 - l1
//
// and when in == out the axis is copied (i0 = i1 = dst, l0 = 1, l1 = 0).
// Then y = l0h*(l0w*x[i0,j0] + l1w*x[i0,j1]) + l1h*(l0w*x[i1,j0] + l1w*x[i1,j1]),
// every product rounded before it is added.

// resizeAxis holds the source indices and weights of each output position.
type resizeAxis struct {
	i0, i1 []int
	l0, l1 []float32
}

func resizeMakeAxis(in, out int) resizeAxis {
	a := resizeAxis{make([]int, out), make([]int, out), make([]float32, out), make([]float32, out)}
	scale := float32(in) / float32(out)
	for d := 0; d < out; d++ {
		if in == out {
			a.i0[d], a.i1[d], a.l0[d] = d, d, 1
			continue
		}
		src := float32(scale*(float32(d)+0.5)) - 0.5
		if src < 0 {
			src = 0
		}
		i0 := min(int(math.Floor(float64(src))), in-1)
		l1 := min(max(src-float32(i0), 0), 1)
		a.i0[d], a.l1[d], a.l0[d] = i0, l1, 1-l1
		a.i1[d] = i0
		if i0 < in-1 {
			a.i1[d] = i0 + 1
		}
	}
	return a
}

func resizeCheck(op string, x *tensor.Tensor, outH, outW int) (n, c, h, w int) {
	if x.Dims() != 4 || outH < 1 || outW < 1 || x.Dim(2) < 1 || x.Dim(3) < 1 {
		panic(fmt.Sprintf("ops: %s: input %v to %dx%d (want [N, C, H, W] with H, W, outH, outW >= 1)", op, x.Shape(), outH, outW))
	}
	s := x.Shape()
	return s[0], s[1], s[2], s[3]
}

// Resize returns x [N, C, H, W] resized bilinearly to [N, C, outH, outW]
// (align_corners=False, as documented above).
func Resize(x *tensor.Tensor, outH, outW int) *tensor.Tensor {
	n, c, h, w := resizeCheck("Resize", x, outH, outW)
	ah, aw := resizeMakeAxis(h, outH), resizeMakeAxis(w, outW)
	y := tensor.New(n, c, outH, outW)
	xd, yd := x.Data(), y.Data()
	for p := 0; p < n*c; p++ {
		src := xd[p*h*w : (p+1)*h*w]
		dst := yd[p*outH*outW : (p+1)*outH*outW]
		for oy := 0; oy < outH; oy++ {
			r0, r1 := src[ah.i0[oy]*w:], src[ah.i1[oy]*w:]
			l0h, l1h := ah.l0[oy], ah.l1[oy]
			for ox := 0; ox < outW; ox++ {
				j0, j1 := aw.i0[ox], aw.i1[ox]
				l0w, l1w := aw.l0[ox], aw.l1[ox]
				t0 := float32(l0w*r0[j0]) + float32(l1w*r0[j1])
				t1 := float32(l0w*r1[j0]) + float32(l1w*r1[j1])
				dst[oy*outW+ox] = float32(l0h*t0) + float32(l1h*t1)
			}
		}
	}
	return y
}

// ResizeBackward returns the gradient of Resize(x, outH, outW) with respect
// to x. Each output gradient g is spread over its four sources as
// gx[i0,j0] += l0w*(l0h*g), gx[i0,j1] += l1w*(l0h*g), gx[i1,j0] += l0w*(l1h*g),
// gx[i1,j1] += l1w*(l1h*g) (products rounded), visiting the outputs in
// row-major order: a fixed sequential order of accumulation.
func ResizeBackward(x, gy *tensor.Tensor) *tensor.Tensor {
	n, c, h, w := resizeCheck("ResizeBackward", x, 1, 1)
	if gy.Dims() != 4 || gy.Dim(0) != n || gy.Dim(1) != c {
		panic(fmt.Sprintf("ops: ResizeBackward: gradient %v for input %v", gy.Shape(), x.Shape()))
	}
	outH, outW := gy.Dim(2), gy.Dim(3)
	resizeCheck("ResizeBackward", x, outH, outW)
	ah, aw := resizeMakeAxis(h, outH), resizeMakeAxis(w, outW)
	gx := tensor.New(x.Shape()...)
	gd, gxd := gy.Data(), gx.Data()
	for p := 0; p < n*c; p++ {
		src := gd[p*outH*outW : (p+1)*outH*outW]
		dst := gxd[p*h*w : (p+1)*h*w]
		for oy := 0; oy < outH; oy++ {
			r0, r1 := dst[ah.i0[oy]*w:], dst[ah.i1[oy]*w:]
			l0h, l1h := ah.l0[oy], ah.l1[oy]
			for ox := 0; ox < outW; ox++ {
				g := src[oy*outW+ox]
				j0, j1 := aw.i0[ox], aw.i1[ox]
				l0w, l1w := aw.l0[ox], aw.l1[ox]
				g0, g1 := l0h*g, l1h*g
				r0[j0] += float32(l0w * g0)
				r0[j1] += float32(l1w * g0)
				r1[j0] += float32(l0w * g1)
				r1[j1] += float32(l1w * g1)
			}
		}
	}
	return gx
}
