package data

import (
	"fmt"
	"math/rand/v2"

	"github.com/neurocortex/neurocortex/tensor"
)

// NumDirections is the number of motion directions of MovingMNIST, 45°
// apart.
const NumDirections = 8

// directionSteps[d] is the per-frame step of direction d for speed 1, in
// image coordinates (x to the right, y down the rows). Direction d points
// at d*45° counter-clockwise from rightward with y up, as on a compass
// drawn on the screen: 0 right, 2 up, 4 left, 6 down.
var directionSteps = [NumDirections][2]int{
	{+1, 0}, {+1, -1}, {0, -1}, {-1, -1}, {-1, 0}, {-1, +1}, {0, +1}, {+1, +1},
}

// DirectionStep returns the per-frame displacement (dx, dy) in image
// coordinates (dy > 0 is down) of direction d at the given speed. Each
// axis that moves moves by speed pixels, so diagonal motion covers
// speed*√2 pixels per frame: speed is the displacement along the larger
// axis (the Chebyshev norm), which keeps every shift a whole pixel.
func DirectionStep(d, speed int) (dx, dy int) {
	s := directionSteps[d]
	return s[0] * speed, s[1] * speed
}

// MovingConfig configures MovingMNIST. Zero fields take the defaults.
type MovingConfig struct {
	Frames int    // frames per sequence T; default 8
	Height int    // canvas height; default 48
	Width  int    // canvas width; default 48
	Speeds []int  // speeds in pixels per frame, each > 0; default {1, 2}
	Seed   uint64 // seed of every draw
}

// MovingLabel describes one MovingMNIST sequence.
type MovingLabel struct {
	Index     int `json:"index"`     // sequence index
	Digit     int `json:"digit"`     // class of the digit, 0..9
	Source    int `json:"source"`    // index of the digit in the source dataset
	Direction int `json:"direction"` // 0..7, d*45° counter-clockwise from rightward (y up)
	Speed     int `json:"speed"`     // pixels per frame along each moving axis
	X0        int `json:"x0"`        // column of the digit box's left edge in frame 0
	Y0        int `json:"y0"`        // row of the digit box's top edge in frame 0 (row 0 is the top)
}

// MovingMNIST generates sequences of one real MNIST digit sliding across
// a blank canvas in a straight line: frame t shows the digit's H×W box
// with its top-left corner at (X0 + t*dx, Y0 + t*dy), (dx, dy) =
// DirectionStep(Direction, Speed). The start is drawn so that the box stays
// wholly on the canvas in every frame; there is no bouncing and no
// wrapping, so direction and speed are constant within a sequence. Shifts
// are whole pixels and the digit's pixels are copied, not resampled, so a
// frame holds exactly the digit's values (byte/255) and zeros.
//
// Sequence i is a pure function of (Seed, i), whatever else is generated:
// its draws come from its own PCG stream, in this order: source index
// (uniform over the dataset), direction (uniform over 0..7), speed
// (uniform over Speeds), X0, Y0 (each uniform over the positions that keep
// the digit on the canvas). Generate a fixed set with indices 0..N-1, or a
// fresh one each epoch with indices epoch*N..epoch*N+N-1.
type MovingMNIST struct {
	src *Dataset
	cfg MovingConfig
}

// NewMovingMNIST returns a generator drawing digits from src, a
// single-channel Dataset such as LoadMNIST's. It fails if the canvas
// cannot hold the digit's whole path at the fastest speed.
func NewMovingMNIST(src *Dataset, cfg MovingConfig) (*MovingMNIST, error) {
	if src == nil || src.Len() == 0 {
		return nil, fmt.Errorf("data: MovingMNIST: empty source dataset")
	}
	if src.C != 1 {
		return nil, fmt.Errorf("data: MovingMNIST: source %s has %d channels, want 1", src.Name, src.C)
	}
	if cfg.Frames == 0 {
		cfg.Frames = 8
	}
	if cfg.Height == 0 {
		cfg.Height = 48
	}
	if cfg.Width == 0 {
		cfg.Width = 48
	}
	if len(cfg.Speeds) == 0 {
		cfg.Speeds = []int{1, 2}
	}
	cfg.Speeds = append([]int(nil), cfg.Speeds...)
	if cfg.Frames < 1 || cfg.Height < src.H || cfg.Width < src.W {
		return nil, fmt.Errorf("data: MovingMNIST: %d frames of %dx%d cannot hold %dx%d digits", cfg.Frames, cfg.Height, cfg.Width, src.H, src.W)
	}
	for _, s := range cfg.Speeds {
		if s < 1 {
			return nil, fmt.Errorf("data: MovingMNIST: speed %d (want >= 1 pixel per frame)", s)
		}
		travel := (cfg.Frames - 1) * s
		if travel > cfg.Height-src.H || travel > cfg.Width-src.W {
			return nil, fmt.Errorf("data: MovingMNIST: at speed %d a %dx%d digit travels %d pixels in %d frames, more than a %dx%d canvas allows (%d x %d)",
				s, src.H, src.W, travel, cfg.Frames, cfg.Height, cfg.Width, cfg.Height-src.H, cfg.Width-src.W)
		}
	}
	return &MovingMNIST{src: src, cfg: cfg}, nil
}

