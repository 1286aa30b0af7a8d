package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/neurocortex/neurocortex/spiking"
	"github.com/neurocortex/neurocortex/tensor"
	"github.com/neurocortex/neurocortex/viz"
)

func init() {
	register("neuron", "simulate one neuron (lif, izhikevich, adex) under a current step", runNeuron)
}

// neuronResult is the --json output of "cortex neuron".
type neuronResult struct {
	Model          string             `json:"model"`
	Preset         string             `json:"preset,omitempty"`
	Params         map[string]float64 `json:"params"`
	Current        float64            `json:"current"`
	CurrentUnit    string             `json:"current_unit"`
	DtMs           float64            `json:"dt_ms"`
	DurationMs     float64            `json:"duration_ms"`
	SpikeTimesMs   []float64          `json:"spike_times_ms"`
	NumSpikes      int                `json:"num_spikes"`
	RateHz         float64            `json:"rate_hz"`
	ISIRateHz      float64            `json:"isi_rate_hz"`
	MeanISIMs      float64            `json:"mean_isi_ms"`
	CVISI          float64            `json:"cv_isi"`
	AnalyticRateHz *float64           `json:"analytic_rate_hz,omitempty"`
}

func runNeuron(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("neuron", stderr)
	model := fs.String("model", "lif", "neuron model: lif, izhikevich or adex")
	preset := fs.String("preset", "", "Izhikevich preset RS, IB, CH, FS, LTS, TC, RZ (default RS); AdEx preset default, tonic, adapting, initial-burst, bursting")
	a := fs.Float64("a", 0, "Izhikevich a (overrides the preset)")
	b := fs.Float64("b", 0, "Izhikevich b")
	c := fs.Float64("c", 0, "Izhikevich c (mV)")
	d := fs.Float64("d", 0, "Izhikevich d")
	v0 := fs.Float64("v0", -65, "Izhikevich initial v (mV); u starts at b*v0")
	def := spiking.DefaultLIF()
	tauM := fs.Float64("tau-m", float64(def.TauM), "LIF membrane time constant (ms)")
	vRest := fs.Float64("v-rest", float64(def.VRest), "LIF resting potential E_L (mV)")
	vReset := fs.Float64("v-reset", float64(def.VReset), "LIF reset potential (mV)")
	vTh := fs.Float64("v-th", float64(def.VTh), "LIF threshold (mV)")
	tRef := fs.Float64("t-ref", float64(def.TRef), "LIF refractory period (ms)")
	r := fs.Float64("r", float64(def.R), "LIF input resistance (R*I is in mV)")
	reset := fs.String("reset", "hard", "LIF reset: hard or subtract")
	current := fs.Float64("current", 20, "input current from --onset on: LIF current (R*I in mV), Izhikevich in the paper's units, AdEx in pA")
	onset := fs.Float64("onset", 0, "time (ms) at which the current step starts")
	ms := fs.Float64("ms", 1000, "simulated time (ms)")
	dt := fs.Float64("dt", 0.1, "time step (ms)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	pngPath := fs.String("png", "", "write a PNG of the membrane trace and spikes to this file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if err := checkFiniteFlags(fs); err != nil {
		return err
	}
	if err := checkFloatFlagsWithin(fs, 1e7); err != nil {
		return err
	}
	if !(*dt > 0) || *dt > 100 {
		return usagef("--dt must be in (0, 100] ms, got %v", *dt)
	}
	if !(*ms > 0) || *ms/(*dt) > 2e7 {
		return usagef("--ms must be > 0 and at most 2e7 steps of --dt, got %v ms at dt %v", *ms, *dt)
	}
	res := neuronResult{Model: strings.ToLower(*model), Params: map[string]float64{}, Current: *current, DtMs: *dt, DurationMs: *ms}
	var pop spiking.Population
	var err error
	peak := math.NaN()
	switch res.Model {
	case "lif":
		p := spiking.LIFParams{TauM: float32(*tauM), VRest: float32(*vRest), VReset: float32(*vReset), VTh: float32(*vTh),
			TRef: float32(*tRef), R: float32(*r)}
		switch *reset {
		case "hard":
		case "subtract":
			p.Reset = spiking.ResetSubtract
		default:
			return usagef("--reset must be hard or subtract, got %q", *reset)
		}
		if err := p.Validate(); err != nil {
			return usageError{err}
		}
		pop, err = spiking.NewLIF(1, 1, p, float32(*dt))
		res.Params = map[string]float64{"tau_m": *tauM, "v_rest": *vRest, "v_reset": *vReset, "v_th": *vTh, "t_ref": *tRef, "r": *r}
		res.CurrentUnit = "mV (R*I)"
		if p.Reset == spiking.ResetHard && *onset == 0 {
			ar := p.AnalyticRate(*current)
			res.AnalyticRateHz = &ar
		}
		peak = *vTh
	case "izhikevich", "izh":
		res.Model = "izhikevich"
		name := *preset
		if name == "" {
			name = "RS"
		}
		p, perr := spiking.IzhikevichPreset(name)
		if perr != nil {
			return usageError{perr}
		}
		res.Preset = strings.ToUpper(name)
		for flagName, dst := range map[string]*float32{"a": &p.A, "b": &p.B, "c": &p.C, "d": &p.D} {
			if set[flagName] {
				*dst = float32(map[string]float64{"a": *a, "b": *b, "c": *c, "d": *d}[flagName])
			}
		}
		if err := p.Validate(); err != nil {
			return usageError{err}
		}
		z, zerr := spiking.NewIzhikevich(1, 1, p, float32(*dt))
		if zerr != nil {
			return usageError{zerr}
		}
		z.ResetTo(float32(*v0))
		pop = z
		res.Params = map[string]float64{"a": float64(p.A), "b": float64(p.B), "c": float64(p.C), "d": float64(p.D), "v0": *v0, "v_peak": float64(p.VPeak)}
		res.CurrentUnit = "paper units"
		peak = float64(p.VPeak)
	case "adex":
		p, perr := spiking.AdExPreset(*preset)
		if perr != nil {
			return usageError{perr}
		}
		res.Preset = *preset
		pop, err = spiking.NewAdEx(1, 1, p, float32(*dt))
		res.Params = map[string]float64{"c_pf": float64(p.C), "g_l_ns": float64(p.GL), "e_l": float64(p.EL), "v_t": float64(p.VT),
			"delta_t": float64(p.DeltaT), "a_ns": float64(p.A), "tau_w": float64(p.TauW), "b_pa": float64(p.B), "v_r": float64(p.VR), "v_peak": float64(p.VPeak)}
		res.CurrentUnit = "pA"
		peak = float64(p.VPeak)
	default:
		return usagef("--model must be lif, izhikevich or adex, got %q", *model)
	}
	if err != nil {
		return usageError{err}
	}
	for _, f := range []string{"a", "b", "c", "d", "preset", "v0"} {
		if set[f] && res.Model == "lif" {
			return usagef("--%s applies to izhikevich/adex, not lif", f)
		}
	}
	if *pngPath != "" {
		if err := checkOutputFile("png", *pngPath); err != nil {
			return err
		}
	}

	steps := int(math.Round(*ms / *dt))
	in := tensor.New(1, 1)
	v := pop.State("v")
	var trace []float32
	if *pngPath != "" {
		trace = make([]float32, 0, steps)
	}
	res.SpikeTimesMs = []float64{}
	for k := range steps {
		t := float64(k) * *dt
		in.Data()[0] = 0
		if t >= *onset {
			in.Data()[0] = float32(*current)
		}
		s := pop.Step(in).Data()[0]
		if s != 0 {
			res.SpikeTimesMs = append(res.SpikeTimesMs, math.Round(float64(k+1)**dt*1e6)/1e6)
		}
		if trace != nil {
			trace = append(trace, v.Data()[0])
		}
	}
	res.NumSpikes = len(res.SpikeTimesMs)
	res.RateHz = float64(res.NumSpikes) / (*ms / 1000)
	if res.NumSpikes >= 2 {
		isi := make([]float64, res.NumSpikes-1)
		for i := range isi {
			isi[i] = res.SpikeTimesMs[i+1] - res.SpikeTimesMs[i]
		}
		res.MeanISIMs = spiking.Mean(isi)
		res.ISIRateHz = 1000 / res.MeanISIMs
		res.CVISI = spiking.CV(isi)
	}
	if *pngPath != "" {
		if err := neuronWritePNG(*pngPath, &res, trace, *dt, peak); err != nil {
			return err
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		return enc.Encode(res)
	}
	fmt.Fprintf(stdout, "model %s %s, current %g %s, %g ms at dt %g ms\n", res.Model, res.Preset, *current, res.CurrentUnit, *ms, *dt)
	fmt.Fprintf(stdout, "spikes %d, rate %.4g Hz (1/mean ISI %.4g Hz, CV %.3g)\n", res.NumSpikes, res.RateHz, res.ISIRateHz, res.CVISI)
	if res.AnalyticRateHz != nil {
		fmt.Fprintf(stdout, "analytic LIF rate %.4g Hz\n", *res.AnalyticRateHz)
	}
	return nil
}

// neuronWritePNG draws the membrane trace with the spikes marked and a
// raster strip (viz.NeuronFigure: labelled axes in ms and mV) and writes
// the PNG atomically. The LIF threshold (peak) is drawn as a dashed line;
// Izhikevich and AdEx have no fixed threshold, only a spike cut-off.
func neuronWritePNG(path string, res *neuronResult, v []float32, dt, peak float64) error {
	times := make([]float64, len(v))
	for i := range times {
		times[i] = float64(i+1) * dt
	}
	fig := viz.NeuronFigure{
		Title:    fmt.Sprintf("%s, I = %g %s", strings.TrimSpace(res.Model+" "+res.Preset), res.Current, res.CurrentUnit),
		TimeMs:   times,
		VmV:      viz.F64(v),
		SpikesMs: res.SpikeTimesMs,
	}
	if res.Model == "lif" && !math.IsNaN(peak) {
		fig.Threshold = &peak
	}
	img, err := fig.Render()
	if err != nil {
		return err
	}
	return viz.SavePNG(path, img)
}
