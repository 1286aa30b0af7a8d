package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/neurocortex/neurocortex/cortex"
	"github.com/neurocortex/neurocortex/probe"
	"github.com/neurocortex/neurocortex/viz"
)

func init() {
	register("tuning", "measure tuning curves of an area's units (orientation, direction, spot size) like a physiologist", runTuning)
}

// tuningUnit is one unit in the JSON of cortex tuning. For grating and dots
// the angles are degrees; for spots "preferred" is a radius in pixels.
type tuningUnit struct {
	Index       int       `json:"index"`
	Name        string    `json:"name,omitempty"` // cell type, where the area's channels have one
	Preferred   float64   `json:"preferred"`
	OSI         float64   `json:"osi"`
	DSI         float64   `json:"dsi"`
	Bandwidth   float64   `json:"bandwidth"`
	Suppression *float64  `json:"suppression,omitempty"`
	Peak        float64   `json:"peak"`        // largest response above spontaneous
	Spontaneous float64   `json:"spontaneous"` // response to a blank field, subtracted before the indices
	Responsive  bool      `json:"responsive"`
	Curve       []float64 `json:"curve"` // raw responses at x
}

// tuningResult is the JSON of cortex tuning.
type tuningResult struct {
	Area     string         `json:"area"`
	Stimulus string         `json:"stimulus"`
	System   string         `json:"system"`
	X        []float64      `json:"x"`       // stimulus values of the curves
	XUnits   string         `json:"x_units"` // "degrees" or "pixels"
	Protocol map[string]any `json:"protocol"`
	Units    []tuningUnit   `json:"units"`
	Summary  any            `json:"summary"`
}

// spotSummary is the population summary for spots.
type spotSummary struct {
	Units                 int     `json:"units"`
	Responsive            int     `json:"responsive"`
	MedianPreferredRadius float64 `json:"median_preferred_radius_px"`
	MedianSuppression     float64 `json:"median_suppression"`
	Note                  string  `json:"note"`
}