// Config returns the configuration with its defaults filled in.
func (m *MovingMNIST) Config() MovingConfig {
	c := m.cfg
	c.Speeds = append([]int(nil), c.Speeds...)
	return c
}

// SequenceShape returns [T, 1, H, W], the shape of one sequence.
func (m *MovingMNIST) SequenceShape() []int {
	return []int{m.cfg.Frames, 1, m.cfg.Height, m.cfg.Width}
}

// Label draws the parameters of sequence i without rendering it.
func (m *MovingMNIST) Label(i int) MovingLabel {
	src := rand.NewPCG(m.cfg.Seed, movingStream(uint64(i)))
	l := MovingLabel{Index: i}
	l.Source = int(uniformN(src, uint64(m.src.Len())))
	l.Digit = m.src.Labels[l.Source]
	l.Direction = int(uniformN(src, NumDirections))
	l.Speed = m.cfg.Speeds[uniformN(src, uint64(len(m.cfg.Speeds)))]
	dx, dy := DirectionStep(l.Direction, l.Speed)
	l.X0 = startPos(src, m.cfg.Width-m.src.W, dx*(m.cfg.Frames-1))
	l.Y0 = startPos(src, m.cfg.Height-m.src.H, dy*(m.cfg.Frames-1))
	return l
}

// startPos draws a start in [0, room] such that start+travel is in
// [0, room] too.
func startPos(src *rand.PCG, room, travel int) int {
	lo, hi := 0, room
	if travel > 0 {
		hi -= travel
	} else {
		lo -= travel
	}
	return lo + int(uniformN(src, uint64(hi-lo+1)))
}

// movingStream derives the PCG stream of sequence i (SplitMix64's output
// function, so that neighbouring indices start far apart).
func movingStream(i uint64) uint64 {
	z := i + 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// Render writes the sequence described by l (as returned by Label) into
// dst, T*H*W values in frame-major, row-major order. It panics if dst is
// too short or if l leaves the canvas or names no source digit.
func (m *MovingMNIST) Render(dst []float32, l MovingLabel) {
	T, H, W := m.cfg.Frames, m.cfg.Height, m.cfg.Width
	dh, dw := m.src.H, m.src.W
	if len(dst) < T*H*W {
		panic(fmt.Sprintf("data: MovingMNIST.Render: %d values for a sequence of %dx%dx%d", len(dst), T, H, W))
	}
	if l.Source < 0 || l.Source >= m.src.Len() || l.Direction < 0 || l.Direction >= NumDirections || l.Speed < 0 {
		panic(fmt.Sprintf("data: MovingMNIST.Render: invalid label %+v", l))
	}
	dx, dy := DirectionStep(l.Direction, l.Speed)
	for _, t := range [2]int{0, T - 1} {
		if x, y := l.X0+t*dx, l.Y0+t*dy; x < 0 || y < 0 || x+dw > W || y+dh > H {
			panic(fmt.Sprintf("data: MovingMNIST.Render: label %+v leaves the %dx%d canvas in frame %d", l, H, W, t))
		}
	}
	dst = dst[:T*H*W]
	clear(dst)
	img := m.src.Image(l.Source)
	for t := range T {
		x, y := l.X0+t*dx, l.Y0+t*dy
		frame := dst[t*H*W : (t+1)*H*W]
		for r := range dh {
			bytesToUnit(frame[(y+r)*W+x:(y+r)*W+x+dw], img[r*dw:(r+1)*dw])
		}
	}
}

// Generate returns sequences first..first+n-1 as a tensor [n, T, 1, H, W]
// with their labels.
func (m *MovingMNIST) Generate(first, n int) (*tensor.Tensor, []MovingLabel) {
	idx := make([]int, n)
	for k := range idx {
		idx[k] = first + k
	}
	return m.BatchInto(nil, nil, idx)
}

// BatchInto renders the sequences at idx into x, a tensor
// [M, T, 1, H, W] with M >= len(idx) that is reused (as the view
// x.RowView(0, len(idx))) when it has that shape and allocated otherwise,
// and their labels into labels (reused when its capacity suffices).
func (m *MovingMNIST) BatchInto(x *tensor.Tensor, labels []MovingLabel, idx []int) (*tensor.Tensor, []MovingLabel) {
	b := len(idx)
	T, H, W := m.cfg.Frames, m.cfg.Height, m.cfg.Width
	if x == nil || x.Dims() != 5 || x.Dim(0) < b || x.Dim(1) != T || x.Dim(2) != 1 || x.Dim(3) != H || x.Dim(4) != W {
		x = tensor.New(b, T, 1, H, W)
	} else if x.Dim(0) != b {
		x = x.RowView(0, b)
	}
	if cap(labels) < b {
		labels = make([]MovingLabel, b)
	}
	labels = labels[:b]
	n := T * H * W
	data := x.Data()
	for k, i := range idx {
		labels[k] = m.Label(i)
		m.Render(data[k*n:(k+1)*n], labels[k])
	}
	return x, labels
}
