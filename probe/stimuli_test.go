package probe

import (
	"math"
	"testing"

	"github.com/neurocortex/neurocortex/tensor"
)

func frame(t *testing.T, g Geometry, s Stimulus, n int) []float32 {
	t.Helper()
	x, err := Render(g, s)
	if err != nil {
		t.Fatal(err)
	}
	hw := g.Height * g.Width
	c := g.channels()
	return x.Data()[n*c*hw : n*c*hw+hw]
}

func TestRenderShapesAndChannels(t *testing.T) {
	g := Geometry{Height: 6, Width: 5, Channels: 3, Frames: 4}
	x, err := Render(g, Grating{SF: 0.2, Contrast: 1, Speed: 1}, Spot{Radius: 2, Contrast: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !tensor.SameShape(x.Shape(), []int{2, 4, 3, 6, 5}) {
		t.Fatalf("shape %v", x.Shape())
	}
	d := x.Data()
	hw := 30
	for blk := 0; blk < 8; blk++ {
		for ch := 1; ch < 3; ch++ {
			for i := 0; i < hw; i++ {
				if d[(blk*3+ch)*hw+i] != d[blk*3*hw+i] {
					t.Fatalf("channel %d differs from channel 0", ch)
				}
			}
		}
	}
	for _, v := range d {
		if v < 0 || v > 1 {
			t.Fatalf("value %v outside [0, 1]", v)
		}
	}
	s, err := Render(Geometry{Height: 4, Width: 4}, Spot{Radius: 1})
	if err != nil || !tensor.SameShape(s.Shape(), []int{1, 1, 4, 4}) {
		t.Fatalf("static shape %v, %v", s.Shape(), err)
	}
	for _, bad := range []Geometry{{}, {Height: 4, Width: 4, Frames: -1}, {Height: 5000, Width: 4}, {Height: 4, Width: 4, Channels: 99}} {
		if _, err := Render(bad, Spot{}); err == nil {
			t.Errorf("geometry %+v accepted", bad)
		}
	}
	if _, err := Render(Geometry{Height: 4, Width: 4}); err == nil {
		t.Error("no stimuli accepted")
	}
}

func TestGratingConventions(t *testing.T) {
	g := Geometry{Height: 20, Width: 20}
	// Orientation 0: the wave vector points right, so luminance varies along
	// x only: every row is the same.
	f := frame(t, g, Grating{Orientation: 0, SF: 0.1, Contrast: 0.5}, 0)
	for r := 1; r < 20; r++ {
		for c := 0; c < 20; c++ {
			if f[r*20+c] != f[c] {
				t.Fatalf("orientation 0: row %d differs from row 0", r)
			}
		}
	}
	// Orientation 90: varies along y only, and phase 0 puts the peak at
	// y = 0 with a period of 10 pixels.
	g2 := Geometry{Height: 21, Width: 21}
	f = frame(t, g2, Grating{Orientation: 90, SF: 0.1, Contrast: 0.5}, 0)
	if v := f[10*21+3]; math.Abs(float64(v)-0.75) > 1e-6 {
		t.Errorf("peak at the centre row = %v, want mean 0.5 * (1 + 0.5)", v)
	}
	if v := f[5*21+3]; math.Abs(float64(v)-0.25) > 1e-6 {
		t.Errorf("half a period above = %v, want the trough 0.25", v)
	}
	// Mean over whole periods is the mean luminance; the range is 2 m c.
	var sum float64
	for _, v := range frame(t, g, Grating{Orientation: 0, SF: 0.1, Contrast: 0.8, Mean: 0.4}, 0) {
		sum += float64(v)
	}
	if m := sum / 400; math.Abs(m-0.4) > 1e-5 {
		t.Errorf("mean %v, want 0.4", m)
	}
	lo, hi := 1.0, 0.0
	for _, v := range frame(t, g2, Grating{Orientation: 0, SF: 0.1, Contrast: 0.8, Mean: 0.4}, 0) {
		lo, hi = math.Min(lo, float64(v)), math.Max(hi, float64(v))
	}
	if math.Abs(hi-lo-2*0.4*0.8) > 1e-6 {
		t.Errorf("range %v, want %v", hi-lo, 2*0.4*0.8)
	}
}

func TestDriftingGratingMoves(t *testing.T) {
	// Drifting along +x at 2 px/frame: frame t is frame 0 shifted right by
	// 2t pixels.
	g := Geometry{Height: 4, Width: 30, Frames: 3}
	x, err := Render(g, Grating{SF: 0.1, Contrast: 1, Speed: 2})
	if err != nil {
		t.Fatal(err)
	}
	d := x.Data()
	for tt := 1; tt < 3; tt++ {
		for c := 2 * tt; c < 30; c++ {
			if a, b := d[tt*120+c], d[c-2*tt]; math.Abs(float64(a-b)) > 1e-6 {
				t.Fatalf("frame %d col %d = %v, frame 0 col %d = %v", tt, c, a, c-2*tt, b)
			}
		}
	}
	// Upward drift (90): frame 1 is frame 0 moved one row up.
	g = Geometry{Height: 30, Width: 3, Frames: 2}
	x, _ = Render(g, Grating{Orientation: 90, SF: 0.1, Contrast: 1, Speed: 1})
	d = x.Data()
	for r := 0; r < 29; r++ {
		if a, b := d[90+r*3], d[(r+1)*3]; math.Abs(float64(a-b)) > 1e-6 {
			t.Fatalf("upward drift: frame 1 row %d = %v, frame 0 row %d = %v", r, a, r+1, b)
		}
	}
}

func TestApertureSpotAnnulusBar(t *testing.T) {
	g := Geometry{Height: 21, Width: 21}
	f := frame(t, g, Grating{SF: 0.1, Contrast: 1, Radius: 4}, 0)
	if f[0] != 0.5 || f[10*21+10] != 1 {
		t.Errorf("aperture: corner %v (want background 0.5), centre %v (want peak 1)", f[0], f[10*21+10])
	}
	f = frame(t, g, Spot{Radius: 3, Contrast: 0.6}, 0)
	if math.Abs(float64(f[10*21+10])-0.8) > 1e-6 || f[0] != 0.5 {
		t.Errorf("spot: centre %v, corner %v", f[10*21+10], f[0])
	}
	f = frame(t, g, Spot{Radius: 6, Inner: 3, Contrast: -1}, 0)
	if f[10*21+10] != 0.5 || f[10*21+15] != 0 {
		t.Errorf("dark annulus: centre %v (want 0.5), ring %v (want 0)", f[10*21+10], f[10*21+15])
	}
	// A bright bar moving right at 1 px/frame: the bright column advances.
	bg := Geometry{Height: 5, Width: 21, Frames: 5}
	x, err := Render(bg, SweepBar(0, 1, 1, 1, 5))
	if err != nil {
		t.Fatal(err)
	}
	for tt := 0; tt < 5; tt++ {
		row := x.Data()[tt*105 : tt*105+21]
		if c := argmax32(row); c != 8+tt {
			t.Errorf("frame %d: bar at column %d, want %d", tt, c, 8+tt)
		}
	}
}

func argmax32(v []float32) int {
	b := 0
	for i, x := range v {
		if x > v[b] {
			b = i
		}
	}
	return b
}

func TestDotsMotion(t *testing.T) {
	const h, w = 32, 40
	coherent := Dots{Direction: 135, Coherence: 1, Speed: 2, Seed: 3}
	p0, p1 := coherent.Positions(h, w, 0), coherent.Positions(h, w, 1)
	if len(p0) != int(math.Round(0.05*h*w)) {
		t.Fatalf("%d dots", len(p0))
	}
	wantDx, wantDy := 2*math.Cos(135*math.Pi/180), 2*math.Sin(135*math.Pi/180)
	for i := range p0 {
		dx, dy := wrap(p1[i][0]-p0[i][0], w), wrap(p1[i][1]-p0[i][1], h)
		if math.Abs(dx-wantDx) > 1e-9 || math.Abs(dy-wantDy) > 1e-9 {
			t.Fatalf("dot %d moved (%v, %v), want (%v, %v)", i, dx, dy, wantDx, wantDy)
		}
	}
	// Incoherent dots keep their speed but lose the direction: the mean
	// displacement is near zero.
	noise := Dots{Direction: 0, Coherence: 0, Speed: 1, Density: 0.5, Seed: 4}
	q0, q1 := noise.Positions(h, w, 0), noise.Positions(h, w, 1)
	var mx, my float64
	for i := range q0 {
		dx, dy := wrap(q1[i][0]-q0[i][0], w), wrap(q1[i][1]-q0[i][1], h)
		if math.Abs(math.Hypot(dx, dy)-1) > 1e-9 {
			t.Fatalf("noise dot speed %v, want 1", math.Hypot(dx, dy))
		}
		mx += dx / float64(len(q0))
		my += dy / float64(len(q0))
	}
	if math.Hypot(mx, my) > 0.1 {
		t.Errorf("incoherent mean displacement (%v, %v), want ~0", mx, my)
	}
	// Deterministic per seed, different across seeds.
	a := frame(t, Geometry{Height: h, Width: w, Frames: 3}, coherent, 2)
	b := frame(t, Geometry{Height: h, Width: w, Frames: 3}, coherent, 2)
	coherent.Seed = 5
	c := frame(t, Geometry{Height: h, Width: w, Frames: 3}, coherent, 2)
	same, diff := true, false
	for i := range a {
		same = same && a[i] == b[i]
		diff = diff || a[i] != c[i]
	}
	if !same || !diff {
		t.Errorf("dots: same seed equal %v, other seed differs %v", same, diff)
	}
	// Dots are bright on the mean background.
	bright := 0
	for _, v := range a {
		if v > 0.9 {
			bright++
		}
	}
	if bright < len(p0)/2 {
		t.Errorf("%d bright pixels for %d dots", bright, len(p0))
	}
	// Limited lifetime replots dots.
	short := Dots{Coherence: 1, Speed: 1, Lifetime: 2, Seed: 1}
	r0, r1 := short.Positions(h, w, 0), short.Positions(h, w, 1)
	jumps := 0
	for i := range r0 {
		if math.Hypot(wrap(r1[i][0]-r0[i][0], w), wrap(r1[i][1]-r0[i][1], h)) > 1.5 {
			jumps++
		}
	}
	if jumps == 0 {
		t.Error("no dot was replotted with a lifetime of 2 frames")
	}
}
