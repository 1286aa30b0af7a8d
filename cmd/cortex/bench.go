package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// benches holds the benchmarks of "cortex bench <name>"; each area adds
// its own from a cmd_bench_<name>.go file with registerBench.
var benches = map[string]func(args []string, stdout, stderr io.Writer) error{}

// registerBench adds the benchmark "cortex bench name".
func registerBench(name string, run func(args []string, stdout, stderr io.Writer) error) {
	if _, dup := benches[name]; dup {
		panic("cortex: benchmark registered twice: " + name)
	}
	benches[name] = run
}

func init() {
	register("bench", "benchmarks (cortex bench <name> [--json]); run \"cortex bench -h\" for the list", runBench)
}

func benchNames() string {
	names := make([]string, 0, len(benches))
	for n := range benches {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func runBench(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("missing benchmark name: want one of %s", benchNames())
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(stderr, "usage: cortex bench <name> [flags]\n\nbenchmarks: %s\n", benchNames())
		return flag.ErrHelp
	}
	run, ok := benches[args[0]]
	if !ok {
		return usagef("unknown benchmark %q: want one of %s", args[0], benchNames())
	}
	return run(args[1:], stdout, stderr)
}
