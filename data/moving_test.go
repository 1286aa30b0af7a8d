package data

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func newMoving(t *testing.T, src *Dataset, cfg MovingConfig) *MovingMNIST {
	t.Helper()
	m, err := NewMovingMNIST(src, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDirectionStep(t *testing.T) {
	for d := range NumDirections {
		a := float64(d) * math.Pi / 4
		// y up in the convention, y down in image rows.
		wantDX, wantDY := sign(math.Cos(a)), -sign(math.Sin(a))
		dx, dy := DirectionStep(d, 3)
		if dx != 3*wantDX || dy != 3*wantDY {
			t.Errorf("direction %d (%v°): step (%d, %d), want (%d, %d)", d, d*45, dx, dy, 3*wantDX, 3*wantDY)
		}
	}
}

func sign(v float64) int {
	switch {
	case v > 1e-9:
		return 1
	case v < -1e-9:
		return -1
	}
	return 0
}

// renderReference draws sequence l pixel by pixel from its definition.
func renderReference(src *Dataset, cfg MovingConfig, l MovingLabel) *tensor.Tensor {
	out := tensor.New(cfg.Frames, 1, cfg.Height, cfg.Width)
	img := src.Image(l.Source)
	dx, dy := DirectionStep(l.Direction, l.Speed)
	for f := range cfg.Frames {
		left, top := l.X0+f*dx, l.Y0+f*dy
		for y := range cfg.Height {
			for x := range cfg.Width {
				r, c := y-top, x-left
				if r >= 0 && r < src.H && c >= 0 && c < src.W {
					out.Set(float32(img[r*src.W+c])/255, f, 0, y, x)
				}
			}
		}
	}
	return out
}

func TestMovingMNISTFrames(t *testing.T) {
	src := synthMNIST(30)
	for _, cfg := range []MovingConfig{
		{Seed: 1},
		{Seed: 2, Frames: 5, Height: 70, Width: 64, Speeds: []int{1, 3, 9}},
		{Seed: 3, Frames: 1, Height: 28, Width: 28, Speeds: []int{4}},
	} {
		m := newMoving(t, src, cfg)
		c := m.Config()
		x, labels := m.Generate(100, 40)
		if want := append([]int{40}, m.SequenceShape()...); !slices.Equal(x.Shape(), want) {
			t.Fatalf("shape %v, want %v", x.Shape(), want)
		}
		for k, l := range labels {
			if l.Index != 100+k || l.Digit != src.Labels[l.Source] {
				t.Fatalf("label %+v for sequence %d", l, 100+k)
			}
			dx, dy := DirectionStep(l.Direction, l.Speed)
			for f := range c.Frames {
				if x0, y0 := l.X0+f*dx, l.Y0+f*dy; x0 < 0 || y0 < 0 || x0+src.W > c.Width || y0+src.H > c.Height {
					t.Fatalf("%+v leaves the %dx%d canvas in frame %d", l, c.Height, c.Width, f)
				}
			}
			want := renderReference(src, c, l)
			got := x.RowView(k, k+1).Reshape(want.Shape()...)
			if !tensor.Equal(got, want) {
				t.Fatalf("cfg %+v: sequence %+v differs from the reference drawing", c, l)
			}
		}
	}
}

func TestMovingMNISTDeterministic(t *testing.T) {
	src := synthMNIST(50)
	m := newMoving(t, src, MovingConfig{Seed: 9})
	a, la := m.Generate(0, 12)
	b, lb := m.Generate(0, 12)
	if !tensor.Equal(a, b) || !slices.Equal(la, lb) {
		t.Fatal("same seed, different sequences")
	}
	// Sequence i does not depend on what else is generated, nor on the
	// buffer it is rendered into.
	buf := tensor.Full(0.5, 3, 8, 1, 48, 48)
	c, lc := m.BatchInto(buf, nil, []int{7, 3})
	if &c.Data()[0] != &buf.Data()[0] {
		t.Fatal("BatchInto did not reuse the buffer")
	}
	if lc[0] != la[7] || lc[1] != la[3] || !tensor.Equal(c.RowView(0, 1), a.RowView(7, 8)) || !tensor.Equal(c.RowView(1, 2), a.RowView(3, 4)) {
		t.Fatal("a sequence changed with the batch it was generated in")
	}
	other := newMoving(t, src, MovingConfig{Seed: 10})
	if _, lo := other.Generate(0, 12); slices.Equal(lo, la) {
		t.Fatal("another seed gives the same labels")
	}
}

func TestMovingMNISTDistribution(t *testing.T) {
	src := synthMNIST(40)
	m := newMoving(t, src, MovingConfig{Seed: 4, Speeds: []int{1, 2}})
	var dirs [NumDirections]int
	speeds := map[int]int{}
	minX, maxX := 100, -1
	for i := range 1600 {
		l := m.Label(i)
		dirs[l.Direction]++
		speeds[l.Speed]++
		if l.Direction == 2 || l.Direction == 6 { // vertical: any column
			minX, maxX = min(minX, l.X0), max(maxX, l.X0)
		}
	}
	for d, n := range dirs {
		if n < 140 || n > 260 { // 200 expected, sd about 13
			t.Errorf("direction %d drawn %d times of 1600", d, n)
		}
	}
	if len(speeds) != 2 || speeds[1] < 700 || speeds[2] < 700 {
		t.Errorf("speeds %v", speeds)
	}
	if minX != 0 || maxX != 48-28 {
		t.Errorf("vertical motion starts in columns %d..%d, want 0..20", minX, maxX)
	}
}

func TestMovingMNISTConfigErrors(t *testing.T) {
	src := synthMNIST(3)
	rgb := &Dataset{Name: "rgb", C: 3, H: 4, W: 4, Pixels: make([]byte, 48), Labels: []int{0}, NumClasses: 1}
	for _, tc := range []struct {
		src  *Dataset
		cfg  MovingConfig
		want string
	}{
		{src, MovingConfig{Speeds: []int{3}}, "travels 21 pixels in 8 frames"},
		{src, MovingConfig{Height: 20}, "cannot hold 28x28 digits"},
		{src, MovingConfig{Frames: -1}, "-1 frames"},
		{src, MovingConfig{Speeds: []int{0}}, "speed 0"},
		{rgb, MovingConfig{}, "3 channels"},
		{&Dataset{C: 1}, MovingConfig{}, "empty source"},
		{nil, MovingConfig{}, "empty source"},
	} {
		if _, err := NewMovingMNIST(tc.src, tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("config %+v: error %v, want %q", tc.cfg, err, tc.want)
		}
	}
}

func TestMovingMNISTReal(t *testing.T) {
	d, err := LoadMNIST("", "test")
	if err != nil {
		t.Fatal(err)
	}
	m := newMoving(t, d, MovingConfig{Seed: 1})
	x, labels := m.Generate(0, 16)
	frame := 48 * 48
	for k, l := range labels {
		var ink float64
		for _, b := range d.Image(l.Source) {
			ink += float64(b) / 255
		}
		for f := range 8 {
			var s float64
			for _, v := range x.Data()[(k*8+f)*frame : (k*8+f+1)*frame] {
				s += float64(v)
			}
			if math.Abs(s-ink) > 1e-3 {
				t.Fatalf("sequence %d frame %d holds %.3f of the digit's %.3f ink", k, f, s, ink)
			}
		}
	}
}

func TestMovingMNISTRenderRejectsBadLabels(t *testing.T) {
	m := newMoving(t, synthMNIST(3), MovingConfig{Seed: 1})
	dst := make([]float32, 8*48*48)
	for _, l := range []MovingLabel{
		{Source: 3, Speed: 1},
		{Source: 0, Direction: 8, Speed: 1},
		{Source: 0, Direction: 0, Speed: 2, X0: 10}, // ends at column 24: 24+28 > 48
		{Source: 0, Direction: 2, Speed: 1, Y0: 3},  // moves up from row 3
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "MovingMNIST.Render") {
					t.Errorf("label %+v: recovered %v, want a panic naming Render", l, r)
				}
			}()
			m.Render(dst, l)
		}()
	}
}
