package viz

import (
	"image"
	"math"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestTilesLayoutAndSign(t *testing.T) {
	// Two 2x2 tiles: a signed one (negative left, positive right) and zeros.
	d := tensor.FromSlice([]float32{-1, 1, -1, 1, 0, 0, 0, 0}, 2, 1, 2, 2)
	img, err := (&Tiles{Data: d, Scale: 3, Gap: 1}).Render()
	if err != nil {
		t.Fatal(err)
	}
	// 2 columns of 6 pixels + 3 gaps; 1 row.
	if img.Rect.Dx() != 2*6+3 || img.Rect.Dy() != 6+2 {
		t.Fatalf("size %v", img.Rect)
	}
	if got := img.RGBAAt(1, 1); got != Diverging(0) {
		t.Errorf("negative value drawn %v, want the blue end", got)
	}
	if got := img.RGBAAt(4, 1); got != Diverging(1) {
		t.Errorf("positive value drawn %v, want the red end", got)
	}
	if got := img.RGBAAt(8+1, 1); got != White {
		t.Errorf("zero tile drawn %v, want white (diverging centre)", got)
	}
}

func TestTilesSplitChannelsAndRGB(t *testing.T) {
	rng := tensor.NewRNG(7, 1)
	w := tensor.RandUniform(rng, 0, 1, 4, 5, 3, 3) // 4 filters x 5 input channels
	img, err := (&Tiles{Data: w, Scale: 2, Gap: 1}).Render()
	if err != nil {
		t.Fatal(err)
	}
	if img.Rect.Dx() != 5*7+1 || img.Rect.Dy() != 4*7+1 {
		t.Errorf("split tiles %v, want 5 columns x 4 rows", img.Rect)
	}
	rgb := tensor.New(1, 3, 1, 1)
	copy(rgb.Data(), []float32{1, 0, 0})
	img, err = (&Tiles{Data: rgb, Scale: 4, Norm: Global}).Render()
	if err != nil {
		t.Fatal(err)
	}
	if got := img.RGBAAt(3, 3); got.R != 255 || got.G != 127 && got.G != 128 {
		t.Errorf("RGB tile pixel %v, want red over a symmetric scale", got)
	}
	for _, bad := range []*tensor.Tensor{nil, tensor.New(3), tensor.New(0, 1, 2, 2)} {
		if _, err := (&Tiles{Data: bad}).Render(); err == nil {
			t.Errorf("tiles of %v accepted", bad)
		}
	}
}

func TestTilesGolden(t *testing.T) {
	// A deterministic bank: ramps and checkerboards, no trigonometry.
	d := tensor.New(6, 1, 5, 5)
	v := d.Data()
	for k := 0; k < 6; k++ {
		for i := 0; i < 5; i++ {
			for j := 0; j < 5; j++ {
				var x float32
				switch k % 3 {
				case 0:
					x = float32(j - 2)
				case 1:
					x = float32(i-2) * float32(k)
				default:
					x = float32((i+j)%2*2 - 1)
				}
				v[(k*5+i)*5+j] = x
			}
		}
	}
	img, err := (&Tiles{Title: "bank", Data: d, Cols: 3}).Render()
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "tiles.png", img)
}

func TestReceptiveFields(t *testing.T) {
	w := tensor.New(4*3, 2) // 4x3 inputs, 2 neurons; neuron 1 likes input 5
	w.Set(1, 5, 1)
	img, err := ReceptiveFields(w, 4, 3, "")
	if err != nil {
		t.Fatal(err)
	}
	// Neuron 1's tile starts after neuron 0's (3 columns x 2 pixels + gap).
	x0, y0 := 1+(3*2+1), 1
	if got := img.RGBAAt(x0+2*2, y0+1*2); got != Black {
		t.Errorf("strongest weight drawn %v, want black (hot_r)", got)
	}
	if got := img.RGBAAt(x0, y0); got != White {
		t.Errorf("zero weight drawn %v, want white", got)
	}
	if _, err := ReceptiveFields(tensor.New(10, 2), 4, 3, ""); err == nil || !strings.Contains(err.Error(), "[12, neurons]") {
		t.Errorf("bad shape: %v", err)
	}
}

func TestFeatureMapsAndImage(t *testing.T) {
	act := tensor.New(2, 10, 4, 4)
	img, err := FeatureMaps("V2", act, 6)
	if err != nil {
		t.Fatal(err)
	}
	if img.Rect.Dx() < 3*4*10 {
		t.Errorf("feature maps %v too small for 6 maps of 4x4 at scale 10", img.Rect)
	}
	x := tensor.New(1, 2, 2)
	copy(x.Data(), []float32{0, 1, 0.5, float32(math.NaN())})
	img, err = Image(x, 2)
	if err != nil {
		t.Fatal(err)
	}
	if img.Rect != image.Rect(0, 0, 4, 4) || img.RGBAAt(0, 0) != Black || img.RGBAAt(2, 0) != White || img.RGBAAt(3, 3) != Black {
		t.Errorf("image pixels wrong: %v %v %v", img.RGBAAt(0, 0), img.RGBAAt(2, 0), img.RGBAAt(3, 3))
	}
	if _, err := Image(tensor.New(2, 2, 2), 1); err == nil {
		t.Error("2-channel image accepted")
	}
}
