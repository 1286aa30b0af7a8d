package main

// The bad-invocation table: every command cortex registers is run as a
// real process over invocations that must fail, quickly and cleanly: exit
// status 2 for a usage error (1 is accepted only where the input exists but
// its content is broken), exactly one line on stderr that names the flag or
// the file, and never a Go panic or goroutine dump. Commands and their
// flags are discovered from "cortex help" and "cortex <cmd> -h", so a new
// command or flag is covered the day it is registered.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// cliDir is a temporary directory shared by the package's process tests;
// it holds the built binary and the fixtures.
var cliDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cortex-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cliDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	cliBinOnce sync.Once
	cliBinPath string
	cliBinErr  error
)

// cliBinary builds cmd/cortex once per test binary (only when a test
// needs it, so -run on other tests does not pay for it).
func cliBinary(t testing.TB) string {
	t.Helper()
	cliBinOnce.Do(func() {
		gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(gobin); err != nil {
			gobin = "go"
		}
		p := filepath.Join(cliDir, "cortex")
		cmd := exec.Command(gobin, "build", "-o", p, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			cliBinErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		cliBinPath = p
	})
	if cliBinErr != nil {
		t.Fatal(cliBinErr)
	}
	return cliBinPath
}

// cliProc is how one cortex process ended.
type cliProc struct {
	code           int // exit status; -1 when killed by a signal or the timeout
	stdout, stderr string
	timedOut       bool
	elapsed        time.Duration
}

// cliTimeout bounds one bad invocation. They must be rejected before any
// real work; a command that starts training instead is cut off here and
// reported.
const cliTimeout = 20 * time.Second

// cliRun runs the binary with args and waits for it.
func cliRun(t testing.TB, timeout time.Duration, args ...string) cliProc {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, cliBinary(t), args...)
	cmd.Dir = cliDir
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	err := cmd.Run()
	r := cliProc{stdout: so.String(), stderr: se.String(), elapsed: time.Since(start)}
	var ee *exec.ExitError
	switch {
	case err == nil:
		r.code = 0
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	default:
		t.Fatalf("cortex %s: %v", strings.Join(args, " "), err)
	}
	r.timedOut = ctx.Err() != nil
	return r
}

// cliFlag is one flag of a command as "-h" lists it.
type cliFlag struct {
	name string
	kind string // "" (bool), int, uint, float, string, duration, value
}

// cliLeaf is a runnable command: "train", or "bench train" for a command
// with subcommands.
type cliLeaf struct {
	path  []string
	flags []cliFlag
}

func (l cliLeaf) String() string { return strings.Join(l.path, " ") }

var cliFlagLine = regexp.MustCompile(`^  -([A-Za-z0-9][\w.-]*)(?: ([a-z]+))?(?:\t.*)?$`)

// cliParseFlags reads the flags out of a flag.PrintDefaults listing.
func cliParseFlags(help string) []cliFlag {
	var fl []cliFlag
	for _, line := range strings.Split(help, "\n") {
		if m := cliFlagLine.FindStringSubmatch(line); m != nil {
			fl = append(fl, cliFlag{name: m[1], kind: m[2]})
		}
	}
	return fl
}

// cliHelpCommands returns the command names "cortex help" lists.
func cliHelpCommands(t *testing.T) []string {
	r := cliRun(t, cliTimeout, "help")
	if r.code != 0 {
		t.Fatalf("cortex help: exit %d, stderr %q", r.code, r.stderr)
	}
	out := r.stdout + r.stderr
	_, list, ok := strings.Cut(out, "commands:\n")
	if !ok {
		t.Fatalf("cortex help lists no commands:\n%s", out)
	}
	var names []string
	for _, line := range strings.Split(list, "\n") {
		if f := strings.Fields(line); len(f) > 0 && strings.HasPrefix(line, "  ") {
			names = append(names, f[0])
		}
	}
	return names
}

