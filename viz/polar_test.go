package viz

import (
	"image"
	"math"
	"testing"
)

func TestPolarPutsResponseAtItsAngle(t *testing.T) {
	angles := []float64{0, 90, 180, 270}
	// Strong response to the right (0 deg), weak elsewhere.
	p := &Polar{AnglesDeg: angles, Curves: [][]float64{{1, 0.1, 0.1, 0.1}}, Preferred: math.NaN(), Size: 200}
	img, err := p.Render()
	if err != nil {
		t.Fatal(err)
	}
	c := Palette[0]
	right := countColor(img, image.Rect(150, 80, 200, 120), c)
	left := countColor(img, image.Rect(0, 80, 50, 120), c)
	if right == 0 || left != 0 {
		t.Errorf("curve pixels right %d, left %d: want the lobe on the right only", right, left)
	}
	// Axial data mirrors the lobe to 180 degrees.
	p.Axial = true
	p.AnglesDeg, p.Curves = []float64{0, 90}, [][]float64{{1, 0.1}}
	img, err = p.Render()
	if err != nil {
		t.Fatal(err)
	}
	if countColor(img, image.Rect(0, 80, 50, 120), c) == 0 {
		t.Error("axial curve not mirrored to 180 degrees")
	}
	if _, err := (&Polar{AnglesDeg: angles, Curves: [][]float64{{1}}}).Render(); err == nil {
		t.Error("curve of the wrong length accepted")
	}
}

func TestPolarGrid(t *testing.T) {
	var ps []*Polar
	for k := 0; k < 5; k++ {
		ps = append(ps, &Polar{Title: "u", AnglesDeg: []float64{0, 45, 90, 135}, Curves: [][]float64{{1, 2, 3, float64(k)}}, Axial: true, Preferred: 90})
	}
	img, err := PolarGrid("V1", ps, 3, 120)
	if err != nil {
		t.Fatal(err)
	}
	if img.Rect.Dx() != 3*120 {
		t.Errorf("grid width %d, want 360", img.Rect.Dx())
	}
	if _, err := PolarGrid("", nil, 0, 0); err == nil {
		t.Error("empty grid accepted")
	}
}
