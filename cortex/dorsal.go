package cortex

import (
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/nn"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Dorsal is the "where" pathway: V1's spatiotemporal motion-energy cells
// on the transient parasol maps, MT units that pool them over space into
// direction- and speed-selective maps, and an MST-like head that reads the
// direction of motion (from MT averaged over space) and the position of
// the moving object (the centre of mass of a learned MT saliency map).
type Dorsal struct {
	Motion   *autodiff.Var // [L, 2T, S, S] motion-energy weights, quadrature pairs at (2k, 2k+1)
	MT       *convStage
	Dir      *nn.Linear    // MST direction read-out
	Salience *autodiff.Var // [1, MTWidth, 1, 1] MST position read-out weights
	stride   int           // spatial subsampling of the parasol maps
	bank     MotionBank
}

func newDorsal(rng *rand.Rand, cfg *Config) (*Dorsal, error) {
	bank := cfg.motionBank()
	f, err := bank.Filters()
	if err != nil {
		return nil, err
	}
	l, t, s := bank.Len(), bank.Frames, bank.Size
	plane := s * s
	w := tensor.New(l, 2*t, s, s)
	// Input channel 2t is the ON parasol map of frame t, 2t+1 the OFF map:
	// the filter sees the signed transient ON - OFF.
	for i := 0; i < l; i++ {
		for ft := 0; ft < t; ft++ {
			src := f.Data()[(i*t+ft)*plane : (i*t+ft+1)*plane]
			on := w.Data()[(i*2*t+2*ft)*plane:]
			off := w.Data()[(i*2*t+2*ft+1)*plane:]
			for j, v := range src {
				on[j] = v
				off[j] = -v
			}
		}
	}
	m := autodiff.Param(w, "motion.weight")
	m.SetRequiresGrad(cfg.GaborLearnable)
	sal := tensor.New(1, cfg.MTWidth, 1, 1)
	nn.Normal(rng, sal, 0.1)
	return &Dorsal{
		Motion:   m,
		MT:       newConvStage(rng, "mt", l/2, cfg.MTWidth, false),
		Dir:      nn.NewLinear(rng, "mst.direction", cfg.MTWidth, cfg.Directions, true),
		Salience: autodiff.Param(sal, "mst.salience"),
		stride:   cfg.DorsalStride,
		bank:     bank,
	}, nil
}

func (d *Dorsal) Params() []*autodiff.Var {
	ps := append([]*autodiff.Var{d.Motion}, d.MT.Params()...)
	ps = append(ps, d.Dir.Params()...)
	return append(ps, d.Salience)
}

func (d *Dorsal) Buffers() []nn.Buffer { return d.MT.Buffers() }

// DorsalOut holds the dorsal pathway's activations.
type DorsalOut struct {
	Energy    *autodiff.Var // motion-energy amplitudes [N, Directions*Speeds, h, w]
	MT        *autodiff.Var // MT maps [N, MTWidth, h, w]
	Direction *autodiff.Var // MST direction logits [N, Directions]
	Position  *autodiff.Var // MST position [N, 2], normalised image coordinates
}

// Forward runs the pathway on parasol maps m [N*T, 2, H, W] (frames folded
// into the batch, ON then OFF).
func (d *Dorsal) Forward(tp *autodiff.Tape, m *autodiff.Var, n, t int) *DorsalOut {
	defer tp.Scope("dorsal")()
	if d.stride > 1 {
		m = avgPool(tp, m, d.stride)
	}
	sh := m.Value.Shape()
	seq := tp.Reshape(m, n, t*2, sh[2], sh[3])
	s := d.Motion.Value.Dim(2)
	y := tp.Conv2d(seq, d.Motion, nil, ops.Conv2dParams{StrideH: 2, StrideW: 2, PadH: s / 2, PadW: s / 2})
	energy := quadratureAmplitude(tp, y)
	mt := d.MT.Forward(tp, energy)
	dir := d.Dir.Forward(tp, tp.GlobalAvgPool2d(mt))
	pos := centreOfMass(tp, tp.Sum(tp.Mul(mt, d.Salience), []int{1}, false))
	return &DorsalOut{Energy: energy, MT: mt, Direction: dir, Position: pos}
}

// centreOfMass returns the expected (x, y) position [N, 2] under the
// spatial softmax of scores [N, H, W], in normalised image coordinates
// (-1 left/top edge, +1 right/bottom edge, pixel centres in between).
func centreOfMass(tp *autodiff.Tape, scores *autodiff.Var) *autodiff.Var {
	sh := scores.Value.Shape()
	n, h, w := sh[0], sh[1], sh[2]
	p := tp.Softmax(tp.Reshape(scores, n, h*w), 1)
	coords := tensor.New(h*w, 2)
	for i := 0; i < h; i++ {
		for j := 0; j < w; j++ {
			coords.Set(float32(2*j+1)/float32(w)-1, i*w+j, 0)
			coords.Set(float32(2*i+1)/float32(h)-1, i*w+j, 1)
		}
	}
	return tp.Matmul(p, autodiff.Const(coords), false, false)
}