// cliDiscoverLeaves finds every runnable command below path: a command whose
// "-h" prints "usage of cortex <path>:" is a leaf; otherwise every word of
// its help that, given as a subcommand, prints such a usage, is one of its
// subcommands.
func cliDiscoverLeaves(t *testing.T, path []string, depth int) []cliLeaf {
	r := cliRun(t, cliTimeout, append(slices.Clone(path), "-h")...)
	help := r.stdout + r.stderr
	if strings.HasPrefix(help, "usage of cortex "+strings.Join(path, " ")+":") {
		if r.code != 0 {
			t.Errorf("cortex %s -h: exit %d", strings.Join(path, " "), r.code)
		}
		return []cliLeaf{{path: path, flags: cliParseFlags(help)}}
	}
	if depth == 0 {
		t.Errorf("cortex %s -h: neither a flag list nor subcommands:\n%s", strings.Join(path, " "), help)
		return nil
	}
	var leaves []cliLeaf
	seen := map[string]bool{}
	for _, w := range regexp.MustCompile(`[a-z][a-z0-9-]*`).FindAllString(help, -1) {
		if seen[w] || w == "cortex" || w == "usage" || slices.Contains(path, w) {
			continue
		}
		seen[w] = true
		sub := append(slices.Clone(path), w)
		r := cliRun(t, cliTimeout, append(slices.Clone(sub), "-h")...)
		if strings.HasPrefix(r.stdout+r.stderr, "usage of cortex "+strings.Join(sub, " ")+":") {
			leaves = append(leaves, cliDiscoverLeaves(t, sub, depth-1)...)
		}
	}
	if len(leaves) == 0 {
		t.Errorf("cortex %s: no subcommand found in its help:\n%s", strings.Join(path, " "), help)
	}
	return leaves
}

// cliDiscover returns every leaf command, checking that "cortex help" and
// the registries agree.
func cliDiscover(t *testing.T) []cliLeaf {
	names := cliHelpCommands(t)
	var registered []string
	for n := range commands {
		registered = append(registered, n)
	}
	sort.Strings(registered)
	if !slices.Equal(names, registered) {
		t.Errorf("cortex help lists %v, the registry holds %v", names, registered)
	}
	var leaves []cliLeaf
	for _, n := range names {
		leaves = append(leaves, cliDiscoverLeaves(t, []string{n}, 2)...)
	}
	var benchLeaves []string
	for _, l := range leaves {
		if len(l.path) == 2 && l.path[0] == "bench" {
			benchLeaves = append(benchLeaves, l.path[1])
		}
	}
	var registeredBenches []string
	for n := range benches {
		registeredBenches = append(registeredBenches, n)
	}
	sort.Strings(benchLeaves)
	sort.Strings(registeredBenches)
	if !slices.Equal(benchLeaves, registeredBenches) {
		t.Errorf("cortex bench -h leads to %v, the registry holds %v", benchLeaves, registeredBenches)
	}
	return leaves
}

// cliCase is one invocation that must fail.
type cliCase struct {
	name  string
	args  []string
	codes []int    // acceptable exit statuses
	want  []string // fragments the error line must contain (compared by cliNorm)
	// ignoredOK accepts exit status 0 when stdout shows no NaN or Inf: a
	// non-finite value given to a flag the chosen mode does not use.
	ignoredOK bool
	// helpOK allows a multi-line stderr (cortex with no command prints the
	// command list).
	helpOK bool
}

var (
	cliUsage    = []int{2}
	cliBadInput = []int{1, 2} // the input exists but is broken
)

// cliNorm folds case and drops the separators that differ between a flag
// ("tau-m"), its Go field ("TauM") and its message ("tau_m").
func cliNorm(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer("-", "", "_", "", " ", "", ".", "").Replace(s)
}

