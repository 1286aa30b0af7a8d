package cortex

import (
	"fmt"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/retina"
	"github.com/neurocortex/neurocortex/tensor"
)

// System is the integrated visual system: retina -> LGN-like maps (on the
// cortical sheet when Config.LogPolar) -> V1, then the ventral pathway
// V2 -> V4 -> IT (object class) and, for sequences, the dorsal pathway
// motion energy -> MT -> MST (direction and position of motion).
type System struct {
	Config  Config
	Retina  *retina.Retina
	Sheet   *retina.Retinotopy // retina -> V1 projection (log-polar sheet or foveal crop); nil for the identity
	V1      *V1
	Ventral *Ventral
	Dorsal  *Dorsal // nil unless Config.Motion
}

// Output is the result of a forward pass.
type Output struct {
	Class     *autodiff.Var // IT logits [N, Classes]
	Direction *autodiff.Var // MST direction logits [N, Directions]; nil without motion
	Position  *autodiff.Var // MST position [N, 2] (x, y normalised to [-1, 1]); nil without motion
	Areas     *Areas        // every area's activations; nil unless Config.KeepIntermediate
}

// Areas holds the activations of every area, for probes. Retinal maps fold
// the frames into the batch (index n*T + t), except the midget maps P,
// which like the ventral pathway are those of the last frame.
type Areas struct {
	Photoreceptors, Horizontal *autodiff.Var // [N*T, C, H, W]
	P                          *autodiff.Var // midget cells of the last frame [N, ch, H, W]
	M                          *autodiff.Var // parasol cells [N*T, 2, H, W]
	LGN                        *autodiff.Var // V1's input: P and last-frame M on the sheet or fovea [N, ch+2, h, w]
	V1Simple, V1Complex, V1    *autodiff.Var
	V2, V4                     *autodiff.Var
	IT                         *autodiff.Var // pooled V4 features read by the IT head [N, V4Width]
	MotionEnergy, MT           *autodiff.Var // nil without motion
}

