package cortex

import (
	"testing"

	"github.com/neurocortex/neurocortex/autodiff"
)

// Every op of a training step (forward, backward) runs inside a named area
// scope, so that profiles (cortex metrics) and non-finite errors attribute
// it; only the loss is left outside, as cortex metrics' glue.
func TestEveryOpIsScoped(t *testing.T) {
	for _, motion := range []bool{false, true} {
		for _, logPolar := range []bool{false, true} {
			cfg := tinyConfig(motion, false, logPolar, false)
			s, err := New(cfg, 1)
			if err != nil {
				t.Fatal(err)
			}
			x, tg := tinyBatch(cfg, 2, 1)
			tp := autodiff.NewTape()
			tp.Profile = autodiff.NewProfile()
			out, err := s.Forward(tp, x, nil)
			if err != nil {
				t.Fatal(err)
			}
			loss, err := s.Loss(tp, out, tg)
			if err != nil {
				t.Fatal(err)
			}
			if err := tp.Backward(loss); err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{"retina": true, "sheet": logPolar, "v1": true, "v2": true, "v4": true, "it": true, "dorsal": motion, "": true}
			for _, sc := range tp.Profile.Scopes() {
				if sc.ForwardOps == 0 && sc.BackwardOps == 0 {
					continue
				}
				if !want[sc.Scope] {
					t.Errorf("motion=%v logPolar=%v: %d forward and %d backward ops in scope %q", motion, logPolar, sc.ForwardOps, sc.BackwardOps, sc.Scope)
				}
				delete(want, sc.Scope)
			}
			for sc, ok := range want {
				if ok {
					t.Errorf("motion=%v logPolar=%v: no op in scope %q", motion, logPolar, sc)
				}
			}
		}
	}
}
