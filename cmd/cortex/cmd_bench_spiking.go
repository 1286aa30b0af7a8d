package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/neurocortex/neurocortex/spiking"
	"github.com/neurocortex/neurocortex/tensor"
)

func init() { registerBench("spiking", runBenchSpiking) }

type benchSpikingResult struct {
	Model       string  `json:"model"`
	Neurons     int     `json:"neurons"`
	Threads     int     `json:"threads"`
	Steps       int     `json:"steps"`
	Seconds     float64 `json:"seconds"`
	UpdatesPerS float64 `json:"updates_per_s"`
}

// runBenchSpiking times population updates: LIF and Izhikevich neurons
// (batch 1) driven by fixed random currents, dt = 0.1 ms (LIF) and
// 0.25 ms (Izhikevich).
func runBenchSpiking(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench spiking", stderr)
	sizes := fs.String("neurons", "100000,1000000", "comma-separated population sizes")
	models := fs.String("models", "lif,izhikevich", "comma-separated models: lif, izhikevich, adex")
	threads := fs.Int("threads", 0, "goroutines per step (0: GOMAXPROCS)")
	minTime := fs.Duration("time", time.Second, "minimum measured time per configuration")
	asJSON := fs.Bool("json", false, "print one JSON object per line")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *threads < 0 || *threads > 1024 {
		return usagef("--threads must be in [0, 1024], got %d", *threads)
	}
	if *minTime <= 0 || *minTime > time.Hour {
		return usagef("--time must be in (0, 1h], got %v", *minTime)
	}
	ns, err := benchSpikingSizes(*sizes)
	if err != nil {
		return err
	}
	th := *threads
	if th == 0 {
		th = runtime.GOMAXPROCS(0)
	}
	for _, m := range strings.Split(*models, ",") {
		m = strings.TrimSpace(m)
		for _, n := range ns {
			var pop spiking.Population
			var in *tensor.Tensor
			rng := tensor.NewRNG(1, 1)
			switch m {
			case "lif":
				l, _ := spiking.NewLIF(1, n, spiking.DefaultLIF(), 0.1)
				l.Threads = th
				pop, in = l, tensor.RandUniform(rng, 10, 30, 1, n)
			case "izhikevich":
				p, _ := spiking.IzhikevichPreset("RS")
				z, _ := spiking.NewIzhikevich(1, n, p, 0.25)
				z.Threads = th
				pop, in = z, tensor.RandUniform(rng, 0, 10, 1, n)
			case "adex":
				a, _ := spiking.NewAdEx(1, n, spiking.DefaultAdEx(), 0.05)
				a.Threads = th
				pop, in = a, tensor.RandUniform(rng, 0, 1000, 1, n)
			default:
				return usagef("--models: unknown model %q (want lif, izhikevich, adex)", m)
			}
			for range 10 { // warm up: pages touched, goroutines started
				pop.Step(in)
			}
			steps := 0
			start := time.Now()
			for time.Since(start) < *minTime {
				for range 20 {
					pop.Step(in)
				}
				steps += 20
			}
			sec := time.Since(start).Seconds()
			r := benchSpikingResult{Model: m, Neurons: n, Threads: th, Steps: steps, Seconds: sec,
				UpdatesPerS: float64(n) * float64(steps) / sec}
			if *asJSON {
				if err := json.NewEncoder(stdout).Encode(r); err != nil {
					return err
				}
				continue
			}
			fmt.Fprintf(stdout, "%-11s %9d neurons %2d threads %8d steps %7.3f s  %.3g updates/s\n", m, n, th, steps, sec, r.UpdatesPerS)
		}
	}
	return nil
}

// benchSpikingSizes parses a comma-separated list of population sizes.
func benchSpikingSizes(list string) ([]int, error) {
	var ns []int
	for _, s := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 || n > 1<<27 {
			return nil, usagef("--neurons: bad size %q (want integers in [1, 2^27])", s)
		}
		ns = append(ns, n)
	}
	return ns, nil
}