// cliLeafBase returns the arguments that make a leaf's run tiny, so that a
// case whose bad value is wrongly accepted ends in seconds instead of
// training for minutes; the bad flag is appended after them (the last
// value of a repeated flag wins). flag is the flag under test, for
// leaves where the base would conflict with it. ok is false for a leaf
// this table does not know yet: only cases that fail in flag parsing are
// run on it.
func cliLeafBase(fx *cliFixtures, leaf, flag string) (base []string, ok bool) {
	switch leaf {
	case "train":
		return []string{"--dataset", "mnist", "--mnist-dir", fx.mnist, "--epochs", "1", "--batch", "8",
			"--train-size", "16", "--test-size", "8", "--out", filepath.Join(cliDir, "train-out")}, true
	case "eval":
		return []string{"--checkpoint", fx.ckpt, "--mnist-dir", fx.mnist, "--test-size", "8"}, true
	case "tuning":
		if flag == "checkpoint" {
			return []string{"--units", "1", "--directions", "4", "--repeats", "1"}, true
		}
		return []string{"--untrained", "--units", "1", "--directions", "4", "--repeats", "1"}, true
	case "neuron":
		return []string{"--ms", "5"}, true
	case "stdp":
		return []string{"--range", "2"}, true
	case "stdp-mnist":
		return []string{"--mnist", fx.mnist, "--neurons", "2", "--train", "2", "--label", "2", "--test", "2"}, true
	case "data info":
		return []string{"--dir", fx.mnist, "--split", "test"}, true
	case "data moving":
		return []string{"--dir", fx.mnist, "--n", "1"}, true
	case "bench spiking":
		return []string{"--neurons", "64", "--models", "lif", "--time", "1ms"}, true
	case "bench train":
		return []string{"--batch", "2", "--steps", "1", "--warmup", "0"}, true
	case "bench gemm", "bench conv":
		return []string{"--reps", "1"}, true
	case "viz":
		b := []string{"--config", "mnist", "--input", "mnist:0", "--mnist-dir", fx.mnist, "--out", filepath.Join(cliDir, "viz-out"), "--max-maps", "1"}
		if flag == "checkpoint" {
			return b, true
		}
		return append([]string{"--untrained"}, b...), true
	case "metrics":
		b := []string{"--config", "mnist", "--mnist-dir", fx.mnist, "--batch", "2", "--runs", "1", "--probe-train", "0", "--probe-test", "8"}
		if flag == "checkpoint" {
			return b, true
		}
		return append([]string{"--untrained"}, b...), true
	}
	return nil, false
}

// cliBadValue is a value of a named flag that must be rejected.
type cliBadValue struct {
	val   string
	codes []int
	want  []string // besides the flag name, unless noFlagName
	// noFlagName: the error names the file instead of the flag.
	noFlagName bool
}

