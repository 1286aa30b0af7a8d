// Package tensor provides a dense, row-major, contiguous float32 N-d array
// with seeded random constructors.
//
// A Tensor always owns a contiguous block of its data slice; views made by
// Reshape and RowView share that block with their parent. Storage that its
// owner declares dead (Release) is recycled by later New, Empty and Clone
// calls, sparing a training loop fresh allocations every step (pool.go).
// Misuse (wrong lengths, incompatible shapes, out-of-range indices) panics
// with a message that names the operation and the shapes involved, in the
// style of gonum.
// Nothing here broadcasts implicitly: broadcasting lives in package ops.
package tensor
