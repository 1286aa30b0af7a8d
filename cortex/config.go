package cortex

import (
	"fmt"
	"math"

	"github.com/neurocortex/neurocortex/retina"
	"github.com/neurocortex/neurocortex/tensor"
)

// Config describes the whole visual system, from the input format through
// the retina to the heads of both pathways. Build one with DefaultConfig
// or MovingConfig and change fields; Validate names the first wrong one.
type Config struct {
	// Input.
	Height, Width int  // image (or frame) size in pixels
	Colour        bool // 3-channel sRGB input seen by L, M, S cones; false: 1 grey (luminance) channel
	Motion        bool // input is a sequence [N, T, C, H, W] and the dorsal pathway runs
	Frames        int  // frames per sequence T when Motion (>= 2)
	Classes       int  // object classes read out by the IT-like head

	// Retina.
	PhotonNoise     float64         // std of the shot noise added in training, relative to sqrt(intensity); 0 is off
	HorizontalSigma float64         // width (pixels) of the horizontal-cell local mean that is subtracted
	PDoG            retina.DoG      // midget (P) centre-surround field
	MDoG            retina.DoG      // parasol (M) field: larger
	Spikes          bool            // ganglion cells emit Bernoulli spikes (straight-through gradient)
	LogPolar        bool            // V1 sees the ganglion maps through the Schwartz complex-log map
	Sheet           retina.LogPolar // the cortical sheet when LogPolar (its FieldDeg covers half the window)
	FoveaSize       int             // V1 sees a FoveaSize-pixel window centred by a saccade to the centroid of the light; 0: the whole image

	// V1.
	Orientations   int       // Gabor orientations over 180 degrees
	SpatialFreqs   []float64 // Gabor frequencies, cycles per pixel
	GaborSize      int       // odd Gabor kernel side
	GaborLearnable bool      // train the Gabor-initialised V1 and motion-energy weights; false freezes them
	V1NormSigma    float64   // semi-saturation constant of V1's divisive normalisation

	// Ventral stream widths (channels).
	V2Width, V4Width int

	// Dorsal stream (used when Motion).
	Directions     int       // directions of motion (MT units, MST head classes)
	Speeds         []float64 // preferred speeds of the motion-energy filters, pixels per frame
	MotionFreq     float64   // spatial frequency of the motion-energy filters, cycles per pixel
	MotionSize     int       // odd spatial side of the motion-energy filters
	DorsalStride   int       // the dorsal pathway sees frames subsampled by this factor (M cells are coarse)
	MTWidth        int       // MT channels
	PositionWeight float64   // weight of the position error in the training loss

	// KeepIntermediate keeps every area's activations in the Output for
	// probes; off, nothing is kept beyond what the tape itself needs.
	KeepIntermediate bool
}

// DefaultConfig returns the static-image system for 28x28 grey MNIST
// digits (the ventral pathway only).
func DefaultConfig() Config {
	return Config{
		Height: 28, Width: 28, Classes: 10,
		PhotonNoise:     0.02,
		HorizontalSigma: 3,
		PDoG:            retina.DefaultDoG(),
		MDoG:            retina.DoG{SigmaCenter: 1.5, SigmaSurround: 3.5, SurroundGain: retina.DefaultSurroundGain, Size: 9},
		Sheet:           retina.DefaultLogPolar(),
		Orientations:    4,
		SpatialFreqs:    []float64{0.25},
		GaborSize:       7,
		GaborLearnable:  true,
		V1NormSigma:     0.1,
		V2Width:         64,
		V4Width:         128,
		Directions:      8,
		Speeds:          []float64{1, 2},
		MotionFreq:      0.125,
		MotionSize:      9,
		DorsalStride:    2,
		MTWidth:         32,
		PositionWeight:  5,
	}
}