// cliCurated are bad values of flags by name, beyond the generic ones
// every flag of a kind gets: zero sizes, unknown enum values, missing and
// broken files, unwritable outputs.
func cliCurated(fx *cliFixtures) map[string][]cliBadValue {
	bogus := []cliBadValue{{val: "bogus", codes: cliUsage}, {val: "", codes: cliUsage}}
	zero := []cliBadValue{{val: "0", codes: cliUsage}}
	proc := "/proc/cortex-test-output"
	unwritable := func(leafName string) []cliBadValue {
		return []cliBadValue{
			{val: filepath.Join(fx.file, leafName), codes: cliUsage, want: []string{fx.file}, noFlagName: true},
			{val: proc + "/" + leafName, codes: cliUsage, want: []string{"/proc"}, noFlagName: true},
		}
	}
	var ckpt []cliBadValue
	ckpt = append(ckpt,
		cliBadValue{val: fx.missing, codes: cliUsage, want: []string{fx.missing}, noFlagName: true},
		cliBadValue{val: fx.dir, codes: cliBadInput, want: []string{fx.dir}, noFlagName: true})
	for _, b := range fx.badCkpt {
		ckpt = append(ckpt, cliBadValue{val: b.path, codes: cliBadInput, want: []string{b.file, b.want}, noFlagName: true})
	}
	var mnistDir []cliBadValue
	mnistDir = append(mnistDir,
		cliBadValue{val: fx.missing, codes: cliUsage, want: []string{fx.missing}, noFlagName: true},
		cliBadValue{val: fx.file, codes: cliBadInput, want: []string{fx.file}, noFlagName: true})
	for _, b := range fx.badMNIST {
		mnistDir = append(mnistDir, cliBadValue{val: b.path, codes: cliBadInput, want: []string{b.file, b.want}, noFlagName: true})
	}
	input := []cliBadValue{
		{val: fx.missing, codes: cliUsage, want: []string{fx.missing}, noFlagName: true},
		{val: "", codes: cliUsage},
		{val: "mnist:-1", codes: cliUsage},
		{val: "mnist:x", codes: cliUsage},
		{val: "mnist:1000000", codes: cliUsage}, // the fake test set has 8 digits
		{val: "moving:-2", codes: cliUsage},
		{val: fx.dir, codes: cliBadInput, want: []string{fx.dir}, noFlagName: true},
	}
	for _, b := range fx.badImages {
		input = append(input, cliBadValue{val: b.path, codes: cliBadInput, want: []string{b.file, b.want}, noFlagName: true})
	}
	return map[string][]cliBadValue{
		"input":    input,
		"max-maps": zero,
		"grid":     zero,
		"runs":     zero,
		"ridge":    {{val: "-1", codes: cliUsage}},
		// sizes
		"batch":      {{val: "0", codes: cliUsage}, {val: "100000000", codes: cliUsage}},
		"epochs":     {{val: "1000000", codes: cliUsage}},
		"steps":      zero,
		"frames":     zero,
		"size":       zero,
		"directions": {{val: "0", codes: cliUsage}, {val: "3", codes: cliUsage}},
		"label":      zero,
		"neurons":    {{val: "0", codes: cliUsage}, {val: "abc", codes: cliUsage}},
		"train-size": {{val: "4", codes: cliUsage}}, // smaller than one batch of 8
		"threads":    {{val: "100000", codes: cliUsage}},
		"speeds":     {{val: "x", codes: cliUsage}, {val: "", codes: cliUsage}, {val: "0", codes: cliUsage}},
		"models":     bogus,
		// physical quantities
		"dt":        zero,
		"ms":        zero,
		"tau-m":     zero,
		"tau-plus":  zero,
		"tau-minus": zero,
		"step":      zero,
		"time":      {{val: "0s", codes: cliUsage}},
		"range":     {{val: "-1", codes: cliUsage}},
		"lr":        {{val: "-1", codes: cliUsage}, {val: "10", codes: cliUsage}},
		"contrast":  zero,
		"sf":        {{val: "0.5", codes: cliUsage}},
		"w-min":     {{val: "2", codes: cliUsage}}, // above w-max
		"w0":        {{val: "5", codes: cliUsage}}, // outside [w-min, w-max]
		// enums
		"dataset":  bogus,
		"model":    bogus,
		"reset":    bogus,
		"preset":   {{val: "bogus", codes: cliUsage}},
		"protocol": bogus,
		"split":    bogus,
		"area":     bogus,
		"stimulus": bogus,
		"config":   {{val: "bogus", codes: cliUsage}},
		// files
		"checkpoint": ckpt,
		"mnist-dir":  mnistDir,
		"dir":        mnistDir,
		"mnist":      mnistDir,
		"out":        unwritable("out"),
		"png":        unwritable("plot.png"),
	}
}

// cliGenericCases are the cases every leaf gets from its flag list alone.
func cliGenericCases(leaf cliLeaf, base []string, known bool) []cliCase {
	with := func(extra ...string) []string {
		return append(append(slices.Clone(leaf.path), base...), extra...)
	}
	cs := []cliCase{
		{name: "unknown-flag", args: with("--no-such-flag"), codes: cliUsage, want: []string{"no-such-flag"}},
		{name: "unknown-flag-value", args: with("--no-such-flag=3"), codes: cliUsage, want: []string{"no-such-flag"}},
		{name: "stray-argument", args: with("stray-argument"), codes: cliUsage, want: []string{"stray-argument"}},
	}
	for _, f := range leaf.flags {
		add := func(val string, codes []int, ignoredOK bool) {
			cs = append(cs, cliCase{name: f.name + "=" + val, args: with("--" + f.name + "=" + val),
				codes: codes, want: []string{f.name}, ignoredOK: ignoredOK})
		}
		if f.kind != "" {
			cs = append(cs, cliCase{name: f.name + "-without-value", args: with("--" + f.name),
				codes: cliUsage, want: []string{f.name}})
		}
		switch f.kind {
		case "":
			add("maybe", cliUsage, false)
		case "int":
			add("abc", cliUsage, false)
			add("1.5", cliUsage, false)
			add("99999999999999999999", cliUsage, false)
			if known {
				add("-1", cliUsage, false) // every int flag of cortex is a count or a size
			}
		case "uint":
			add("abc", cliUsage, false)
			add("-1", cliUsage, false)
		case "float":
			add("abc", cliUsage, false)
			add("1e999", cliUsage, false)
			if known {
				add("NaN", cliUsage, true)
				add("Inf", cliUsage, true)
				add("-Inf", cliUsage, true)
			}
		case "duration":
			add("abc", cliUsage, false)
			if known {
				add("-1s", cliUsage, false)
			}
		}
	}
	return cs
}

