package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/probe"
	"github.com/neurocortex/neurocortex/tensor"
)

// cortex metrics measures the system's own forward and backward passes
// (System.Forward, System.Loss, Tape.Backward) on a profiling tape: cortex
// labels each area's ops with Tape.Scope, and autodiff.Profile sums time
// and bytes per label. Nothing of the system's wiring is repeated here;
// this table only names the areas, says which scope labels are theirs,
// and where their parameters and outputs are.

// metricsArea is one row of the report.
type metricsArea struct {
	name   string
	scopes []string // top-level tape scopes whose figures the area sums
	params func(*cortex.System) []*autodiff.Var
	output func(*cortex.Output) *autodiff.Var // needs Config.KeepIntermediate
}

// metricsAreas lists the areas in hierarchical order. The retina row
// includes the projection onto the cortical sheet (scope "sheet"), and its
// output is V1's input; MT stands for the whole dorsal pathway (motion
// energy, MT and the MST head), as cortex scopes it.
var metricsAreas = []metricsArea{
	{"retina", []string{"retina", "sheet"},
		func(s *cortex.System) []*autodiff.Var { return s.Retina.Params() },
		func(o *cortex.Output) *autodiff.Var { return o.Areas.LGN }},
	{"V1", []string{"v1"},
		func(s *cortex.System) []*autodiff.Var { return s.V1.Params() },
		func(o *cortex.Output) *autodiff.Var { return o.Areas.V1 }},
	{"V2", []string{"v2"},
		func(s *cortex.System) []*autodiff.Var { return s.Ventral.V2.Params() },
		func(o *cortex.Output) *autodiff.Var { return o.Areas.V2 }},
	{"V4", []string{"v4"},
		func(s *cortex.System) []*autodiff.Var { return s.Ventral.V4.Params() },
		func(o *cortex.Output) *autodiff.Var { return o.Areas.V4 }},
	{"IT", []string{"it"},
		func(s *cortex.System) []*autodiff.Var { return s.Ventral.IT.Params() },
		func(o *cortex.Output) *autodiff.Var { return o.Class }},
	{"MT", []string{"dorsal", "mt"},
		func(s *cortex.System) []*autodiff.Var {
			if s.Dorsal == nil {
				return nil
			}
			return s.Dorsal.Params()
		},
		func(o *cortex.Output) *autodiff.Var { return o.Areas.MT }},
}

// metricsPass is one profiled forward and backward pass.
type metricsPass struct {
	areas   []metricsArea // the areas of this system, in order
	profile *autodiff.Profile
	outputs []*autodiff.Var // each area's output, with its gradient
}

// metricsAreasOf returns the rows that apply to sys (MT needs a dorsal
// pathway).
func metricsAreasOf(sys *cortex.System) []metricsArea {
	var out []metricsArea
	for _, a := range metricsAreas {
		if a.name == "MT" && sys.Dorsal == nil {
			continue
		}
		out = append(out, a)
	}
	return out
}

// runMetricsPass runs the system forward on x, its training loss on tg and
// the backward pass, on one tape with a profile; with checkFinite, the
// first op that produces a NaN or an Inf stops it with an error that names
// its area. sys must keep its intermediate activations.
func runMetricsPass(sys *cortex.System, x *tensor.Tensor, tg cortex.Targets, checkFinite bool) (*metricsPass, error) {
	if !sys.Config.KeepIntermediate {
		return nil, errors.New("metrics: the system must keep its intermediate activations")
	}
	areas := metricsAreasOf(sys)
	for _, p := range sys.Params() {
		p.ZeroGrad()
	}
	tp := autodiff.NewTape()
	tp.CheckFinite = checkFinite
	tp.Profile = autodiff.NewProfile()
	out, err := sys.Forward(tp, x, nil)
	if err == nil {
		err = tp.Err()
	}
	if err != nil {
		return nil, metricsNameArea(areas, "forward", err)
	}
	loss, err := sys.Loss(tp, out, tg)
	if err == nil {
		err = tp.Err()
	}
	if err != nil {
		return nil, metricsNameArea(areas, "loss", err)
	}
	pass := &metricsPass{areas: areas, profile: tp.Profile}
	for _, a := range areas {
		v := a.output(out)
		tp.RetainGrad(v)
		pass.outputs = append(pass.outputs, v)
	}
	if err := tp.Backward(loss); err != nil {
		return nil, metricsNameArea(areas, "backward", err)
	}
	return pass, nil
}

// metricsNameArea prefixes an error of the tape with the area whose scope
// it names.
func metricsNameArea(areas []metricsArea, pass string, err error) error {
	var nf *autodiff.NonFiniteError
	if !errors.As(err, &nf) {
		return fmt.Errorf("%s: %w", pass, err)
	}
	top := nf.Scope
	for i := 0; i < len(top); i++ {
		if top[i] == '/' {
			top = top[:i]
			break
		}
	}
	for _, a := range areas {
		for _, s := range a.scopes {
			if s == top {
				return fmt.Errorf("%s: first non-finite value in area %s: %w", pass, a.name, err)
			}
		}
	}
	return fmt.Errorf("%s: first non-finite value outside the areas (scope %q): %w", pass, nf.Scope, err)
}

// metricsCost is what one area (or the glue between areas) cost in one
// pass.
type metricsCost struct {
	fwd, bwd   time.Duration
	fwdB, bwdB int64
}

// costs returns each area's cost, in the order of p.areas, and the cost of
// everything else: ops outside any scope (the glue between areas, the
// losses) and scopes no area claims, which are named in others.
func (p *metricsPass) costs() (areas []metricsCost, glue metricsCost, others []string) {
	claimed := map[string]int{}
	for i, a := range p.areas {
		for _, s := range a.scopes {
			claimed[s] = i
		}
	}
	areas = make([]metricsCost, len(p.areas))
	for _, s := range p.profile.Scopes() {
		c := metricsCost{s.Forward, s.Backward, s.ForwardBytes, s.BackwardBytes}
		dst := &glue
		if i, ok := claimed[s.Scope]; ok {
			dst = &areas[i]
		} else if s.Scope != "" {
			others = append(others, s.Scope)
		}
		dst.fwd, dst.bwd = dst.fwd+c.fwd, dst.bwd+c.bwd
		dst.fwdB, dst.bwdB = dst.fwdB+c.fwdB, dst.bwdB+c.bwdB
	}
	return areas, glue, others
}

// metricsFirstNonFinite names the first area whose output (forward order)
// or output gradient (backward order) holds a NaN or Inf.
func metricsFirstNonFinite(p *metricsPass) error {
	var acts, grads []probe.Named
	for i, a := range p.areas {
		acts = append(acts, probe.Named{Name: a.name, Tensor: p.outputs[i].Value})
	}
	for i := len(p.areas) - 1; i >= 0; i-- {
		grads = append(grads, probe.Named{Name: p.areas[i].name, Tensor: p.outputs[i].Grad})
	}
	if err := probe.FirstNonFinite("activation", acts); err != nil {
		return err
	}
	return probe.FirstNonFinite("gradient", grads)
}
