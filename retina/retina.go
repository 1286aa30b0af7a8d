package retina

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/autodiff"
	"github.com/neurocortex/neurocortex/ops"
	"github.com/neurocortex/neurocortex/tensor"
)

// Config describes a retina.
type Config struct {
	Colour          bool    // 3-channel sRGB input (L, M, S cones); false: 1 luminance channel
	PhotonNoise     float64 // relative shot noise in training (see Photoreceptors)
	HorizontalSigma float64 // width of the horizontal-cell pool, pixels
	P, M            DoG     // midget and parasol centre-surround fields
	Spikes          bool    // ganglion cells emit Bernoulli spikes in training
}

// Validate reports the first field that is out of range.
func (c Config) Validate() error {
	if !(c.PhotonNoise >= 0 && c.PhotonNoise <= 10) {
		return fmt.Errorf("retina: Config.PhotonNoise = %v, want [0, 10]", c.PhotonNoise)
	}
	if !(c.HorizontalSigma > 0 && c.HorizontalSigma <= 64) {
		return fmt.Errorf("retina: Config.HorizontalSigma = %v, want (0, 64] pixels", c.HorizontalSigma)
	}
	if err := c.P.Validate(); err != nil {
		return fmt.Errorf("retina: Config.P: %w", err)
	}
	if err := c.M.Validate(); err != nil {
		return fmt.Errorf("retina: Config.M: %w", err)
	}
	return nil
}

// Retina is the whole retina: photoreceptors, horizontal cells, bipolar
// cells and the P and M ganglion cells, as spatial maps.
//
// Grey input (one luminance channel):
//
//	R   = Naka-Rushton(photon noise(x))
//	h   = R - beta * Gh*R                       horizontal cells (local mean, Gh a separable Gaussian), beta learnable
//	P   = [relu(DoG_P*h), relu(-DoG_P*h)]       midget ON, OFF (sustained)
//	M   = [relu(d), relu(-d)], d_t = DoG_M*h_t - DoG_M*h_{t-1}   parasol ON, OFF (transient)
//
// Colour input (sRGB is linearised and mapped to L, M, S cones first):
// the midget fields are colour-opponent, centre from one cone class and
// surround from another,
//
//	P = ON/OFF of [Gc*L - o Gs*M,  Gc*S - o Gs*(L+M)/2]   (L-M and S-(L+M))
//
// with a learnable opponent gain o that starts at 1: balanced cone
// weights, so that the cells answer colour contrast rather than luminance
// at low spatial frequencies (Reid & Shapley 2002).
//
// and the parasol cells see luminance (L+M)/2. For still images
// (T = 1) the transient d is the onset response DoG_M*h (the frame before
// is dark). With Spikes set, P and M are replaced by Bernoulli spikes in
// training (straight-through gradient) and by their expectation otherwise.
type Retina struct {
	cfg   Config
	Photo *Photoreceptors
	HGain *autodiff.Var // [1, C, 1, 1], horizontal-cell feedback strength beta
	P, M  *DoGParams
	Opp   *autodiff.Var // [1], colour-opponent surround gain (colour input only)
	hBlur []float32     // fixed unit-sum 1-d Gaussian of the horizontal pool (applied along rows and columns)
	cones int
}

// Maps holds the retina's outputs for a batch of N sequences of T frames,
// frames folded into the batch: index n*T + t.
type Maps struct {
	N, T       int
	Photo      *autodiff.Var // photoreceptor responses [N*T, C, H, W]
	Horizontal *autodiff.Var // after horizontal-cell subtraction [N*T, C, H, W]
	P          *autodiff.Var // midget ganglion cells of the last frame [N, 2 or 4, H, W], ON channels then OFF
	M          *autodiff.Var // parasol ganglion cells [N*T, 2, H, W], ON then OFF
}

// New returns a retina with parameters initialised from cfg.
func New(cfg Config) (*Retina, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := 1
	if cfg.Colour {
		c = 3
	}
	k := 2*int(math.Ceil(2*cfg.HorizontalSigma)) + 1
	blur := gaussian1(k, cfg.HorizontalSigma)
	var opp *autodiff.Var
	if cfg.Colour {
		opp = autodiff.Param(tensor.Full(1, 1), "bipolar_p.opponent_gain")
	}
	return &Retina{
		Opp:   opp,
		cfg:   cfg,
		Photo: NewPhotoreceptors(c, cfg.PhotonNoise),
		HGain: autodiff.Param(tensor.Full(0.5, 1, c, 1, 1), "horizontal.gain"),
		P:     NewDoGParams(cfg.P, "bipolar_p"),
		M:     NewDoGParams(cfg.M, "bipolar_m"),
		hBlur: blur,
		cones: c,
	}, nil
}

