package cortex

import (
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func TestConfigDefaultsValid(t *testing.T) {
	for _, c := range []Config{DefaultConfig(), MovingConfig()} {
		if err := c.Validate(); err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
	}
}

func TestConfigValidateNamesField(t *testing.T) {
	cases := []struct {
		field string
		edit  func(*Config)
	}{
		{"Height", func(c *Config) { c.Height = 2 }},
		{"Width", func(c *Config) { c.Width = -1 }},
		{"Frames", func(c *Config) { c.Frames = 1 }},
		{"Classes", func(c *Config) { c.Classes = 1 }},
		{"PhotonNoise", func(c *Config) { c.PhotonNoise = -0.1 }},
		{"HorizontalSigma", func(c *Config) { c.HorizontalSigma = 0 }},
		{"PDoG", func(c *Config) { c.PDoG.SigmaSurround = 0.1 }},
		{"MDoG", func(c *Config) { c.MDoG.Size = 4 }},
		{"Sheet", func(c *Config) { c.LogPolar = true; c.Sheet.OutW = 7 }},
		{"FoveaSize", func(c *Config) { c.FoveaSize = 4 }},
		{"Orientations", func(c *Config) { c.Orientations = 0 }},
		{"SpatialFreqs", func(c *Config) { c.SpatialFreqs = nil }},
		{"SpatialFreqs", func(c *Config) { c.SpatialFreqs = []float64{0.7} }},
		{"GaborSize", func(c *Config) { c.GaborSize = 6 }},
		{"V1NormSigma", func(c *Config) { c.V1NormSigma = 0 }},
		{"PositionWeight", func(c *Config) { c.PositionWeight = -1 }},
		{"V2Width", func(c *Config) { c.V2Width = 0 }},
		{"V4Width", func(c *Config) { c.V4Width = 0 }},
		{"Directions", func(c *Config) { c.Directions = 1 }},
		{"MotionSize", func(c *Config) { c.MotionSize = 2 }},
		{"DorsalStride", func(c *Config) { c.DorsalStride = 0 }},
		{"MTWidth", func(c *Config) { c.MTWidth = 0 }},
		{"Speeds", func(c *Config) { c.Speeds = nil }},
	}
	for _, tc := range cases {
		c := MovingConfig()
		tc.edit(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), "Config."+tc.field) {
			t.Errorf("%s: error %v does not name Config.%s", tc.field, err, tc.field)
		}
	}
	// Frames must be unset without motion.
	c := DefaultConfig()
	c.Frames = 5
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "Config.Frames") {
		t.Errorf("static config with Frames=5: %v", err)
	}
}

func TestCheckInput(t *testing.T) {
	c := DefaultConfig()
	if err := c.CheckInput(tensor.New(3, 1, 28, 28)); err != nil {
		t.Fatal(err)
	}
	for _, s := range [][]int{{3, 28, 28}, {3, 3, 28, 28}, {3, 1, 27, 28}, {3, 1, 28, 29}, {0, 1, 28, 28}} {
		err := c.CheckInput(tensor.New(s...))
		if err == nil || !strings.Contains(err.Error(), "input shape") {
			t.Errorf("shape %v: %v", s, err)
		}
	}
	m := MovingConfig()
	if err := m.CheckInput(tensor.New(2, 8, 1, 48, 48)); err != nil {
		t.Fatal(err)
	}
	if err := m.CheckInput(tensor.New(2, 7, 1, 48, 48)); err == nil || !strings.Contains(err.Error(), "T = 7, want 8") {
		t.Errorf("wrong frame count: %v", err)
	}
	if err := c.CheckInput(nil); err == nil {
		t.Error("nil input accepted")
	}
}
