package main

import (
	"fmt"
	"runtime"
	"time"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// The system cut into areas for cortex metrics: each area runs on its own
// tape, its inputs are fresh leaves holding the previous area's outputs,
// so that its forward and backward passes can be timed alone. Backward
// runs area by area from the heads down: an area's loss is the sum of its
// outputs times the gradients its successors returned, whose gradient is
// exactly the chain rule's. TestStagesMatchSystem checks that the cut
// system computes what cortex.System.Forward computes.

// stageRun is the measurement of one area in one pass.
type stageRun struct {
	name          string
	outShape      []int
	fwd, bwd      time.Duration
	fwdB, bwdB    uint64
	out           []*autodiff.Var // outputs (the loss for head areas)
	in            []*autodiff.Var // input leaves
	params        []*autodiff.Var
	tape          *autodiff.Tape
	debugAct      *tensor.Tensor // main output, for statistics
	debugGradient *tensor.Tensor // gradient of the main output
}

// stageTargets are the labels the heads need.
type stageTargets = cortex.Targets

// allocBytes returns the bytes allocated so far by the process.
func allocBytes() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// leaf returns a new leaf holding v's value, requiring a gradient.
func leaf(v *autodiff.Var, name string) *autodiff.Var { return autodiff.Param(v.Value, name) }

// stageLastFrame is cortex's lastFrame: frame t-1 of [N*T, C, H, W]
// (maps that hold one frame per example pass through).
func stageLastFrame(tp *autodiff.Tape, x *autodiff.Var, n, t int) *autodiff.Var {
	if t == 1 || x.Value.Dim(0) == n {
		return x
	}
	sh := x.Value.Shape()
	seq := tp.Reshape(x, n, t, sh[1]*sh[2]*sh[3])
	return tp.Reshape(tp.Slice(seq, 1, t-1, t), n, sh[1], sh[2], sh[3])
}

// runStages runs the forward pass of every area, then (when backward) the
// backward passes in reverse, and returns the measurements in forward
// order: retina, V1, V2, V4, IT and, for motion systems, MT (with the MST
// head).
func runStages(sys *cortex.System, x *tensor.Tensor, tg stageTargets, backward, checkFinite bool) ([]*stageRun, error) {
	cfg := &sys.Config
	if err := cfg.CheckInput(x); err != nil {
		return nil, err
	}
	n, t := x.Dim(0), 1
	if cfg.Motion {
		t = cfg.Frames
	}
	newTape := func() *autodiff.Tape {
		tp := autodiff.NewTape()
		tp.CheckFinite = checkFinite
		return tp
	}
	var runs []*stageRun
	timed := func(s *stageRun, f func() error) error {
		s.tape = newTape()
		b0, t0 := allocBytes(), time.Now()
		err := f()
		s.fwd, s.fwdB = time.Since(t0), allocBytes()-b0
		if err == nil {
			err = s.tape.Err()
		}
		if err != nil {
			return fmt.Errorf("%s forward: %w", s.name, err)
		}
		s.outShape = s.out[0].Value.Shape()
		s.debugAct = s.out[0].Value
		runs = append(runs, s)
		return nil
	}

	ret := &stageRun{name: "retina", params: sys.Retina.Params()}
	if err := timed(ret, func() error {
		tp := ret.tape
		maps, err := sys.Retina.Forward(tp, x.Reshape(n, t, cfg.Channels(), cfg.Height, cfg.Width), nil)
		if err != nil {
			return err
		}
		p, m := maps.P, maps.M
		if sys.Sheet != nil {
			p, _ = sys.Sheet.Forward(tp, p)
			m, _ = sys.Sheet.Forward(tp, m)
		}
		ret.out = []*autodiff.Var{p, m}
		return nil
	}); err != nil {
		return nil, err
	}
	v1 := &stageRun{name: "V1", params: sys.V1.Params(), in: []*autodiff.Var{leaf(ret.out[0], "P"), leaf(ret.out[1], "M")}}
	if err := timed(v1, func() error {
		tp := v1.tape
		lgn := tp.Concat([]*autodiff.Var{stageLastFrame(tp, v1.in[0], n, t), stageLastFrame(tp, v1.in[1], n, t)}, 1)
		o, err := sys.V1.Forward(tp, lgn)
		if err != nil {
			return err
		}
		v1.out = []*autodiff.Var{o.Out}
		return nil
	}); err != nil {
		return nil, err
	}
	v2 := &stageRun{name: "V2", params: sys.Ventral.V2.Params(), in: []*autodiff.Var{leaf(v1.out[0], "V1")}}
	if err := timed(v2, func() error {
		tp := v2.tape
		v2.out = []*autodiff.Var{sys.Ventral.V2.Forward(tp, tp.MaxPool2d(v2.in[0], ops.Pool2dParams{KH: 2, KW: 2}))}
		return nil
	}); err != nil {
		return nil, err
	}
	v4 := &stageRun{name: "V4", params: sys.Ventral.V4.Params(), in: []*autodiff.Var{leaf(v2.out[0], "V2")}}
	if err := timed(v4, func() error {
		v4.out = []*autodiff.Var{sys.Ventral.V4.Forward(v4.tape, v4.in[0])}
		return nil
	}); err != nil {
		return nil, err
	}
	it := &stageRun{name: "IT", params: sys.Ventral.IT.Params(), in: []*autodiff.Var{leaf(v4.out[0], "V4")}}
	if err := timed(it, func() error {
		tp := it.tape
		logits := sys.Ventral.IT.Forward(tp, tp.GlobalAvgPool2d(it.in[0]))
		loss, err := nn.CrossEntropyLoss(tp, logits, tg.Class)
		if err != nil {
			return err
		}
		it.out = []*autodiff.Var{logits, loss}
		return nil
	}); err != nil {
		return nil, err
	}
	var mt *stageRun
	if sys.Dorsal != nil {
		mt = &stageRun{name: "MT", params: sys.Dorsal.Params(), in: []*autodiff.Var{leaf(ret.out[1], "M")}}
		if err := timed(mt, func() error {
			tp := mt.tape
			d := sys.Dorsal.Forward(tp, mt.in[0], n, t)
			dl, err := nn.CrossEntropyLoss(tp, d.Direction, tg.Direction)
			if err != nil {
				return err
			}
			loss := dl
			if tg.Position != nil {
				pl, err := nn.MSELoss(tp, d.Position, autodiff.Const(tg.Position))
				if err != nil {
					return err
				}
				loss = tp.Add(dl, tp.MulScalar(pl, float32(cfg.PositionWeight)))
			}
			mt.out = []*autodiff.Var{d.MT, loss, d.Direction}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if !backward {
		return runs, nil
	}
	back := func(s *stageRun, loss *autodiff.Var) error {
		b0, t0 := allocBytes(), time.Now()
		err := s.tape.Backward(loss)
		s.bwd, s.bwdB = time.Since(t0), allocBytes()-b0
		if err != nil {
			return fmt.Errorf("%s backward: %w", s.name, err)
		}
		return nil
	}
	// seeded returns sum(out * g) over the outputs that received a gradient.
	seeded := func(s *stageRun, grads []*tensor.Tensor) *autodiff.Var {
		tp := s.tape
		var total *autodiff.Var
		for i, g := range grads {
			if g == nil {
				continue
			}
			term := tp.Sum(tp.Mul(s.out[i], autodiff.Const(g)), nil, false)
			if total == nil {
				total = term
			} else {
				total = tp.Add(total, term)
			}
		}
		return total
	}
	if mt != nil {
		if err := back(mt, mt.out[1]); err != nil {
			return nil, err
		}
	}
	if err := back(it, it.out[1]); err != nil {
		return nil, err
	}
	v4.debugGradient = it.in[0].Grad
	if err := back(v4, seeded(v4, []*tensor.Tensor{it.in[0].Grad})); err != nil {
		return nil, err
	}
	v2.debugGradient = v4.in[0].Grad
	if err := back(v2, seeded(v2, []*tensor.Tensor{v4.in[0].Grad})); err != nil {
		return nil, err
	}
	v1.debugGradient = v2.in[0].Grad
	if err := back(v1, seeded(v1, []*tensor.Tensor{v2.in[0].Grad})); err != nil {
		return nil, err
	}
	// The parasol maps feed V1 and the dorsal pathway: their gradients add.
	gm := v1.in[1].Grad
	if mt != nil && mt.in[0].Grad != nil {
		if gm == nil {
			gm = mt.in[0].Grad
		} else {
			gm = ops.Add(gm, mt.in[0].Grad)
		}
	}
	ret.debugGradient = v1.in[0].Grad
	if err := back(ret, seeded(ret, []*tensor.Tensor{v1.in[0].Grad, gm})); err != nil {
		return nil, err
	}
	return runs, nil
}
