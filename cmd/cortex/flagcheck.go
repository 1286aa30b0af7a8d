package main

import (
	"flag"
	"math"
)

// checkFiniteFlags rejects a NaN or an infinity given to any float flag of
// fs. strconv accepts "NaN", "Inf" and "-Inf", but no quantity of cortex
// is meaningful as one, and a NaN slips through every range check written
// as a comparison.
func checkFiniteFlags(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if !ok || err != nil {
			return
		}
		if x, ok := g.Get().(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
			err = usagef("--%s must be a finite number, got %v", f.Name, x)
		}
	})
	return err
}

// checkRange returns a usage error unless lo <= x <= hi.
func checkRange(name string, x, lo, hi float64) error {
	if !(x >= lo && x <= hi) {
		return usagef("--%s must be in [%g, %g], got %v", name, lo, hi, x)
	}
	return nil
}

// checkPositive returns a usage error unless 0 < x <= hi.
func checkPositive(name string, x, hi float64) error {
	if !(x > 0 && x <= hi) {
		return usagef("--%s must be in (0, %g], got %v", name, hi, x)
	}
	return nil
}

// checkFloatFlagsWithin rejects a value of magnitude above limit given to
// any float flag of fs: for commands whose quantities all have a
// physiological scale, and which compute in float32, where 1e300 would
// become an infinity.
func checkFloatFlagsWithin(fs *flag.FlagSet, limit float64) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if !ok || err != nil {
			return
		}
		if x, ok := g.Get().(float64); ok && !(math.Abs(x) <= limit) {
			err = usagef("--%s must be within ±%g, got %v", f.Name, limit, x)
		}
	})
	return err
}
