package main

import (
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg" // decode JPEG inputs
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/data"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/retina"
	"github.com/neurocortex/neurocortex/tensor"
	"github.com/neurocortex/neurocortex/viz"
)

func init() {
	register("viz", "draw what the system sees: input, retina, log-polar map, V1 filters, every area's feature maps, predictions (PNG)", runViz)
}

// vizResult is the --json output of cortex viz.
type vizResult struct {
	System       string    `json:"system"`
	Input        string    `json:"input"`
	Files        []string  `json:"files"`
	Class        int       `json:"class"`
	ClassProbs   []float64 `json:"class_probs"`
	Direction    *int      `json:"direction,omitempty"`
	DirectionDeg *float64  `json:"direction_deg,omitempty"`
	Position     []float64 `json:"position,omitempty"` // normalised (x, y), -1..1, y down
}

func runViz(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("viz", stderr)
	checkpoint := fs.String("checkpoint", "", "checkpoint of a trained system")
	untrained := fs.Bool("untrained", false, "draw a freshly initialised system instead")
	config := fs.String("config", "moving-mnist", "system of --untrained: mnist or moving-mnist")
	seed := fs.Uint64("seed", 1, "seed of the untrained system")
	input := fs.String("input", "mnist:0", "mnist:I (test digit I), moving:I (moving-MNIST test sequence I) or a PNG/JPEG file")
	out := fs.String("out", "viz", "directory for the pictures")
	maxMaps := fs.Int("max-maps", 32, "feature maps drawn per area")
	dir := fs.String("mnist-dir", "", "directory of the MNIST files (default: $"+data.EnvMNISTDir+", else the GoMNIST module)")
	asJSON := fs.Bool("json", false, "print one JSON object (files written, predictions) on stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *maxMaps < 1 || *maxMaps > 1024 {
		return usagef("--max-maps %d: want 1..1024", *maxMaps)
	}
	sys, desc, err := probeLoadSystem(*checkpoint, *untrained, *config, *seed)
	if err != nil {
		return err
	}
	cfg := &sys.Config
	x, err := vizInput(cfg, *input, *dir)
	if err != nil {
		return err
	}
	// The flags, the system and the input are good: make sure the
	// pictures can be written before drawing them.
	if err := checkWritableDir("out", *out); err != nil {
		return err
	}
	o, err := sys.Forward(autodiff.NoGrad(), x, nil)
	if err != nil {
		return err
	}
	res := vizResult{System: desc, Input: *input}
	save := func(name string, img image.Image, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		path := filepath.Join(*out, name)
		if err := viz.SavePNG(path, img); err != nil {
			return err
		}
		res.Files = append(res.Files, path)
		return nil
	}
	a := o.Areas
	last := func(v *autodiff.Var) *tensor.Tensor { return lastFrameOf(v.Value, 1) }

	img, err := vizInputPicture(cfg, x)
	if err := save("input.png", img, err); err != nil {
		return err
	}
	cones := "photoreceptors: luminance (rods)"
	if cfg.Colour {
		cones = "photoreceptors: L, M, S cones"
	}
	img, err = viz.FeatureMaps(cones+" (last frame)", last(a.Photoreceptors), *maxMaps)
	if err := save("photoreceptors.png", img, err); err != nil {
		return err
	}
	img, err = viz.FeatureMaps("after horizontal-cell subtraction", last(a.Horizontal), *maxMaps)
	if err := save("horizontal.png", img, err); err != nil {
		return err
	}
	pTitle := "P (midget) ganglion cells: ON, OFF"
	if cfg.Colour {
		pTitle = "P (midget) ganglion cells: L-M ON, S-(L+M) ON, L-M OFF, S-(L+M) OFF"
	}
	img, err = viz.FeatureMaps(pTitle, last(a.P), *maxMaps)
	if err := save("ganglion_P.png", img, err); err != nil {
		return err
	}
	img, err = viz.FeatureMaps("M (parasol) ganglion cells, transient: ON, OFF", last(a.M), *maxMaps)
	if err := save("ganglion_M.png", img, err); err != nil {
		return err
	}
	img, err = vizLogPolar(cfg, x)
	if err := save("logpolar.png", img, err); err != nil {
		return err
	}
	bank, err := cortex.GaborBank{Size: cfg.GaborSize, Orientations: cfg.Orientations, Frequencies: cfg.SpatialFreqs}.Filters()
	if err == nil {
		img, err = (&viz.Tiles{Title: "V1 Gabor bank (initial): frequency x orientation x phase", Data: bank, Cols: 2 * cfg.Orientations}).Render()
	}
	if err := save("gabor_bank.png", img, err); err != nil {
		return err
	}
	img, err = (&viz.Tiles{Title: "V1 weights now (rows: filters; columns: input maps P on/off, M on/off)", Data: sys.V1.Weight.Value}).Render()
	if err := save("v1_filters.png", img, err); err != nil {
		return err
	}
	if sys.Dorsal != nil {
		img, err = vizMotionFilters(sys.Dorsal.Motion.Value)
		if err := save("motion_filters.png", img, err); err != nil {
			return err
		}
	}
	for _, m := range []struct {
		name, title string
		v           *autodiff.Var
	}{
		{"features_V1.png", "V1 (simple, then complex cells; normalised)", a.V1},
		{"features_V2.png", "V2", a.V2},
		{"features_V4.png", "V4", a.V4},
		{"features_MT.png", "MT", a.MT},
	} {
		if m.v == nil {
			continue
		}
		img, err := viz.FeatureMaps(m.title, m.v.Value, *maxMaps)
		if err := save(m.name, img, err); err != nil {
			return err
		}
	}
	img, err = vizPredictions(cfg, x, o, &res)
	if err := save("predictions.png", img, err); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "viz: %s, input %s: wrote %d pictures to %s\n", desc, *input, len(res.Files), *out)
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	for _, f := range res.Files {
		fmt.Fprintln(stdout, f)
	}
	return nil
}