// MovingConfig returns the what + where system for moving-MNIST: 8 frames
// of 48x48 with a digit drifting in one of 8 directions at 1 or 2 pixels
// per frame. The dorsal pathway sees the whole field; the ventral pathway
// sees a 28-pixel fovea centred on the digit by a saccade.
func MovingConfig() Config {
	c := DefaultConfig()
	c.Height, c.Width = 48, 48
	c.Motion, c.Frames = true, 8
	c.FoveaSize = 28 // the digit's box: V1 looks at the digit, wherever it is
	return c
}

// clone returns a copy that shares no slices with c.
func (c Config) clone() Config {
	c.SpatialFreqs = append([]float64(nil), c.SpatialFreqs...)
	c.Speeds = append([]float64(nil), c.Speeds...)
	return c
}

// Channels returns the number of input channels: 3 for colour, 1 for grey.
func (c *Config) Channels() int {
	if c.Colour {
		return 3
	}
	return 1
}

// Validate reports the first field that is out of range, by name.
func (c *Config) Validate() error {
	bad := func(field string, v any, want string) error {
		return fmt.Errorf("cortex: Config.%s = %v, want %s", field, v, want)
	}
	switch {
	case c.Height < 8 || c.Height > 4096:
		return bad("Height", c.Height, "8..4096 pixels")
	case c.Width < 8 || c.Width > 4096:
		return bad("Width", c.Width, "8..4096 pixels")
	case c.Motion && (c.Frames < 2 || c.Frames > 256):
		return bad("Frames", c.Frames, "2..256 when Motion is on")
	case !c.Motion && c.Frames != 0 && c.Frames != 1:
		return bad("Frames", c.Frames, "0 or 1 when Motion is off")
	case c.Classes < 2 || c.Classes > 100000:
		return bad("Classes", c.Classes, "2..100000")
	case !(c.PhotonNoise >= 0 && c.PhotonNoise <= 10):
		return bad("PhotonNoise", c.PhotonNoise, "a relative noise in [0, 10]")
	case !(c.HorizontalSigma > 0 && c.HorizontalSigma <= 64):
		return bad("HorizontalSigma", c.HorizontalSigma, "a width in (0, 64] pixels")
	case c.FoveaSize < 0 || c.FoveaSize > 4096:
		return bad("FoveaSize", c.FoveaSize, "0 (whole image) or a window of up to 4096 pixels")
	case c.FoveaSize > 0 && c.FoveaSize < 8:
		return bad("FoveaSize", c.FoveaSize, "0 (whole image) or a window of at least 8 pixels")
	case c.Orientations < 1 || c.Orientations > 64:
		return bad("Orientations", c.Orientations, "1..64")
	case len(c.SpatialFreqs) == 0 || len(c.SpatialFreqs) > 8:
		return bad("SpatialFreqs", c.SpatialFreqs, "1..8 frequencies")
	case c.GaborSize < 3 || c.GaborSize%2 == 0 || c.GaborSize > 31:
		return bad("GaborSize", c.GaborSize, "an odd side 3..31")
	case !(c.V1NormSigma > 0 && c.V1NormSigma <= 100):
		return bad("V1NormSigma", c.V1NormSigma, "a constant in (0, 100]")
	case c.V2Width < 1 || c.V2Width > 4096:
		return bad("V2Width", c.V2Width, "1..4096 channels")
	case c.V4Width < 1 || c.V4Width > 4096:
		return bad("V4Width", c.V4Width, "1..4096 channels")
	}
	if err := c.PDoG.Validate(); err != nil {
		return fmt.Errorf("cortex: Config.PDoG: %w", err)
	}
	if err := c.MDoG.Validate(); err != nil {
		return fmt.Errorf("cortex: Config.MDoG: %w", err)
	}
	if c.LogPolar {
		if err := c.Sheet.Validate(); err != nil {
			return fmt.Errorf("cortex: Config.Sheet: %w", err)
		}
		// V1 and V2 each pool by 2.
		if c.Sheet.OutH < 4 || c.Sheet.OutW < 4 {
			return bad("Sheet", fmt.Sprintf("%dx%d", c.Sheet.OutH, c.Sheet.OutW), "a cortical sheet of at least 4x4 (V1 and V2 pool by 2)")
		}
	}
	if _, err := c.gaborBank().Filters(); err != nil {
		return fmt.Errorf("cortex: Config.SpatialFreqs/GaborSize: %w", err)
	}
	if c.Motion {
		switch {
		case c.Directions < 2 || c.Directions > 64:
			return bad("Directions", c.Directions, "2..64")
		case c.MotionSize < 3 || c.MotionSize%2 == 0 || c.MotionSize > 31:
			return bad("MotionSize", c.MotionSize, "an odd side 3..31")
		case c.DorsalStride < 1 || c.DorsalStride > 8 || c.Height/c.DorsalStride < 4 || c.Width/c.DorsalStride < 4:
			return bad("DorsalStride", c.DorsalStride, "1..8, leaving frames of at least 4x4")
		case c.MTWidth < 1 || c.MTWidth > 4096:
			return bad("MTWidth", c.MTWidth, "1..4096 channels")
		case !(c.PositionWeight >= 0 && c.PositionWeight <= 1e6):
			return bad("PositionWeight", c.PositionWeight, "a weight in [0, 1e6]")
		}
		if err := c.motionBank().Validate(); err != nil {
			return fmt.Errorf("cortex: Config.Speeds/MotionFreq: %w", err)
		}
	}
	for i, f := range c.SpatialFreqs {
		if math.IsNaN(f) {
			return bad(fmt.Sprintf("SpatialFreqs[%d]", i), f, "a frequency in (0, 0.5)")
		}
	}
	return nil
}

