package cortex

import (
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

// plannedShapes names parameters New builds, with their shapes, for every
// combination of the options that change them.
func TestPlannedShapesMatchNew(t *testing.T) {
	for _, motion := range []bool{false, true} {
		for _, colour := range []bool{false, true} {
			cfg := tinyConfig(motion, colour, false, false)
			cfg.Orientations, cfg.SpatialFreqs = 3, []float64{0.2, 0.3}
			s, err := New(cfg, 1)
			if err != nil {
				t.Fatal(err)
			}
			byName := map[string][]int{}
			for _, p := range s.Params() {
				byName[p.Name] = p.Value.Shape()
			}
			want := plannedShapes(&cfg)
			if motion && len(want) != 10 || !motion && len(want) != 5 {
				t.Errorf("motion=%v: %d planned shapes", motion, len(want))
			}
			for _, w := range want {
				got, ok := byName[w.Name]
				if !ok || !tensor.SameShape(got, w.Shape) {
					t.Errorf("motion=%v colour=%v: New builds %s %v (present %v), plannedShapes says %v", motion, colour, w.Name, got, ok, w.Shape)
				}
			}
		}
	}
}
