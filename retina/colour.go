package retina

import (
	"github.com/neurocortex/neurocortex/internal/fmath"

	"fmt"

	"github.com/neurocortex/neurocortex/tensor"
)

// The colour front end turns sRGB pixel values into cone excitations.
//
// Sources (values as published, 4 decimals):
//
//   - sRGB: IEC 61966-2-1:1999. Decoding curve V <= 0.04045: V/12.92,
//     otherwise ((V+0.055)/1.055)^2.4. Linear sRGB (D65) to CIE 1931 XYZ:
//     [0.4124 0.3576 0.1805; 0.2126 0.7152 0.0722; 0.0193 0.1192 0.9505].
//   - Cones: the Hunt-Pointer-Estevez XYZ-to-LMS matrix normalised to D65
//     (Hunt 1991; Fairchild, Color Appearance Models, 3rd ed., eq. 9.18):
//     [0.4002 0.7076 -0.0808; -0.2263 1.1653 0.0457; 0 0 0.9182].
//
// LMSFromLinearSRGB is their product HPE * M_sRGB, computed in float64 and
// rounded once; its rows are the L, M and S cone excitations of unit
// linear R, G and B.
var LMSFromLinearSRGB = lmsFromLinearSRGB()

// LuminanceFromLinearSRGB is the Y row of the sRGB-to-XYZ matrix: the
// photopic luminance of linear R, G, B (used for grey input and the rod
// channel).
var LuminanceFromLinearSRGB = [3]float32{0.2126, 0.7152, 0.0722}

var (
	xyzFromSRGB = [3][3]float64{{0.4124, 0.3576, 0.1805}, {0.2126, 0.7152, 0.0722}, {0.0193, 0.1192, 0.9505}}
	lmsFromXYZ  = [3][3]float64{{0.4002, 0.7076, -0.0808}, {-0.2263, 1.1653, 0.0457}, {0, 0, 0.9182}}
)

func lmsFromLinearSRGB() [3][3]float32 {
	var m [3][3]float32
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			var s float64
			for k := 0; k < 3; k++ {
				s += float64(lmsFromXYZ[i][k] * xyzFromSRGB[k][j])
			}
			m[i][j] = float32(s)
		}
	}
	return m
}

// SRGBToLinear decodes one sRGB value in [0, 1] to linear light. Values
// outside [0, 1] are clamped first.
func SRGBToLinear(v float32) float32 {
	x := float64(v)
	switch {
	case !(x > 0): // also NaN
		return 0
	case x >= 1:
		return 1
	case x <= 0.04045:
		return float32(x / 12.92)
	}
	return float32(fmath.Exp(float64(2.4 * fmath.Log((x+0.055)/1.055))))
}

// LinearizeSRGB returns a new tensor with SRGBToLinear applied to every
// element of x.
func LinearizeSRGB(x *tensor.Tensor) *tensor.Tensor {
	out := tensor.New(x.Shape()...)
	dst, src := out.Data(), x.Data()
	for i, v := range src {
		dst[i] = SRGBToLinear(v)
	}
	return out
}

// ConeExcitations maps linear sRGB images x [N,3,H,W] to L, M, S cone
// excitations [N,3,H,W] through LMSFromLinearSRGB.
func ConeExcitations(x *tensor.Tensor) (*tensor.Tensor, error) {
	if x.Dims() != 4 || x.Dim(1) != 3 {
		return nil, fmt.Errorf("retina: ConeExcitations: input shape %v, want [N,3,H,W]", x.Shape())
	}
	m := LMSFromLinearSRGB
	return mixChannels(x, m[:]), nil
}

// Luminance maps linear sRGB images x [N,3,H,W] to luminance [N,1,H,W].
func Luminance(x *tensor.Tensor) (*tensor.Tensor, error) {
	if x.Dims() != 4 || x.Dim(1) != 3 {
		return nil, fmt.Errorf("retina: Luminance: input shape %v, want [N,3,H,W]", x.Shape())
	}
	return mixChannels(x, [][3]float32{LuminanceFromLinearSRGB}), nil
}

// mixChannels returns out[n,o] = sum_c m[o][c] * x[n,c] for a 3-channel x,
// each product rounded and the three added left to right.
func mixChannels(x *tensor.Tensor, m [][3]float32) *tensor.Tensor {
	n, h, w := x.Dim(0), x.Dim(2), x.Dim(3)
	plane := h * w
	out := tensor.New(n, len(m), h, w)
	src, dst := x.Data(), out.Data()
	for b := 0; b < n; b++ {
		r := src[(3*b+0)*plane : (3*b+1)*plane]
		g := src[(3*b+1)*plane : (3*b+2)*plane]
		bl := src[(3*b+2)*plane : (3*b+3)*plane]
		for o, row := range m {
			d := dst[(len(m)*b+o)*plane : (len(m)*b+o+1)*plane]
			for i := range d {
				d[i] = float32(row[0]*r[i]) + float32(row[1]*g[i]) + float32(row[2]*bl[i])
			}
		}
	}
	return out
}