// gaborBank returns the V1 Gabor bank: quadrature pairs at every
// orientation and frequency.
func (c *Config) gaborBank() GaborBank {
	return GaborBank{Size: c.GaborSize, Orientations: c.Orientations, Frequencies: c.SpatialFreqs}
}

// motionBank returns the dorsal motion-energy bank; speeds are expressed
// in pixels of the subsampled dorsal frames.
func (c *Config) motionBank() MotionBank {
	sp := make([]float64, len(c.Speeds))
	for i, v := range c.Speeds {
		sp[i] = v / float64(max(c.DorsalStride, 1))
	}
	return MotionBank{Size: c.MotionSize, Frames: c.Frames, Directions: c.Directions, Frequency: c.MotionFreq, Speeds: sp}
}

// InputShape returns the shape of a batch of n inputs: [n, C, H, W] for
// images, [n, T, C, H, W] for sequences.
func (c *Config) InputShape(n int) []int {
	if c.Motion {
		return []int{n, c.Frames, c.Channels(), c.Height, c.Width}
	}
	return []int{n, c.Channels(), c.Height, c.Width}
}

// CheckInput reports whether x has the shape Config expects, naming the
// dimension that differs.
func (c *Config) CheckInput(x *tensor.Tensor) error {
	if x == nil {
		return fmt.Errorf("cortex: nil input")
	}
	want := c.InputShape(x.Dim(0))
	got := x.Shape()
	layout := "[N,C,H,W]"
	if c.Motion {
		layout = "[N,T,C,H,W]"
	}
	if len(got) != len(want) {
		return fmt.Errorf("cortex: input shape %v has %d dimensions, want %d: %s = %v", got, len(got), len(want), layout, want)
	}
	if got[0] < 1 {
		return fmt.Errorf("cortex: input shape %v: empty batch", got)
	}
	names := []string{"N", "C", "H", "W"}
	if c.Motion {
		names = []string{"N", "T", "C", "H", "W"}
	}
	for i := range got {
		if got[i] != want[i] {
			return fmt.Errorf("cortex: input shape %v: %s = %d, want %d (%s = %v)", got, names[i], got[i], want[i], layout, want)
		}
	}
	return nil
}