// New builds a system from cfg, drawing the initial weights of the learned
// stages from a generator seeded with seed.
func New(cfg Config, seed uint64) (*System, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.clone()
	rng := tensor.NewRNG(seed, streamInit)
	ret, err := retina.New(retina.Config{
		Colour: cfg.Colour, PhotonNoise: cfg.PhotonNoise, HorizontalSigma: cfg.HorizontalSigma,
		P: cfg.PDoG, M: cfg.MDoG, Spikes: cfg.Spikes,
	})
	if err != nil {
		return nil, err
	}
	s := &System{Config: cfg, Retina: ret}
	winH, winW := cfg.Height, cfg.Width
	if cfg.FoveaSize > 0 {
		winH, winW = cfg.FoveaSize, cfg.FoveaSize
	}
	switch {
	case cfg.LogPolar:
		s.Sheet, err = retina.NewRetinotopy(cfg.Sheet, winH, winW)
	case cfg.FoveaSize > 0:
		s.Sheet, err = retina.NewCrop(winH, winW)
	}
	if err != nil {
		return nil, err
	}
	cin := ret.PChannels() + 2
	if s.V1, err = newV1(&cfg, cfg.Colour, cin); err != nil {
		return nil, err
	}
	v1Channels := s.V1.Weight.Value.Dim(0) * 5 / 2
	s.Ventral = newVentral(rng, &cfg, v1Channels)
	if cfg.Motion {
		if s.Dorsal, err = newDorsal(rng, &cfg); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// RNG streams of one seed (tensor.NewRNG(seed, stream)).
const (
	streamInit = 1 // initial weights
)

// Params returns every parameter in a fixed order, with dotted names;
// frozen ones (Gabor weights unless Config.GaborLearnable) are included
// so that checkpoints are complete, and report RequiresGrad false.
func (s *System) Params() []*autodiff.Var {
	ps := s.Retina.Params()
	ps = append(ps, s.V1.Params()...)
	ps = append(ps, s.Ventral.Params()...)
	if s.Dorsal != nil {
		ps = append(ps, s.Dorsal.Params()...)
	}
	return ps
}

// Trainable returns the parameters that learn.
func (s *System) Trainable() []*autodiff.Var {
	var out []*autodiff.Var
	for _, p := range s.Params() {
		if p.RequiresGrad() {
			out = append(out, p)
		}
	}
	return out
}

// Buffers returns the batch-normalisation running statistics.
func (s *System) Buffers() []nn.Buffer {
	bs := s.Ventral.Buffers()
	if s.Dorsal != nil {
		bs = append(bs, s.Dorsal.Buffers()...)
	}
	return bs
}

// SetTraining switches batch normalisation between batch statistics
// (training) and running statistics (evaluation). Photon noise and spikes
// follow the rng given to Forward instead.
func (s *System) SetTraining(b bool) {
	s.Ventral.setTraining(b)
	if s.Dorsal != nil {
		s.Dorsal.MT.BN.SetTraining(b)
	}
}

// Forward runs the system on a batch: x [N, C, H, W] for images or
// [N, T, C, H, W] for sequences (Config.Motion). A non-nil rng is the
// training noise source (photon noise, spikes); nil evaluates
// deterministically. It is FrontEnd, then Ventral and, for sequences,
// Dorsal.Forward: the stages are exported for probes and profiling.
func (s *System) Forward(tp *autodiff.Tape, x *tensor.Tensor, rng *rand.Rand) (*Output, error) {
	fe, err := s.FrontEnd(tp, x, rng)
	if err != nil {
		return nil, err
	}
	v, err := s.VentralForward(tp, fe.LGN)
	if err != nil {
		return nil, err
	}
	out := &Output{Class: v.Class}
	var d *DorsalOut
	if s.Dorsal != nil {
		d = s.Dorsal.Forward(tp, fe.Maps.M, fe.Maps.N, fe.Maps.T)
		out.Direction, out.Position = d.Direction, d.Position
	}
	if s.Config.KeepIntermediate {
		m := fe.Maps
		a := &Areas{
			Photoreceptors: m.Photo, Horizontal: m.Horizontal, P: m.P, M: m.M, LGN: fe.LGN,
			V1Simple: v.V1.Simple, V1Complex: v.V1.Complex, V1: v.V1.Out, V2: v.V2, V4: v.V4, IT: v.IT,
		}
		if d != nil {
			a.MotionEnergy, a.MT = d.Energy, d.MT
		}
		out.Areas = a
	}
	return out, nil
}

// FrontEndOut is the output of the retina and its projection onto V1.
type FrontEndOut struct {
	Maps *retina.Maps  // the retina's maps (parasol maps of every frame feed the dorsal pathway)
	LGN  *autodiff.Var // V1's input [N, P+2, h, w]: the last frame's midget and parasol maps on the sheet or fovea
}

// FrontEnd checks x and runs the retina, then projects the last frame's
// midget and parasol maps onto V1: through the log-polar sheet and/or a
// foveal window centred by a saccade to the centroid of the light.
func (s *System) FrontEnd(tp *autodiff.Tape, x *tensor.Tensor, rng *rand.Rand) (*FrontEndOut, error) {
	cfg := &s.Config
	if err := cfg.CheckInput(x); err != nil {
		return nil, err
	}
	n, t := x.Dim(0), 1
	if cfg.Motion {
		t = cfg.Frames
	}
	x5 := x.Reshape(n, t, cfg.Channels(), cfg.Height, cfg.Width)
	// The LGN-like maps (midget maps beside the last frame's parasol maps)
	// are the retina's output: their concatenation is in its scope, so that
	// profiles and non-finite errors count it there.
	end := tp.Scope("retina")
	maps, err := s.Retina.Forward(tp, x5, rng)
	var lgn *autodiff.Var
	if err == nil {
		lgn = tp.Concat([]*autodiff.Var{maps.P, lastFrame(tp, maps.M, n, t)}, 1)
	}
	end()
	if err != nil {
		return nil, err
	}
	if s.Sheet != nil {
		end := tp.Scope("sheet")
		if cfg.FoveaSize > 0 {
			last := x5.Slice(1, t-1, t).Reshape(n, cfg.Channels(), cfg.Height, cfg.Width)
			lgn, err = s.Sheet.ForwardAt(tp, lgn, retina.Centroid(last))
		} else {
			lgn, err = s.Sheet.Forward(tp, lgn)
		}
		end()
		if err != nil {
			return nil, err
		}
	}
	return &FrontEndOut{Maps: maps, LGN: lgn}, nil
}

// VentralOut holds the activations of the ventral pathway.
type VentralOut struct {
	V1     *V1Out
	V2, V4 *autodiff.Var
	IT     *autodiff.Var // V4 averaged over space [N, V4Width]: what the IT head reads
	Class  *autodiff.Var // IT logits [N, Classes]
}

// VentralForward runs V1 -> V2 -> V4 -> IT on V1's input lgn (see
// FrontEndOut.LGN).
func (s *System) VentralForward(tp *autodiff.Tape, lgn *autodiff.Var) (*VentralOut, error) {
	end := tp.Scope("v1")
	v1, err := s.V1.Forward(tp, lgn)
	end()
	if err != nil {
		return nil, err
	}
	v2 := s.Ventral.V2.Forward(tp, v1.Out) // pools V1 2x2 first, in its own scope
	v4 := s.Ventral.V4.Forward(tp, v2)
	end = tp.Scope("it")
	it := tp.GlobalAvgPool2d(v4)
	class := s.Ventral.IT.Forward(tp, it)
	end()
	return &VentralOut{V1: v1, V2: v2, V4: v4, IT: it, Class: class}, nil
}

// lastFrame returns frame t-1 of maps [N*T, C, H, W]: [N, C, H, W].
func lastFrame(tp *autodiff.Tape, x *autodiff.Var, n, t int) *autodiff.Var {
	if t == 1 {
		return x
	}
	sh := x.Value.Shape()
	seq := tp.Reshape(x, n, t, sh[1]*sh[2]*sh[3])
	return tp.Reshape(tp.Slice(seq, 1, t-1, t), n, sh[1], sh[2], sh[3])
}

// Loss returns the training loss: the cross-entropy of the class, plus for
// sequences the cross-entropy of the direction and PositionWeight times the
// squared error of the position.
// Its ops are outside any tape scope: cortex metrics counts them as the
// glue between areas (its test requires that), and non-finite errors name
// them as the loss.
func (s *System) Loss(tp *autodiff.Tape, out *Output, tg Targets) (*autodiff.Var, error) {
	loss, err := nn.CrossEntropyLoss(tp, out.Class, tg.Class)
	if err != nil {
		return nil, fmt.Errorf("cortex: class labels: %w", err)
	}
	if out.Direction == nil {
		return loss, nil
	}
	dl, err := nn.CrossEntropyLoss(tp, out.Direction, tg.Direction)
	if err != nil {
		return nil, fmt.Errorf("cortex: direction labels: %w", err)
	}
	if tg.Position == nil {
		return nil, fmt.Errorf("cortex: no position targets for a motion system")
	}
	pl, err := nn.MSELoss(tp, out.Position, autodiff.Const(tg.Position))
	if err != nil {
		return nil, fmt.Errorf("cortex: position targets: %w", err)
	}
	return tp.Add(tp.Add(loss, dl), tp.MulScalar(pl, float32(s.Config.PositionWeight))), nil
}
