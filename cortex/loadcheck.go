package cortex

import (
	"fmt"

	"github.com/neurocortex/neurocortex/nn/safetensors"
	"github.com/neurocortex/neurocortex/tensor"
)

// plannedShapes returns the names and shapes of the parameters of the
// system New(cfg) builds whose size the configuration scales (the V1 and
// motion filter banks, the learned stages and the heads), without
// allocating them, in the order Params lists them. The few remaining
// parameters (retina, batch-normalisation scales) are small whatever the
// configuration. TestPlannedShapesMatchNew keeps this in step with New.
func plannedShapes(cfg *Config) []safetensors.Tensor {
	var out []safetensors.Tensor
	add := func(name string, shape ...int) {
		out = append(out, safetensors.Tensor{Name: name, DType: safetensors.F32, Shape: shape})
	}
	pch, groups := 2, 1 // midget channels of the retina (retina.Retina.PChannels), V1 groups
	if cfg.Colour {
		pch, groups = 4, 3
	}
	bank := cfg.gaborBank()
	nb := groups * bank.Len()
	add("v1.weight", nb, pch+2, bank.Size, bank.Size)
	add("v2.weight", cfg.V2Width, nb*5/2, 3, 3)
	add("v4.weight", cfg.V4Width, cfg.V2Width, 3, 3)
	add("it.weight", cfg.Classes, cfg.V4Width)
	add("it.bias", cfg.Classes)
	if cfg.Motion {
		mb := cfg.motionBank()
		add("motion.weight", mb.Len(), 2*mb.Frames, mb.Size, mb.Size)
		add("mt.weight", cfg.MTWidth, mb.Len()/2, 3, 3)
		add("mst.direction.weight", cfg.Directions, cfg.MTWidth)
		add("mst.direction.bias", cfg.Directions)
		add("mst.salience", 1, cfg.MTWidth, 1, 1)
	}
	return out
}

// checkPlannedShapes reports the first parameter that the configuration
// stored in checkpoint f implies and that f does not hold with that shape,
// so that a small file whose metadata declares a huge system is refused
// before the system is built.
func checkPlannedShapes(path string, f *safetensors.File, cfg *Config) error {
	for _, want := range plannedShapes(cfg) {
		got, ok := f.Get(want.Name)
		if !ok {
			return fmt.Errorf("cortex: checkpoint %s: missing tensor %q %v, which its configuration implies", path, want.Name, want.Shape)
		}
		if !tensor.SameShape(got.Shape, want.Shape) {
			return fmt.Errorf("cortex: checkpoint %s: tensor %q has shape %v, its configuration implies %v", path, want.Name, got.Shape, want.Shape)
		}
	}
	return nil
}