// vizInput builds a batch of one input in the system's format from an
// MNIST test digit, a moving-MNIST test sequence or an image file.
func vizInput(cfg *cortex.Config, spec, dir string) (*tensor.Tensor, error) {
	kind, i, err := vizParseInput(spec)
	if err != nil {
		return nil, err
	}
	var frames *tensor.Tensor // [T, 1 or 3, h, w]
	switch kind {
	case "mnist", "moving":
		test, err := data.LoadMNIST(dir, "test")
		if err != nil {
			return nil, err
		}
		if kind == "mnist" {
			if i >= test.Len() {
				return nil, usagef("--input %q: the test set has %d digits", spec, test.Len())
			}
			x, _ := test.Batch([]int{i})
			frames = x
		} else {
			h, w, t := cfg.Height, cfg.Width, max(cfg.Frames, 1)
			if !cfg.Motion {
				h, w, t = max(h, 32), max(w, 32), 8
			}
			g, err := data.NewMovingMNIST(test, data.MovingConfig{Frames: t, Height: h, Width: w, Seed: cortex.MovingTestSeed})
			if err != nil {
				return nil, err
			}
			x, _ := g.Generate(i, 1)
			frames = x.Reshape(t, 1, h, w)
		}
	default:
		img, err := vizReadImage(spec)
		if err != nil {
			return nil, err
		}
		frames = img
	}
	return vizFit(cfg, frames), nil
}

// vizParseInput splits --input into its kind ("mnist", "moving" or
// "file") and the index of a dataset input.
func vizParseInput(spec string) (kind string, index int, err error) {
	kind, arg, found := strings.Cut(spec, ":")
	if !found || (kind != "mnist" && kind != "moving") {
		if spec == "" {
			return "", 0, usagef("--input is empty: want mnist:I, moving:I or a PNG/JPEG file")
		}
		return "file", 0, nil
	}
	i, err := strconv.Atoi(arg)
	if err != nil || i < 0 || i > 1<<30 {
		return "", 0, usagef("--input %q: want %s:INDEX with 0 <= INDEX", spec, kind)
	}
	return kind, i, nil
}

// Bounds of the images viz reads. Decoding takes up to 8 bytes a pixel
// (16-bit RGBA), the [1, 3, h, w] tensor 12 and the grey conversion in
// vizFit 4 more: about 24 bytes a pixel at the peak, so 4 Mpixel keep
// cortex viz --input under ~100 MB (a blank 8192x8192 PNG of 84 KB took
// 1.1 GB before). A long side up to 8192 stays allowed (panoramas, strips)
// as long as the pixel count is within the bound.
const (
	vizMaxSide   = 8192
	vizMaxPixels = 4 << 20 // 2048x2048
)

// vizReadImage decodes a PNG or JPEG file into [1, 3, h, w] in [0, 1].
func vizReadImage(path string) (*tensor.Tensor, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("--input: %v (want mnist:I, moving:I or a PNG/JPEG file)", err)
	}
	defer f.Close()
	// Check the declared size before decoding allocates for it.
	ic, _, err := image.DecodeConfig(f)
	if err != nil {
		return nil, fmt.Errorf("--input %s: %w", path, err)
	}
	if ic.Width < 1 || ic.Height < 1 || ic.Width > vizMaxSide || ic.Height > vizMaxSide || ic.Width*ic.Height > vizMaxPixels {
		return nil, fmt.Errorf("--input %s: image %dx%d, want 1..%d pixels a side and at most %d pixels in all (viz resizes to the system's input, a few dozen pixels a side)",
			path, ic.Width, ic.Height, vizMaxSide, vizMaxPixels)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("--input %s: %w", path, err)
	}
	b := img.Bounds()
	h, w := b.Dy(), b.Dx()
	t := tensor.New(1, 3, h, w)
	d := t.Data()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			d[y*w+x] = float32(r) / 65535
			d[h*w+y*w+x] = float32(g) / 65535
			d[2*h*w+y*w+x] = float32(bl) / 65535
		}
	}
	return t, nil
}

