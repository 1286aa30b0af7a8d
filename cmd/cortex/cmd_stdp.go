package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/neurocortex/neurocortex/plasticity"
	"github.com/neurocortex/neurocortex/tensor"
)

func init() {
	register("stdp", "print the STDP window of a rule, or run the Song-Miller-Abbott protocol", runSTDP)
}

type stdpWindow struct {
	Rule   map[string]any `json:"rule"`
	W0     float64        `json:"w0"`
	DtMs   []float64      `json:"dt_ms"`
	Dw     []float64      `json:"dw"`
	Theory []float64      `json:"dw_theory"`
}

type stdpSong struct {
	Protocol  string    `json:"protocol"`
	Inputs    int       `json:"inputs"`
	RateHz    float64   `json:"input_rate_hz"`
	Seconds   float64   `json:"seconds"`
	APlus     float64   `json:"a_plus_over_gmax"`
	Ratio     float64   `json:"a_minus_over_a_plus"`
	Histogram []int     `json:"histogram_w_over_gmax"`
	Edges     []float64 `json:"bin_edges"`
	OutRateHz float64   `json:"output_rate_hz"`
}

func runSTDP(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("stdp", stderr)
	def := plasticity.DefaultSTDP()
	aPlus := fs.Float64("a-plus", float64(def.APlus), "LTP amplitude A+")
	aMinus := fs.Float64("a-minus", float64(def.AMinus), "LTD amplitude A- (a magnitude)")
	tauPlus := fs.Float64("tau-plus", float64(def.TauPlus), "LTP time constant (ms)")
	tauMinus := fs.Float64("tau-minus", float64(def.TauMinus), "LTD time constant (ms)")
	wMin := fs.Float64("w-min", float64(def.WMin), "lower weight bound")
	wMax := fs.Float64("w-max", float64(def.WMax), "upper weight bound")
	mult := fs.Bool("multiplicative", false, "soft-bound (multiplicative) weight dependence instead of additive")
	nearest := fs.Bool("nearest", false, "nearest-neighbour pairing instead of all-to-all")
	w0 := fs.Float64("w0", 0.5, "initial weight of the probed synapse")
	span := fs.Float64("range", 60, "window from -range to +range ms")
	step := fs.Float64("step", 1, "spacing of the probed dt values (ms), a multiple of --dt")
	dt := fs.Float64("dt", 0.1, "simulation time step (ms)")
	protocol := fs.String("protocol", "window", "window, or song2000 (1000 Poisson inputs, additive STDP; prints the weight histogram)")
	seconds := fs.Float64("seconds", 200, "song2000: simulated seconds")
	seed := fs.Uint64("seed", 1, "song2000: random seed")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkFiniteFlags(fs); err != nil {
		return err
	}
	switch *protocol {
	case "window":
	case "song2000":
		cfg := plasticity.DefaultSong2000()
		cfg.Seconds, cfg.Seed = float32(*seconds), *seed
		if !(*seconds > 0) || *seconds > 1e5 {
			return usagef("--seconds must be in (0, 1e5], got %v", *seconds)
		}
		res, err := plasticity.Song2000(cfg)
		if err != nil {
			return usageError{err}
		}
		out := stdpSong{Protocol: "song2000", Inputs: cfg.Inputs, RateHz: float64(cfg.Rate), Seconds: *seconds,
			APlus: float64(cfg.APlus), Ratio: float64(cfg.Ratio), Histogram: make([]int, 10), OutRateHz: res.RateHz}
		for k := 0; k <= 10; k++ {
			out.Edges = append(out.Edges, float64(k)/10)
		}
		for _, x := range res.W {
			out.Histogram[min(int(x*10), 9)]++
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(out)
		}
		fmt.Fprintf(stdout, "Song-Miller-Abbott: %d inputs at %g Hz, %g s, output %.1f Hz\n", out.Inputs, out.RateHz, out.Seconds, out.OutRateHz)
		for k, c := range out.Histogram {
			fmt.Fprintf(stdout, "w/gmax %.1f-%.1f %5d %s\n", out.Edges[k], out.Edges[k+1], c, bar(c, len(res.W)))
		}
		return nil
	default:
		return usagef("--protocol must be window or song2000, got %q", *protocol)
	}
	p := plasticity.STDPParams{APlus: float32(*aPlus), AMinus: float32(*aMinus), TauPlus: float32(*tauPlus), TauMinus: float32(*tauMinus),
		WMin: float32(*wMin), WMax: float32(*wMax)}
	if *mult {
		p.Dependence = plasticity.Multiplicative
	}
	if *nearest {
		p.Pairing = plasticity.Nearest
	}
	if err := stdpCheckWindowFlags(*aPlus, *aMinus, *tauPlus, *tauMinus, *wMin, *wMax, *w0, *dt, *step, *span); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return usageError{err}
	}
	k := *step / *dt
	if math.Abs(k-math.Round(k)) > 1e-6 || *span / *step > 100000 {
		return usagef("--step %v must be a whole multiple of --dt %v (and range/step at most 1e5)", *step, *dt)
	}
	out := stdpWindow{W0: *w0, Rule: map[string]any{"a_plus": *aPlus, "a_minus": *aMinus, "tau_plus_ms": *tauPlus, "tau_minus_ms": *tauMinus,
		"w_min": *wMin, "w_max": *wMax, "multiplicative": *mult, "nearest": *nearest, "sim_dt_ms": *dt}}
	n := int(math.Round(*span / *step))
	stepSteps := int(math.Round(k))
	for i := -n; i <= n; i++ {
		lag := i * stepSteps // post minus pre, in steps
		dw, err := stdpPair(p, float32(*dt), float32(*w0), lag)
		if err != nil {
			return usageError{err}
		}
		d := float64(lag) * *dt
		out.DtMs = append(out.DtMs, math.Round(d*1e6)/1e6)
		out.Dw = append(out.Dw, dw)
		out.Theory = append(out.Theory, p.Window(d, *w0))
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(out)
	}
	fmt.Fprintf(stdout, "%10s %14s %14s\n", "dt_ms", "dw", "theory")
	for i := range out.DtMs {
		fmt.Fprintf(stdout, "%10.3f %14.6g %14.6g\n", out.DtMs[i], out.Dw[i], out.Theory[i])
	}
	return nil
}