// cliCases builds the whole table.
func cliCases(t *testing.T, fx *cliFixtures, leaves []cliLeaf) []cliCase {
	cases := []cliCase{
		{name: "no-command", args: nil, codes: cliUsage, helpOK: true},
		{name: "unknown-command", args: []string{"no-such-command"}, codes: cliUsage, want: []string{"no-such-command"}},
		{name: "unknown-command-flag", args: []string{"--batch", "8"}, codes: cliUsage, want: []string{"batch"}},
	}
	groups := map[string]bool{}
	for _, l := range leaves {
		if len(l.path) > 1 {
			groups[l.path[0]] = true
		}
	}
	for g := range groups {
		cases = append(cases,
			cliCase{name: g + "/no-subcommand", args: []string{g}, codes: cliUsage},
			cliCase{name: g + "/unknown-subcommand", args: []string{g, "no-such-sub"}, codes: cliUsage, want: []string{"no-such-sub"}})
	}
	curated := cliCurated(fx)
	for _, l := range leaves {
		base, known := cliLeafBase(fx, l.String(), "")
		if !known {
			t.Logf("cortex %s: not in cliLeafBase; only flag-parsing cases run on it", l)
		}
		for _, c := range cliGenericCases(l, base, known) {
			c.name = l.String() + "/" + c.name
			cases = append(cases, c)
		}
		if !known {
			continue
		}
		for _, f := range l.flags {
			for _, bv := range curated[f.name] {
				b, _ := cliLeafBase(fx, l.String(), f.name)
				want := slices.Clone(bv.want)
				if !bv.noFlagName {
					want = append(want, f.name)
				}
				name := bv.val
				if strings.HasPrefix(name, fx.dir) {
					name = "fixture:" + filepath.Base(name)
				}
				cases = append(cases, cliCase{
					name:  l.String() + "/" + f.name + "=" + name,
					args:  append(append(slices.Clone(l.path), b...), "--"+f.name+"="+bv.val),
					codes: bv.codes, want: want,
				})
			}
		}
	}
	// Cases that need more than one flag.
	trainFlags, _ := cliLeafBase(fx, "train", "")
	trainBase := append([]string{"train"}, trainFlags...)
	cases = append(cases,
		cliCase{name: "eval/no-checkpoint", args: []string{"eval", "--mnist-dir", fx.mnist}, codes: cliUsage, want: []string{"checkpoint"}},
		cliCase{name: "tuning/neither-checkpoint-nor-untrained", args: []string{"tuning", "--units", "1"}, codes: cliUsage, want: []string{"checkpoint"}},
		cliCase{name: "tuning/checkpoint-and-untrained", args: []string{"tuning", "--untrained", "--checkpoint", fx.ckpt}, codes: cliUsage, want: []string{"checkpoint"}},
		cliCase{name: "train/resume-without-checkpoint", args: append(slices.Clone(trainBase), "--resume", "--out", filepath.Join(fx.dir, "empty-out")),
			codes: cliUsage, want: []string{"resume"}},
	)
	// --resume from a broken checkpoint in --out.
	for _, b := range fx.badCkpt {
		out := filepath.Join(fx.dir, "resume-"+b.name)
		p := filepath.Join(out, trainCheckpointName)
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(b.path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, cliCase{name: "train/resume-from-" + b.name,
			args:  append(slices.Clone(trainBase), "--resume", "--out", out),
			codes: cliBadInput, want: []string{p, b.want}})
	}
	// --resume from a checkpoint of another run (batch 8, here 16).
	out := filepath.Join(fx.dir, "resume-other-options")
	if err := os.MkdirAll(out, 0o755); err == nil {
		raw, _ := os.ReadFile(fx.ckpt)
		os.WriteFile(filepath.Join(out, trainCheckpointName), raw, 0o644)
	}
	cases = append(cases, cliCase{name: "train/resume-other-options",
		args:  append(slices.Clone(trainBase), "--batch", "16", "--resume", "--out", out),
		codes: cliBadInput, want: []string{filepath.Join(out, trainCheckpointName)}})
	return cases
}

