package cortex

import (
	"encoding/json"
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/tensor"
)

// FuzzConfig decodes arbitrary JSON over the default configuration (as a
// checkpoint's metadata is decoded): Validate must never panic, and a
// small configuration it accepts must build and run a forward pass without
// an error or a panic.
func FuzzConfig(f *testing.F) {
	for _, c := range []Config{tinyConfig(false, false, false, false), tinyConfig(true, true, true, true)} {
		b, _ := json.Marshal(c)
		f.Add(b)
	}
	f.Add([]byte(`{"Height":8,"Width":8,"FoveaSize":8,"LogPolar":true,"Sheet":{"OutH":1,"OutW":2,"FieldDeg":1,"A":0.5,"K":1}}`))
	f.Add([]byte(`{"Motion":true,"Frames":2,"Height":9,"Width":33,"DorsalStride":8,"MotionSize":31}`))
	f.Add([]byte(`{"SpatialFreqs":[0.49],"GaborSize":31,"Orientations":64}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c := tinyConfig(false, false, false, false)
		if json.Unmarshal(b, &c) != nil {
			return
		}
		if c.Validate() != nil {
			return
		}
		small := c.Height <= 40 && c.Width <= 40 && c.V2Width <= 16 && c.V4Width <= 16 && c.MTWidth <= 16 &&
			c.Frames <= 6 && c.Orientations*len(c.SpatialFreqs) <= 16 && c.FoveaSize <= 40 && c.Classes <= 100 &&
			(!c.LogPolar || c.Sheet.OutH*c.Sheet.OutW <= 1600) && (!c.Motion || c.Directions*len(c.Speeds) <= 32)
		if !small {
			return
		}
		s, err := New(c, 1)
		if err != nil {
			t.Fatalf("valid config %s: New: %v", b, err)
		}
		x := tensor.New(c.InputShape(1)...)
		if _, err := s.Forward(autodiff.NoGrad(), x, nil); err != nil {
			t.Fatalf("valid config %s: Forward: %v", b, err)
		}
	})
}
