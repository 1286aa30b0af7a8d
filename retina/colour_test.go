package retina

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestSRGBToLinear(t *testing.T) {
	for i := 0; i <= 255; i++ {
		v := float64(i) / 255
		want := v / 12.92
		if v > 0.04045 {
			want = math.Pow((v+0.055)/1.055, 2.4)
		}
		got := float64(SRGBToLinear(float32(v)))
		if math.Abs(got-want) > 1e-7 {
			t.Fatalf("SRGBToLinear(%d/255) = %g, want %g", i, got, want)
		}
	}
	// The curve is continuous at the knee and monotone.
	if a, b := SRGBToLinear(0.04045), SRGBToLinear(0.0404501); b < a || b-a > 1e-6 {
		t.Fatalf("knee: %g, %g", a, b)
	}
	if SRGBToLinear(-1) != 0 || SRGBToLinear(2) != 1 || SRGBToLinear(float32(math.NaN())) != 0 {
		t.Fatal("out-of-range values not clamped")
	}
}

func TestConeMatrix(t *testing.T) {
	// Spot-check the product against hand-computed values.
	m := LMSFromLinearSRGB
	want00 := 0.4002*0.4124 + 0.7076*0.2126 - 0.0808*0.0193
	if math.Abs(float64(m[0][0])-want00) > 1e-7 {
		t.Fatalf("L from R = %g, want %g", m[0][0], want00)
	}
	// HPE is normalised to D65: white (1,1,1) gives nearly equal L, M, S.
	for i := 0; i < 3; i++ {
		s := float64(m[i][0] + m[i][1] + m[i][2])
		if math.Abs(s-1) > 0.01 {
			t.Fatalf("cone %d response to white = %g, want about equal responses", i, s)
		}
	}
	// S cones do not see red; L cones see red more than M cones do.
	if m[2][0] > 0.02 || m[0][0] <= m[1][0] {
		t.Fatalf("cone matrix %v", m)
	}
}

func TestConeExcitationsAndLuminance(t *testing.T) {
	x := tensor.New(2, 3, 2, 2)
	// Image 1 pure red, image 2 pure blue.
	for i := 0; i < 4; i++ {
		x.Data()[i] = 1
		x.Data()[12+8+i] = 1
	}
	lms, err := ConeExcitations(x)
	if err != nil {
		t.Fatal(err)
	}
	m := LMSFromLinearSRGB
	if lms.At(0, 0, 1, 1) != m[0][0] || lms.At(0, 2, 0, 0) != m[2][0] || lms.At(1, 2, 0, 1) != m[2][2] {
		t.Fatalf("cone excitations wrong: %v", lms)
	}
	y, err := Luminance(x)
	if err != nil {
		t.Fatal(err)
	}
	if got := y.Shape(); got[1] != 1 || y.At(0, 0, 0, 0) != 0.2126 || y.At(1, 0, 1, 1) != 0.0722 {
		t.Fatalf("luminance %v", y)
	}
	if _, err := ConeExcitations(tensor.New(1, 1, 2, 2)); err == nil {
		t.Fatal("grey input accepted by ConeExcitations")
	}
	if _, err := Luminance(tensor.New(3, 2, 2)); err == nil {
		t.Fatal("3-d input accepted by Luminance")
	}
}
