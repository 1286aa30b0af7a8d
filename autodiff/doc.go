// Package autodiff is a small reverse-mode automatic differentiation engine
// over package tensor, with the operations of package ops as its primitives.
//
// A Tape records operations in the order they run: each method of *Tape
// computes its forward result with package ops and, when an input requires
// a gradient, appends one node holding the vector-Jacobian product next to
// the forward call. Backward sweeps the nodes in reverse record order, so the
// order in which gradients are summed is fixed by construction and the same
// program gives the same bits every time.
//
// Leaves are made with Param (trainable, its Grad accumulates across
// Backward calls until zeroed, as in PyTorch) and Const. NoGrad returns a
// tape that records nothing: the same methods run forward only, which makes
// inference on shared read-only parameters safe from many goroutines (one
// NoGrad tape per goroutine).
//
// Debugging aids: every gradient's shape is checked before it is
// accumulated and a mismatch names the op; with Tape.CheckFinite set, the
// first op whose output (or, in Backward, whose input gradient) holds a NaN
// or an Inf is reported as an error, named by its index, its op name and
// the label given with Tape.Scope. GradCheck compares a tape's gradients
// with central differences. Setting Tape.Profile to NewProfile() measures
// forward and backward time and the bytes produced per top-level scope
// (the areas of a model, when it labels them with Scope).
package autodiff
