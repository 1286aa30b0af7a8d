package main

import (
	"fmt"
	"strings"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/probe"
	"github.com/neurocortex/neurocortex/tensor"
)

// Shared by cortex tuning, viz and metrics: building the system to probe
// and reading one area out of it.

// probeLoadSystem returns the system of a checkpoint, or a freshly
// initialised one (config "mnist" or "moving-mnist") when untrained, in
// evaluation mode with every area's activations kept.
func probeLoadSystem(checkpoint string, untrained bool, config string, seed uint64) (*cortex.System, string, error) {
	switch {
	case checkpoint != "" && untrained:
		return nil, "", usagef("--checkpoint and --untrained exclude each other")
	case checkpoint == "" && !untrained:
		return nil, "", usagef("want --checkpoint FILE or --untrained")
	}
	var sys *cortex.System
	var desc string
	if untrained {
		var cfg cortex.Config
		switch config {
		case "mnist":
			cfg = cortex.DefaultConfig()
		case "moving-mnist":
			cfg = cortex.MovingConfig()
		default:
			return nil, "", usagef("--config %q: want mnist or moving-mnist", config)
		}
		s, err := cortex.New(cfg, seed)
		if err != nil {
			return nil, "", err
		}
		sys, desc = s, fmt.Sprintf("untrained %s system (seed %d)", config, seed)
	} else {
		s, task, _, err := cortex.LoadSystem(checkpoint)
		if err != nil {
			return nil, "", err
		}
		sys, desc = s, fmt.Sprintf("checkpoint %s (%s)", checkpoint, task)
	}
	sys.SetTraining(false)
	sys.Config.KeepIntermediate = true
	return sys, desc, nil
}

// probeAreaNames lists the areas a probe can read, in hierarchical order.
var probeAreaNames = []string{"retina", "V1", "V2", "V4", "MT"}

// probeAreaOf returns the activations of the named area, with the frames
// of retinal maps ([N*T, C, H, W]) reduced to the last one so that every
// area is [N, C, H, W].
func probeAreaOf(a *cortex.Areas, name string, n int) (*tensor.Tensor, error) {
	var v *autodiff.Var
	switch strings.ToLower(name) {
	case "retina":
		p, m := lastFrameOf(a.P.Value, n), lastFrameOf(a.M.Value, n)
		return concatChannels(p, m), nil
	case "v1":
		v = a.V1
	case "v1simple":
		v = a.V1Simple
	case "v1complex":
		v = a.V1Complex
	case "v2":
		v = a.V2
	case "v4":
		v = a.V4
	case "mt":
		if a.MT == nil {
			return nil, usagef("--area MT needs a motion system (moving-mnist)")
		}
		v = a.MT
	default:
		return nil, usagef("--area %q: want one of %s", name, strings.Join(probeAreaNames, ", "))
	}
	return v.Value, nil
}

// lastFrameOf returns the last frame of maps [N*T, C, H, W] as [N, C, H, W].
func lastFrameOf(x *tensor.Tensor, n int) *tensor.Tensor {
	t := x.Dim(0) / n
	if t == 1 {
		return x
	}
	c, h, w := x.Dim(1), x.Dim(2), x.Dim(3)
	out := tensor.New(n, c, h, w)
	plane := c * h * w
	for i := 0; i < n; i++ {
		copy(out.Data()[i*plane:(i+1)*plane], x.Data()[((i+1)*t-1)*plane:(i+1)*t*plane])
	}
	return out
}

// concatChannels joins [N, Ca, H, W] and [N, Cb, H, W] along channels.
func concatChannels(a, b *tensor.Tensor) *tensor.Tensor {
	n, ca, cb, hw := a.Dim(0), a.Dim(1), b.Dim(1), a.Dim(2)*a.Dim(3)
	out := tensor.New(n, ca+cb, a.Dim(2), a.Dim(3))
	for i := 0; i < n; i++ {
		copy(out.Data()[i*(ca+cb)*hw:], a.Data()[i*ca*hw:(i+1)*ca*hw])
		copy(out.Data()[(i*(ca+cb)+ca)*hw:], b.Data()[i*cb*hw:(i+1)*cb*hw])
	}
	return out
}

// probeCentreUnits returns a Responder reading, for each channel of the
// named area, the unit at the centre of its map: one neuron per feature,
// recorded where the stimulus is centred, as a physiologist would.
func probeCentreUnits(sys *cortex.System, area string) probe.Responder {
	return func(x *tensor.Tensor) (*tensor.Tensor, error) {
		out, err := sys.Forward(autodiff.NoGrad(), x, nil)
		if err != nil {
			return nil, err
		}
		act, err := probeAreaOf(out.Areas, area, x.Dim(0))
		if err != nil {
			return nil, err
		}
		n, c, h, w := act.Dim(0), act.Dim(1), act.Dim(2), act.Dim(3)
		r := tensor.New(n, c)
		for i := 0; i < n; i++ {
			for ch := 0; ch < c; ch++ {
				r.Data()[i*c+ch] = act.Data()[((i*c+ch)*h+(h-1)/2)*w+(w-1)/2]
			}
		}
		return r, nil
	}
}

// probeGeometry returns the stimulus geometry the system takes.
func probeGeometry(cfg *cortex.Config) probe.Geometry {
	g := probe.Geometry{Height: cfg.Height, Width: cfg.Width, Channels: cfg.Channels()}
	if cfg.Motion {
		g.Frames = cfg.Frames
	}
	return g
}
