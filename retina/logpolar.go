package retina

import (
	"github.com/neurocortex/neurocortex/internal/fmath"

	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/tensor"
)

// LogPolar is the retinotopic map from the visual field onto the cortical
// sheet: Schwartz's complex logarithm w = K log(z + A) (Schwartz 1977,
// 1980), z the position in the visual field in degrees (complex x + iy),
// w the position on the cortex in mm. Its local magnification along the
// horizontal meridian is |dw/dz| = K/(E + A) mm per degree at eccentricity
// E: large in the fovea, falling as 1/E in the periphery.
//
// Each hemisphere sees the opposite hemifield. The cortical image
// [OutH, OutW] puts the two hemispheres side by side with the foveae
// meeting in the middle column: column OutW/2 + i (i >= 0) samples the right
// hemifield at cortical distance u_i from the fovea's edge, column
// OutW/2-1-i its mirror image in the left hemifield. Rows run over the
// polar angle, upper field at the top. The map is conformal, so a sheet
// with OutW/2 / OutH = log((E_max+A)/A) / pi samples isotropically.
type LogPolar struct {
	OutH, OutW int     // cortical image size; OutW even
	FieldDeg   float64 // half-width of the visual field the input image covers, degrees
	A          float64 // foveal constant a, degrees (about 0.75 in human V1)
	K          float64 // cortical scale k, mm (about 15 in human V1); sets only the unit of the sheet
	MaxEccDeg  float64 // eccentricity of the outermost column, degrees; 0 means FieldDeg
}

// DefaultFoveaA is the foveal constant a of the Schwartz map in degrees.
const DefaultFoveaA = 0.75

// DefaultLogPolar returns a map for a 28-pixel MNIST image covering
// +-7 degrees, onto a 24x32 cortical image.
func DefaultLogPolar() LogPolar {
	return LogPolar{OutH: 24, OutW: 32, FieldDeg: 7, A: DefaultFoveaA, K: 15}
}

func (m LogPolar) maxEcc() float64 {
	if m.MaxEccDeg == 0 {
		return m.FieldDeg
	}
	return m.MaxEccDeg
}

func finitePos(x float64) bool { return x > 0 && !math.IsInf(x, 0) }

// Validate reports the first field that is out of range.
func (m LogPolar) Validate() error {
	switch {
	case m.OutH < 1 || m.OutH > 4096:
		return fmt.Errorf("retina: LogPolar.OutH = %d, want 1..4096", m.OutH)
	case m.OutW < 2 || m.OutW > 4096 || m.OutW%2 != 0:
		return fmt.Errorf("retina: LogPolar.OutW = %d, want an even width 2..4096 (two hemispheres)", m.OutW)
	case !finitePos(m.FieldDeg):
		return fmt.Errorf("retina: LogPolar.FieldDeg = %v, want a finite extent > 0", m.FieldDeg)
	case !finitePos(m.A):
		return fmt.Errorf("retina: LogPolar.A = %v, want a finite foveal constant > 0", m.A)
	case !finitePos(m.K):
		return fmt.Errorf("retina: LogPolar.K = %v, want a finite scale > 0", m.K)
	case m.MaxEccDeg < 0 || math.IsInf(m.MaxEccDeg, 0) || m.MaxEccDeg != m.MaxEccDeg:
		return fmt.Errorf("retina: LogPolar.MaxEccDeg = %v, want 0 or a finite eccentricity > 0", m.MaxEccDeg)
	}
	return nil
}

// Magnification returns the cortical magnification K/(E+A) in mm per
// degree at eccentricity e degrees.
func (m LogPolar) Magnification(e float64) float64 { return m.K / (e + m.A) }

// ColumnSpacing returns the cortical distance in mm between neighbouring
// columns (along the eccentricity axis) of the cortical image.
func (m LogPolar) ColumnSpacing() float64 {
	return m.K * (fmath.Log(m.maxEcc()+m.A) - fmath.Log(m.A)) / float64(m.OutW/2)
}

// RowSpacing returns the cortical distance in mm between neighbouring rows
// (along the polar-angle axis).
func (m LogPolar) RowSpacing() float64 { return m.K * math.Pi / float64(m.OutH) }

// Sample returns the visual-field position (x right, y up, degrees) seen by
// cortical pixel (row, col), and whether it lies in that hemisphere's own
// hemifield (near the fovea, the rectangle of the sheet reaches past the
// vertical meridian; those pixels see nothing).
func (m LogPolar) Sample(row, col int) (x, y float64, inside bool) {
	half := m.OutW / 2
	i, sign := col-half, 1.0
	if col < half {
		i, sign = half-1-col, -1
	}
	u0 := fmath.Log(m.A)
	du := (fmath.Log(m.maxEcc()+m.A) - u0) / float64(half)
	rho := fmath.Exp(u0 + float64(float64(float64(i)+0.5)*du))
	theta := math.Pi/2 - float64(float64(float64(row)+0.5)*(math.Pi/float64(m.OutH)))
	s, c := fmath.SinCos(theta)
	re, im := float64(rho*c)-m.A, float64(rho*s)
	return sign * re, im, re >= 0
}

// Outside is the normalised grid coordinate written for pixels that see
// nothing: far enough beyond [-1, 1] that bilinear sampling with zero
// padding reads only zeros.
const Outside = 4

// Grid returns the sampling grid [1, OutH, OutW, 2] for a bilinear grid
// sampler reading an input image of inH x inW pixels that covers
// [-FieldDeg, FieldDeg] horizontally (square pixels, so the vertical
// half-extent is FieldDeg*inH/inW). Each grid entry is (x, y) in
// normalised coordinates where -1 and +1 are the outer edges of the image
// (PyTorch's align_corners=false convention), y pointing down.
func (m LogPolar) Grid(inH, inW int) (*tensor.Tensor, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if inH < 1 || inW < 1 {
		return nil, fmt.Errorf("retina: LogPolar.Grid: input image %dx%d", inH, inW)
	}
	ry := m.FieldDeg * float64(inH) / float64(inW)
	g := tensor.New(1, m.OutH, m.OutW, 2)
	d := g.Data()
	for r := 0; r < m.OutH; r++ {
		for c := 0; c < m.OutW; c++ {
			x, y, in := m.Sample(r, c)
			gx, gy := float32(x/m.FieldDeg), float32(-y/ry)
			if !in {
				gx, gy = Outside, Outside
			}
			o := 2 * (r*m.OutW + c)
			d[o], d[o+1] = gx, gy
		}
	}
	return g, nil
}