// stdpCheckWindowFlags checks the window protocol's flags one by one, so
// that the error names the flag at fault. The bounds keep every value
// representable as a float32 with room for the simulation's arithmetic.
func stdpCheckWindowFlags(aPlus, aMinus, tauPlus, tauMinus, wMin, wMax, w0, dt, step, span float64) error {
	for _, c := range []struct {
		name      string
		x, lo, hi float64
	}{
		{"a-plus", aPlus, 0, 1e3}, {"a-minus", aMinus, 0, 1e3},
		{"w-min", wMin, -1e6, 1e6}, {"w-max", wMax, -1e6, 1e6}, {"range", span, 0, 1e4},
	} {
		if err := checkRange(c.name, c.x, c.lo, c.hi); err != nil {
			return err
		}
	}
	for _, c := range []struct {
		name  string
		x, hi float64
	}{{"tau-plus", tauPlus, 1e6}, {"tau-minus", tauMinus, 1e6}, {"dt", dt, 100}, {"step", step, 1e4}} {
		if err := checkPositive(c.name, c.x, c.hi); err != nil {
			return err
		}
	}
	if wMin > wMax {
		return usagef("--w-min %v must not exceed --w-max %v", wMin, wMax)
	}
	if w0 < wMin || w0 > wMax {
		return usagef("--w0 %v must be within [--w-min, --w-max] = [%v, %v]", w0, wMin, wMax)
	}
	return nil
}

// stdpPair simulates one pre and one post spike lag steps apart (post
// minus pre) through the rule and returns the weight change.
func stdpPair(p plasticity.STDPParams, dt, w0 float32, lag int) (float64, error) {
	s, err := plasticity.NewSTDP(p, 1, 1, 1, dt)
	if err != nil {
		return 0, err
	}
	w := tensor.Full(w0, 1, 1)
	pre, post := tensor.New(1, 1), tensor.New(1, 1)
	tPre, tPost := 1, 1+lag
	if lag < 0 {
		tPre, tPost = 1-lag, 1
	}
	for k := 0; k <= max(tPre, tPost); k++ {
		pre.Data()[0], post.Data()[0] = 0, 0
		if k == tPre {
			pre.Data()[0] = 1
		}
		if k == tPost {
			post.Data()[0] = 1
		}
		s.Step(w, pre, post)
	}
	return float64(w.Data()[0]) - float64(w0), nil
}

func bar(c, total int) string {
	n := c * 60 / max(total, 1)
	b := make([]byte, n)
	for i := range b {
		b[i] = '#'
	}
	return string(b)
}
