// Package ops holds the tensor operations of neurocortex, forward and
// backward as plain functions on *tensor.Tensor: no graph, no state.
//
// Each forward function returns a new tensor; its backward function sits
// next to it and returns the gradients of the inputs given the gradient of
// the output (broadcast inputs get their gradients summed back to their
// shapes). The autodiff package wires these pairs into a tape.
//
// Every op follows a documented order of float32 operations, so the same
// inputs give the same bits for any GOMAXPROCS and on every platform.
// Matrix products and convolutions run on the blas GEMM driver; see its
// package comment for the canonical GEMM order. Low-level calls panic on
// programmer error (mismatched shapes, bad parameters) with a message that
// names the op and the shapes involved, as gonum does.
package ops
