// Package reliability holds the project's robustness tests: every file
// reader fed truncated, oversized, wrong-magic, wrong-dtype, NaN-filled
// and zero-length inputs (each error must name the file and the problem);
// fuzzers for the readers and constructors that have none of their own;
// many concurrent inference calls on one shared model checked bit for bit
// against the single-threaded result; and training that meets a NaN or an
// Inf, which must stop with an error naming the step and the first layer
// while keeping the last good checkpoint.
//
// The package has no API: it is tests only, kept apart from the packages
// under test so that it exercises them exactly as a user would, through
// their public functions. The command-line side of the same checks (bad
// invocations of every cortex command, signals and kill -9 during
// training) lives in cmd/cortex/cli_test.go and cmd/cortex/fault_test.go.
package reliability