// vizFit converts frames [T, C, h, w] to the system's input [1, ...]:
// grey or colour, its frame count (a still repeated, a sequence's last
// frame for a static system) and its size (smaller frames are centred on a
// black background, larger ones resized bilinearly).
func vizFit(cfg *cortex.Config, fr *tensor.Tensor) *tensor.Tensor {
	t, c, h, w := fr.Dim(0), fr.Dim(1), fr.Dim(2), fr.Dim(3)
	if c == 3 && !cfg.Colour { // luminance, Rec. 601 weights on the encoded values
		g := tensor.New(t, 1, h, w)
		for i := 0; i < t; i++ {
			for p := 0; p < h*w; p++ {
				base := i * 3 * h * w
				g.Data()[i*h*w+p] = 0.299*fr.Data()[base+p] + 0.587*fr.Data()[base+h*w+p] + 0.114*fr.Data()[base+2*h*w+p]
			}
		}
		fr, c = g, 1
	}
	if c == 1 && cfg.Colour {
		rgb := tensor.New(t, 3, h, w)
		for i := 0; i < t; i++ {
			for ch := 0; ch < 3; ch++ {
				copy(rgb.Data()[(i*3+ch)*h*w:], fr.Data()[i*h*w:(i+1)*h*w])
			}
		}
		fr, c = rgb, 3
	}
	H, W := cfg.Height, cfg.Width
	if h <= H && w <= W {
		pad := tensor.New(t, c, H, W)
		r0, c0 := (H-h)/2, (W-w)/2
		for i := 0; i < t*c; i++ {
			for y := 0; y < h; y++ {
				copy(pad.Data()[(i*H+r0+y)*W+c0:], fr.Data()[(i*h+y)*w:(i*h+y+1)*w])
			}
		}
		fr = pad
	} else {
		fr = ops.Resize(fr, H, W)
	}
	T := 1
	if cfg.Motion {
		T = cfg.Frames
	}
	out := tensor.New(append([]int{1}, cfg.InputShape(1)[1:]...)...)
	plane := c * H * W
	for i := 0; i < T; i++ {
		src := i
		if t != T {
			src = t - 1 // a still repeated, or a static system's last frame
			if t > 1 && T > 1 {
				src = min(i, t-1)
			}
		}
		copy(out.Data()[i*plane:(i+1)*plane], fr.Data()[src*plane:(src+1)*plane])
	}
	return out
}

// vizInputPicture draws the input: the image, or the frames in a row.
func vizInputPicture(cfg *cortex.Config, x *tensor.Tensor) (image.Image, error) {
	c, h, w := cfg.Channels(), cfg.Height, cfg.Width
	scale := max(1, 112/max(h, w))
	if !cfg.Motion {
		img, err := viz.Image(x.Reshape(c, h, w), scale)
		if err != nil {
			return nil, err
		}
		return viz.Captioned("input", img), nil
	}
	var frames []image.Image
	for t := 0; t < cfg.Frames; t++ {
		img, err := viz.Image(x.Slice(1, t, t+1).Reshape(c, h, w), scale)
		if err != nil {
			return nil, err
		}
		frames = append(frames, viz.Captioned(fmt.Sprintf("t=%d", t), viz.HStack(img, viz.NewCanvas(4, 1, viz.White).Img)))
	}
	return viz.Captioned("input sequence", viz.HStack(frames...)), nil
}