// Params returns the learnable parameters in a fixed order.
func (r *Retina) Params() []*autodiff.Var {
	ps := r.Photo.Params()
	ps = append(ps, r.HGain)
	if r.Opp != nil {
		// Colour midget fields use the opponent gain instead of P's own.
		ps = append(ps, r.P.LogSigmaCenter, r.P.LogSigmaSurround, r.Opp)
	} else {
		ps = append(ps, r.P.Params()...)
	}
	return append(ps, r.M.Params()...)
}

// PChannels returns the number of midget maps (2 grey, 4 colour).
func (r *Retina) PChannels() int {
	if r.cfg.Colour {
		return 4
	}
	return 2
}

// Forward runs the retina on x [N, T, C, H, W] (pixel values in [0, 1];
// sRGB for colour, linear luminance for grey). A non-nil rng means
// training: photon noise and spikes draw from it.
func (r *Retina) Forward(tp *autodiff.Tape, x *tensor.Tensor, rng *rand.Rand) (*Maps, error) {
	if x.Dims() != 5 || x.Dim(2) != r.cones {
		return nil, fmt.Errorf("retina: input shape %v, want [N,T,%d,H,W]", x.Shape(), r.cones)
	}
	n, t, h, w := x.Dim(0), x.Dim(1), x.Dim(3), x.Dim(4)
	light := x.Reshape(n*t, r.cones, h, w)
	if r.cfg.Colour {
		lin := LinearizeSRGB(light)
		var err error
		if light, err = ConeExcitations(lin); err != nil {
			return nil, err
		}
	}
	photo, err := r.Photo.Forward(tp, light, rng)
	if err != nil {
		return nil, err
	}
	pool := blurSeparable(tp, photo, r.hBlur)
	hz := tp.Sub(photo, tp.Mul(r.HGain, pool))

	// Midget (P) cells, sustained: only the last frame is computed (the
	// ventral pathway reads the current image).
	hzLast := hz
	if t > 1 {
		seq := tp.Reshape(hz, n, t, r.cones*h*w)
		hzLast = tp.Reshape(tp.Slice(seq, 1, t-1, t), n, r.cones, h, w)
	}
	var py *autodiff.Var
	if kp := r.P.Size(); r.cfg.Colour {
		py = tp.Conv2d(hzLast, r.opponentWeights(tp), nil, ops.Conv2dParams{PadH: kp / 2, PadW: kp / 2})
	} else {
		py = convSingle(tp, hzLast, r.P.Kernel(tp))
	}
	p := OnOff(tp, py)

	// Parasol (M) cells: luminance, large fields, transient.
	lum := hz
	if r.cfg.Colour {
		parts := tp.Split(hz, 1, []int{1, 1, 1})
		lum = tp.MulScalar(tp.Add(parts[0], parts[1]), 0.5)
	}
	my := convSingle(tp, lum, r.M.Kernel(tp))
	if t > 1 {
		my = temporalDiff(tp, my, n, t)
	}
	m := OnOff(tp, my)
	if r.cfg.Spikes {
		p = BernoulliSpikes(tp, p, rng)
		m = BernoulliSpikes(tp, m, rng)
	}
	return &Maps{N: n, T: t, Photo: photo, Horizontal: hz, P: p, M: m}, nil
}

// opponentWeights returns the colour-opponent midget weights [2, 3, K, K]:
// row 0 = [Gc, -o Gs, 0] (L-M), row 1 = [-o/2 Gs, -o/2 Gs, Gc] (S-(L+M)).
func (r *Retina) opponentWeights(tp *autodiff.Tape) *autodiff.Var {
	k := r.P.Size()
	gc, gs := r.P.Gaussians(tp)
	gc = tp.Reshape(gc, 1, 1, k, k)
	sur := tp.Reshape(tp.Mul(r.Opp, gs), 1, 1, k, k)
	half := tp.MulScalar(sur, 0.5)
	zero := autodiff.Const(tensor.New(1, 1, k, k))
	lm := tp.Concat([]*autodiff.Var{gc, tp.Neg(sur), zero}, 1)
	s := tp.Concat([]*autodiff.Var{tp.Neg(half), tp.Neg(half), gc}, 1)
	return tp.Concat([]*autodiff.Var{lm, s}, 0)
}