var cliNonFinite = regexp.MustCompile(`(?i)(^|[^a-z])[+-]?(nan|inf)([^a-z]|$)`)

// cliCheck reports how r breaks the rules for c, or "".
func cliCheck(c cliCase, r cliProc) string {
	if strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "goroutine ") {
		return "Go panic or goroutine dump on stderr"
	}
	if r.timedOut {
		return fmt.Sprintf("still running after %v: the bad value was not rejected before real work", cliTimeout)
	}
	if r.code == 0 && c.ignoredOK {
		if cliNonFinite.MatchString(r.stdout) {
			return "accepted a non-finite value and printed non-finite results (exit 0)"
		}
		return ""
	}
	if !slices.Contains(c.codes, r.code) {
		return fmt.Sprintf("exit status %d, want %v", r.code, c.codes)
	}
	msg := strings.TrimRight(r.stderr, "\n")
	if msg == "" {
		return "nothing on stderr"
	}
	if strings.Contains(msg, "\n") && !c.helpOK {
		return fmt.Sprintf("%d lines on stderr, want one", strings.Count(msg, "\n")+1)
	}
	if !strings.HasPrefix(msg, "cortex") && !c.helpOK {
		return "error line does not start with \"cortex\""
	}
	for _, w := range c.want {
		if !strings.Contains(cliNorm(msg), cliNorm(w)) {
			return fmt.Sprintf("error does not name %q", w)
		}
	}
	return ""
}

// TestCLIBadInvocations runs the whole table. Each result is logged (go
// test -v shows the error every bad input got).
func TestCLIBadInvocations(t *testing.T) {
	fx := cliSharedFixtures(t)
	leaves := cliDiscover(t)
	if len(leaves) == 0 {
		t.Fatal("no commands discovered")
	}
	var names []string
	for _, l := range leaves {
		names = append(names, l.String())
	}
	t.Logf("commands: %s", strings.Join(names, ", "))
	cases := cliCases(t, fx, leaves)
	t.Logf("%d bad invocations", len(cases))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := cliRun(t, cliTimeout, c.args...)
			line := strings.TrimRight(r.stderr, "\n")
			if i := strings.LastIndexByte(line, '\n'); i >= 0 && !c.helpOK {
				line = "... " + line[i+1:]
			}
			if why := cliCheck(c, r); why != "" {
				t.Errorf("cortex %s\n  exit %d in %v: %s\n  stderr: %s", cliQuote(c.args), r.code, r.elapsed.Round(time.Millisecond), why, r.stderr)
				return
			}
			t.Logf("exit %d: %s", r.code, cliFirstLine(line))
		})
	}
}

// TestCLIControl runs every known leaf with its base arguments alone and
// requires success: it proves the cases above fail because of their bad
// value and not because of a broken base. It does real but tiny work
// (about a second in all).
func TestCLIControl(t *testing.T) {
	fx := cliSharedFixtures(t)
	for _, l := range cliDiscover(t) {
		base, ok := cliLeafBase(fx, l.String(), "")
		if !ok {
			continue
		}
		t.Run(l.String(), func(t *testing.T) {
			if testing.Short() && l.path[0] == "bench" {
				t.Skip("benchmarks take seconds even at their smallest; skipped in -short")
			}
			r := cliRun(t, 5*time.Minute, append(slices.Clone(l.path), base...)...)
			if r.code != 0 || strings.Contains(r.stderr, "panic:") {
				t.Fatalf("cortex %s: exit %d\n%s", cliQuote(append(slices.Clone(l.path), base...)), r.code, r.stderr)
			}
		})
	}
}

func cliFirstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

func cliQuote(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\"'$\\") {
			q[i] = fmt.Sprintf("%q", a)
		} else {
			q[i] = a
		}
	}
	return strings.Join(q, " ")
}
