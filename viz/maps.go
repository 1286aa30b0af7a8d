package viz

import (
	"fmt"
	"image"

	"github.com/neurocortex/neurocortex/tensor"
)

// FeatureMaps draws the channels of one sample's activations, [C, H, W]
// (or sample 0 of [N, C, H, W]), as a grid of at most maxMaps tiles, each
// scaled to its own range.
func FeatureMaps(title string, act *tensor.Tensor, maxMaps int) (*image.RGBA, error) {
	if act == nil {
		return nil, fmt.Errorf("viz: feature maps %q: nil activations", title)
	}
	x := act
	switch act.Dims() {
	case 4:
		x = act.RowView(0, 1).Reshape(act.Dim(1), act.Dim(2), act.Dim(3))
	case 3:
	case 2: // [N, features]: one row of values
		x = act.RowView(0, 1).Reshape(1, 1, act.Dim(1))
	default:
		return nil, fmt.Errorf("viz: feature maps %q: shape %v, want [C, H, W] or [N, C, H, W]", title, act.Shape())
	}
	c := x.Dim(0)
	if maxMaps > 0 && c > maxMaps {
		x = x.Slice(0, 0, maxMaps)
		title = fmt.Sprintf("%s (first %d of %d)", title, maxMaps, c)
	}
	return (&Tiles{Title: title, Data: x}).Render()
}

// Image draws an image tensor [C, H, W] (or [H, W]) with C = 1 (grey) or 3
// (RGB), values in [0, 1] (clamped, not stretched), each pixel a scale x
// scale block.
func Image(x *tensor.Tensor, scale int) (*image.RGBA, error) {
	if x == nil {
		return nil, fmt.Errorf("viz: image: nil tensor")
	}
	sh := x.Shape()
	if len(sh) == 2 {
		sh = []int{1, sh[0], sh[1]}
	}
	if len(sh) != 3 || (sh[0] != 1 && sh[0] != 3) {
		return nil, fmt.Errorf("viz: image: shape %v, want [1|3, H, W] or [H, W]", x.Shape())
	}
	scale = max(scale, 1)
	ch, h, w := sh[0], sh[1], sh[2]
	if err := checkSize("image", w*scale, h*scale, 1, 1); err != nil {
		return nil, err
	}
	c := NewCanvas(w*scale, h*scale, White)
	d := x.Data()
	for i := 0; i < h; i++ {
		for j := 0; j < w; j++ {
			col := Gray(float64(d[i*w+j]))
			if ch == 3 {
				col.G = unit8(float64(d[h*w+i*w+j]))
				col.B = unit8(float64(d[2*h*w+i*w+j]))
			}
			c.FillRect(j*scale, i*scale, (j+1)*scale, (i+1)*scale, col)
		}
	}
	return c.Img, nil
}

// TrainingFigure is the training-curve plot written next to a checkpoint:
// the loss above, the accuracies below, on a shared x axis.
type TrainingFigure struct {
	Title    string
	XLabel   string    // e.g. "epoch" or "step"
	X        []float64 // positions of Loss and TrainAcc
	Loss     []float64
	TrainAcc []float64 // percent; nil to omit
	TestX    []float64 // positions of TestAcc (e.g. epoch ends)
	TestAcc  []float64 // percent; nil to omit
	Width    int       // 0 means 720
}

// Render draws the figure.
func (f *TrainingFigure) Render() (*image.RGBA, error) {
	w := f.Width
	if w == 0 {
		w = 720
	}
	loss := &Plot{Title: f.Title, XLabel: f.XLabel, YLabel: "loss", Width: w, Height: 280, Grid: true,
		Series: []Series{{Name: "training loss", X: f.X, Y: f.Loss}}}
	top, err := loss.Render()
	if err != nil {
		return nil, err
	}
	acc := &Plot{XLabel: f.XLabel, YLabel: "accuracy (%)", Width: w, Height: 260, Grid: true}
	if f.TrainAcc != nil {
		acc.Series = append(acc.Series, Series{Name: "train", X: f.X, Y: f.TrainAcc, Color: Palette[0]})
	}
	if f.TestAcc != nil {
		acc.Series = append(acc.Series, Series{Name: "test", X: f.TestX, Y: f.TestAcc, Color: Palette[1], Points: true})
	}
	if len(acc.Series) == 0 {
		return top, nil
	}
	bottom, err := acc.Render()
	if err != nil {
		return nil, err
	}
	return VStack(top, bottom), nil
}
