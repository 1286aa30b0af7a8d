package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestCheckFiniteFlags(t *testing.T) {
	for _, v := range []string{"NaN", "Inf", "-Inf", "+inf"} {
		fs := newFlagSet("test", &bytes.Buffer{})
		fs.Float64("rate", 1, "")
		fs.Int("n", 1, "")
		if err := parseFlags(fs, []string{"--n", "3", "--rate", v}); err != nil {
			t.Fatal(err)
		}
		err := checkFiniteFlags(fs)
		if err == nil || !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), "--rate") {
			t.Errorf("--rate %s: %v", v, err)
		}
	}
	fs := newFlagSet("test", &bytes.Buffer{})
	fs.Float64("rate", 1, "")
	if err := parseFlags(fs, []string{"--rate", "-1e300"}); err != nil || checkFiniteFlags(fs) != nil {
		t.Errorf("a finite value was refused: %v", err)
	}
}

// Every impossible STDP window parameter is refused with an error naming
// its flag.
func TestSTDPWindowFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		flag string
	}{
		{[]string{"--w0", "5"}, "w0"},
		{[]string{"--w0", "-0.5"}, "w0"},
		{[]string{"--w-min", "2"}, "w-min"},
		{[]string{"--w-max", "1e9"}, "w-max"},
		{[]string{"--tau-plus", "0"}, "tau-plus"},
		{[]string{"--tau-minus", "-3"}, "tau-minus"},
		{[]string{"--a-plus", "-1"}, "a-plus"},
		{[]string{"--a-minus", "1e40"}, "a-minus"},
		{[]string{"--dt", "0"}, "dt"},
		{[]string{"--dt", "Inf"}, "dt"},
		{[]string{"--step", "NaN"}, "step"},
		{[]string{"--range", "-1"}, "range"},
		{[]string{"--w0", "NaN"}, "w0"},
	} {
		var out, errb bytes.Buffer
		code := run(append([]string{"stdp", "--range", "2"}, c.args...), &out, &errb)
		if code != 2 || !strings.Contains(errb.String(), "--"+c.flag+" ") || out.Len() != 0 {
			t.Errorf("stdp %v: exit %d, stderr %q", c.args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"stdp", "--range", "2", "--w-min", "-1", "--w0", "-0.5"}, &out, &errb); code != 0 {
		t.Errorf("a valid window was refused: %s", errb.String())
	}
}

func TestCheckFloatFlagsWithin(t *testing.T) {
	for _, c := range []struct {
		val string
		ok  bool
	}{{"1e7", true}, {"-1e7", true}, {"1.5e7", false}, {"-1e300", false}, {"NaN", false}} {
		fs := newFlagSet("test", &bytes.Buffer{})
		fs.Float64("current", 1, "")
		if err := parseFlags(fs, []string{"--current", c.val}); err != nil {
			t.Fatal(err)
		}
		err := checkFloatFlagsWithin(fs, 1e7)
		if (err == nil) != c.ok || err != nil && !strings.Contains(err.Error(), "--current") {
			t.Errorf("--current %s: %v", c.val, err)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"neuron", "--ms", "5", "--current", "1e300"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "--current") {
		t.Errorf("neuron --current 1e300: exit %d, %q", code, errb.String())
	}
}