func runTuning(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("tuning", stderr)
	checkpoint := fs.String("checkpoint", "", "checkpoint of a trained system")
	untrained := fs.Bool("untrained", false, "probe a freshly initialised system instead (Gabor V1, random V2/V4/MT)")
	config := fs.String("config", "", "system of --untrained: mnist or moving-mnist (default: moving-mnist for MT or dots, else mnist)")
	seed := fs.Uint64("seed", 1, "seed of the untrained system's weights and of the dot stimuli")
	area := fs.String("area", "V1", "area: retina, V1, V2, V4 or MT (also V1simple, V1complex)")
	stimulus := fs.String("stimulus", "grating", "grating (orientation), dots (direction) or spot (size)")
	directions := fs.Int("directions", 16, "directions sampled over 360 degrees (even)")
	sf := fs.Float64("sf", 0, "grating spatial frequency, cycles/pixel (0: the area's own: V1 Gabor frequency, MT motion-energy frequency)")
	speed := fs.Float64("speed", 0, "drift or dot speed, pixels/frame (0: the system's first preferred speed)")
	repeats := fs.Int("repeats", 0, "stimuli averaged per condition: phases or dot seeds (0: 4 for gratings, 16 for dots)")
	contrast := fs.Float64("contrast", 1, "Michelson contrast of gratings and spots (negative spots are dark)")
	maxUnits := fs.Int("units", 0, "report at most this many units (0: all)")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	pngPath := fs.String("png", "", "write polar plots of the tuning curves (or size curves for spots) to this PNG")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkFiniteFlags(fs); err != nil {
		return err
	}
	kind := probe.Kind(*stimulus)
	switch kind {
	case probe.KindGrating, probe.KindDots, probe.KindSpot:
	default:
		return usagef("--stimulus %q: want grating, dots or spot", *stimulus)
	}
	if *directions < 4 || *directions%2 != 0 || *directions > 360 {
		return usagef("--directions %d: want an even number 4..360", *directions)
	}
	if *repeats < 0 || *repeats > 1000 || *maxUnits < 0 {
		return usagef("--repeats and --units must be >= 0 (repeats <= 1000)")
	}
	if !(*sf >= 0 && *sf < 0.5) || !(*speed >= 0 && *speed <= 32) || !(math.Abs(*contrast) <= 1 && *contrast != 0) {
		return usagef("want 0 <= --sf < 0.5, 0 <= --speed <= 32 and 0 < |--contrast| <= 1")
	}
	if *config == "" {
		*config = "mnist"
		if strings.EqualFold(*area, "MT") || kind == probe.KindDots {
			*config = "moving-mnist"
		}
	}
	if _, err := probeAreaIndex(*area); err != nil {
		return err
	}
	if *pngPath != "" {
		if err := checkOutputFile("png", *pngPath); err != nil {
			return err
		}
	}
	sys, desc, err := probeLoadSystem(*checkpoint, *untrained, *config, *seed)
	if err != nil {
		return err
	}
	cfg := &sys.Config
	if kind == probe.KindDots && !cfg.Motion {
		return usagef("--stimulus dots needs a motion system (moving-mnist)")
	}
	p := probe.Protocol{Geometry: probeGeometry(cfg), SF: *sf, Speed: *speed, Repeats: *repeats, Contrast: *contrast, Seed: *seed, Batch: 16}
	if p.SF == 0 {
		p.SF = cfg.SpatialFreqs[0]
		if strings.EqualFold(*area, "MT") {
			// The dorsal filters see frames subsampled by DorsalStride.
			p.SF = cfg.MotionFreq / float64(max(cfg.DorsalStride, 1))
		}
	}
	if p.Speed == 0 && len(cfg.Speeds) > 0 {
		p.Speed = cfg.Speeds[0]
	}
	if p.Repeats == 0 {
		p.Repeats = 4
		if kind == probe.KindDots {
			p.Repeats = 16
		}
	}
	f := probeCentreUnits(sys, *area)
	fmt.Fprintf(stderr, "tuning: %s, area %s, %s stimuli on %dx%d", desc, *area, kind, cfg.Height, cfg.Width)
	if cfg.Motion {
		fmt.Fprintf(stderr, "x%d frames", cfg.Frames)
	}
	fmt.Fprintln(stderr)

	res := tuningResult{Area: *area, Stimulus: *stimulus, System: desc,
		Protocol: map[string]any{"sf_cycles_per_px": p.SF, "speed_px_per_frame": p.Speed, "repeats": p.Repeats,
			"contrast": p.Contrast, "moving": cfg.Motion, "unit": "centre of each channel's map",
			"baseline": "indices, peaks and widths use the responses minus the response to a blank field (spontaneous activity)"}}
	base, err := probe.Spontaneous(f, p.Geometry)
	if err != nil {
		return err
	}
	var plots []*viz.Polar
	if kind == probe.KindSpot {
		var radii []float64
		for r := 0.5; r <= float64(min(cfg.Height, cfg.Width))/2; r += 0.5 {
			radii = append(radii, r)
		}
		raw, err := probe.SpotSummation(f, p, radii)
		if err != nil {
			return err
		}
		c, err := raw.Subtract(base)
		if err != nil {
			return err
		}
		res.X, res.XUnits = c.X, "pixels (spot radius)"
		var prefs, sups []float64
		for u, r := range c.R {
			pr, peak := probe.PeakValue(c.X, r)
			si := probe.SuppressionIndex(r)
			tu := tuningUnit{Index: u, Name: tuningUnitName(cfg, *area, u), Preferred: pr, Peak: peak, Spontaneous: base[u], Suppression: &si,
				Curve: raw.R[u], Responsive: peak > tuningMinPeak(c.R)}
			if tu.Responsive {
				prefs, sups = append(prefs, pr), append(sups, si)
			}
			res.Units = append(res.Units, tu)
		}
		res.Summary = spotSummary{Units: len(c.R), Responsive: len(prefs), MedianPreferredRadius: probeMedian(prefs), MedianSuppression: probeMedian(sups),
			Note: "area summation: the response rises while the spot fills the receptive-field centre and falls as it invades the surround (suppression = (Rmax - R_largest)/Rmax)"}
		if *pngPath != "" {
			if err := tuningSizePNG(*pngPath, c, cfg, *area, *maxUnits); err != nil {
				return err
			}
		}
	} else {
		raw, err := probe.DirectionTuning(f, p, kind, *directions)
		if err != nil {
			return err
		}
		c, err := raw.Subtract(base)
		if err != nil {
			return err
		}
		q := probe.Orientation
		if kind == probe.KindDots || strings.EqualFold(*area, "MT") {
			q = probe.Direction
		}
		units, err := probe.SummarizeUnits(c, q, tuningMinPeak(c.R))
		if err != nil {
			return err
		}
		pop := probe.SummarizePopulation(units, q)
		res.X, res.XUnits, res.Summary = c.X, "degrees (direction of the wave vector or of motion)", pop
		res.Protocol["quantity"] = string(q)
		for _, u := range units {
			res.Units = append(res.Units, tuningUnit{Index: u.Index, Name: tuningUnitName(cfg, *area, u.Index), Preferred: u.Preferred, OSI: u.OSI, DSI: u.DSI,
				Bandwidth: u.Bandwidth, Peak: u.Peak, Spontaneous: base[u.Index], Responsive: u.Responsive, Curve: raw.R[u.Index]})
			if u.Responsive {
				title := fmt.Sprintf("unit %d: %.0f°", u.Index, u.Preferred)
				plots = append(plots, &viz.Polar{Title: title, AnglesDeg: c.X, Curves: [][]float64{u.Curve}, Preferred: u.Preferred, Axial: false})
			}
		}
		fmt.Fprintf(stderr, "%d of %d units responsive; median OSI %.2f, median DSI %.2f; %s: model %.1f, physiology %.0f: %s\n",
			pop.Responsive, pop.Units, pop.MedianOSI, pop.MedianDSI, pop.Compared, pop.Model, pop.Reference, pop.Verdict)
		if *pngPath != "" {
			if *maxUnits > 0 && len(plots) > *maxUnits {
				plots = plots[:*maxUnits]
			}
			if len(plots) == 0 {
				return fmt.Errorf("no responsive unit to draw")
			}
			img, err := viz.PolarGrid(fmt.Sprintf("%s %s tuning (%s), %s", *area, q, kind, desc), plots, 6, 170)
			if err != nil {
				return err
			}
			if err := viz.SavePNG(*pngPath, img); err != nil {
				return err
			}
		}
	}
	if *maxUnits > 0 && len(res.Units) > *maxUnits {
		res.Units = res.Units[:*maxUnits]
	}
	if *pngPath != "" {
		fmt.Fprintf(stderr, "wrote %s\n", *pngPath)
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	return tuningText(stdout, &res)
}

// tuningUnitName names the cell type of channel u where the area's
// channels have fixed meanings (the retina's ganglion maps).
func tuningUnitName(cfg *cortex.Config, area string, u int) string {
	if !strings.EqualFold(area, "retina") {
		return ""
	}
	names := []string{"P ON", "P OFF", "M ON", "M OFF"}
	if cfg.Colour {
		names = []string{"P L-M ON", "P S-(L+M) ON", "P L-M OFF", "P S-(L+M) OFF", "M ON", "M OFF"}
	}
	if u < len(names) {
		return names[u]
	}
	return ""
}

// tuningMinPeak is the peak response below which a unit counts as silent:
// 2% of the strongest unit's driven peak, so that units answering at the level of
// numerical noise get no selectivity indices.
func tuningMinPeak(r [][]float64) float64 {
	m := 0.0
	for _, c := range r {
		for _, v := range c {
			m = math.Max(m, v)
		}
	}
	return math.Max(0.02*m, 1e-9)
}

// probeAreaIndex validates an area name.
func probeAreaIndex(area string) (int, error) {
	for i, a := range append(probeAreaNames, "V1simple", "V1complex") {
		if strings.EqualFold(a, area) {
			return i, nil
		}
	}
	return 0, usagef("--area %q: want one of %s", area, strings.Join(probeAreaNames, ", "))
}

func tuningText(w io.Writer, r *tuningResult) error {
	fmt.Fprintf(w, "%s, %s stimuli, %s\n", r.Area, r.Stimulus, r.System)
	if r.Stimulus == string(probe.KindSpot) {
		fmt.Fprintf(w, "%5s %12s %12s %10s\n", "unit", "radius (px)", "suppression", "peak")
	} else {
		fmt.Fprintf(w, "%5s %10s %6s %6s %10s %10s\n", "unit", "preferred", "osi", "dsi", "bandwidth", "peak")
	}
	for _, u := range r.Units {
		switch {
		case !u.Responsive:
			fmt.Fprintf(w, "%5d %10s\n", u.Index, "silent")
		case u.Suppression != nil:
			fmt.Fprintf(w, "%5d %12.1f %12.2f %10.4g\n", u.Index, u.Preferred, *u.Suppression, u.Peak)
		default:
			fmt.Fprintf(w, "%5d %10.1f %6.2f %6.2f %10.1f %10.4g\n", u.Index, u.Preferred, u.OSI, u.DSI, u.Bandwidth, u.Peak)
		}
	}
	b, err := json.MarshalIndent(r.Summary, "", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "summary: %s\n", b)
	return nil
}

// tuningSizePNG draws area-summation curves as line plots.
func tuningSizePNG(path string, c *probe.Curves, cfg *cortex.Config, area string, maxUnits int) error {
	p := &viz.Plot{Title: area + " area summation (spots)", XLabel: "spot radius (pixels)", YLabel: "response (a.u.)", Grid: true}
	for u, r := range c.R {
		if maxUnits > 0 && u >= maxUnits {
			break
		}
		name := fmt.Sprintf("unit %d", u)
		if n := tuningUnitName(cfg, area, u); n != "" {
			name += ": " + n
		}
		p.Series = append(p.Series, viz.Series{Name: name, X: c.X, Y: r})
	}
	img, err := p.Render()
	if err != nil {
		return err
	}
	return viz.SavePNG(path, img)
}

func probeMedian(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