// vizLogPolar draws the last frame through the Schwartz complex-log map
// w = k log(z + a) (the cortical image: the fovea magnified) next to the
// input with the visual-field positions that every fourth cortical row and
// column sample.
func vizLogPolar(cfg *cortex.Config, x *tensor.Tensor) (image.Image, error) {
	c, h, w := cfg.Channels(), cfg.Height, cfg.Width
	frame := x.Reshape(-1, c, h, w)
	frame = lastFrameOf(frame, 1).Reshape(1, c, h, w)
	m := cfg.Sheet
	if m.OutH == 0 {
		m = retina.DefaultLogPolar()
	}
	grid, err := m.Grid(h, w)
	if err != nil {
		return nil, err
	}
	sheet := ops.GridSample(frame, grid)
	scale := max(1, 160/max(m.OutH, m.OutW))
	si, err := viz.Image(sheet.Reshape(c, m.OutH, m.OutW), scale)
	if err != nil {
		return nil, err
	}
	iscale := max(1, 160/max(h, w))
	in, err := viz.Image(frame.Reshape(c, h, w), iscale)
	if err != nil {
		return nil, err
	}
	g := grid.Data()
	for r := 0; r < m.OutH; r += 4 {
		for col := 0; col < m.OutW; col += 4 {
			gx, gy := float64(g[2*(r*m.OutW+col)]), float64(g[2*(r*m.OutW+col)+1])
			if gx < -1 || gx > 1 || gy < -1 || gy > 1 {
				continue
			}
			px, py := int((gx+1)/2*float64(w*iscale)), int((gy+1)/2*float64(h*iscale))
			viz.Mark(in, px, py, 1, viz.Palette[3])
		}
	}
	title := "log-polar cortical image (Schwartz map, a=" + strconv.FormatFloat(m.A, 'g', 3, 64) + " deg)"
	if !cfg.LogPolar {
		title += "; this system runs without it"
	}
	return viz.HStack(viz.Captioned("visual field and the sheet's sample grid", in), viz.NewCanvas(12, 1, viz.White).Img, viz.Captioned(title, si)), nil
}

// vizMotionFilters draws the motion-energy filters' ON-input planes: one
// row per filter, one column per frame (space-time orientation shows as the
// carrier drifting across the row).
func vizMotionFilters(w *tensor.Tensor) (image.Image, error) {
	l, t2, s := w.Dim(0), w.Dim(1), w.Dim(2)
	t := t2 / 2
	on := tensor.New(l, t, s, s)
	for i := 0; i < l; i++ {
		for f := 0; f < t; f++ {
			copy(on.Data()[(i*t+f)*s*s:(i*t+f+1)*s*s], w.Data()[(i*t2+2*f)*s*s:(i*t2+2*f+1)*s*s])
		}
	}
	return (&viz.Tiles{Title: "motion-energy filters (rows: direction x speed x even/odd; columns: frames)", Data: on, Norm: viz.Global}).Render()
}

// vizPredictions draws the what (class probabilities) and where
// (direction probabilities, predicted position on the last frame) read-outs.
func vizPredictions(cfg *cortex.Config, x *tensor.Tensor, o *cortex.Output, res *vizResult) (image.Image, error) {
	probs := ops.Softmax(o.Class.Value, 1).Data()
	res.ClassProbs = make([]float64, len(probs))
	labels := make([]string, len(probs))
	for i, p := range probs {
		res.ClassProbs[i] = float64(p)
		labels[i] = strconv.Itoa(i)
		if p > probs[res.Class] {
			res.Class = i
		}
	}
	what, err := (&viz.Bars{Title: fmt.Sprintf("what (IT): class %d", res.Class), YLabel: "probability", Labels: labels,
		Values: res.ClassProbs, Highlight: res.Class, YRange: &[2]float64{0, 1}}).Render()
	if err != nil {
		return nil, err
	}
	if o.Direction == nil {
		return what, nil
	}
	dp := ops.Softmax(o.Direction.Value, 1).Data()
	dv := make([]float64, len(dp))
	dl := make([]string, len(dp))
	best := 0
	for i, p := range dp {
		dv[i] = float64(p)
		dl[i] = strconv.Itoa(i*360/len(dp)) + "°"
		if p > dp[best] {
			best = i
		}
	}
	deg := float64(best * 360 / len(dp))
	res.Direction, res.DirectionDeg = &best, &deg
	where, err := (&viz.Bars{Title: fmt.Sprintf("where (MST): direction %.0f°", deg), YLabel: "probability", Labels: dl,
		Values: dv, Highlight: best, YRange: &[2]float64{0, 1}}).Render()
	if err != nil {
		return nil, err
	}
	pos := o.Position.Value.Data()
	res.Position = []float64{float64(pos[0]), float64(pos[1])}
	c, h, w := cfg.Channels(), cfg.Height, cfg.Width
	scale := max(1, 160/max(h, w))
	lastImg, err := viz.Image(x.Slice(1, cfg.Frames-1, cfg.Frames).Reshape(c, h, w), scale)
	if err != nil {
		return nil, err
	}
	px, py := int((float64(pos[0])+1)/2*float64(w*scale)), int((float64(pos[1])+1)/2*float64(h*scale))
	viz.Mark(lastImg, px, py, 6, viz.Palette[3])
	return viz.HStack(what, where, viz.Captioned("predicted position (last frame)", lastImg)), nil
}
