// Command cortex trains, evaluates, probes and benchmarks the neurocortex
// model of the primate visual system.
//
// Usage:
//
//	cortex <command> [flags]
//
// Run "cortex help" for the list of commands and "cortex <command> -h" for
// the flags of one.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"syscall"
)

// command is one subcommand of cortex. run parses its own flags from args
// and writes results to stdout, progress and diagnostics to stderr.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{}

// register adds a subcommand; each lives in its own cmd_*.go file.
func register(name, summary string, run func(args []string, stdout, stderr io.Writer) error) {
	if _, dup := commands[name]; dup {
		panic("cortex: command registered twice: " + name)
	}
	commands[name] = command{name, summary, run}
}

// usageError marks an error caused by the invocation (bad flag, impossible
// value, missing file): cortex prints it on one line and exits with status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// helpOut remembers where each flag set prints its defaults for -h.
var helpOut = map[*flag.FlagSet]io.Writer{}

// newFlagSet returns a flag set that reports errors instead of exiting, so
// every bad invocation ends in one line on stderr and exit status 2; the
// flag list is printed only when -h asks for it.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("cortex "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	helpOut[fs] = stderr
	return fs
}

// parseFlags parses args into fs and rejects stray positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			if w := helpOut[fs]; w != nil {
				fmt.Fprintf(w, "usage of %s:\n", fs.Name())
				fs.SetOutput(w)
				fs.PrintDefaults()
			}
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "cortex: unknown command %q (run \"cortex help\")\n", args[0])
		return 2
	}
	err := cmd.run(args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)) || isInvocationIOError(err):
		fmt.Fprintf(stderr, "cortex %s: %v\n", cmd.name, err)
		return 2
	default:
		fmt.Fprintf(stderr, "cortex %s: %v\n", cmd.name, err)
		return 1
	}
}

// isInvocationIOError reports whether err comes from a path the user named
// that cannot be used: a missing file, a folder that cannot be written, a
// path through a regular file. Those are mistakes of the invocation, like a
// bad flag, and exit with status 2.
func isInvocationIOError(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) ||
		errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EISDIR)
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "usage: cortex <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
}
