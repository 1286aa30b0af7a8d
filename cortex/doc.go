// Package cortex models the primate visual cortex on top of package retina:
// V1 (a Gabor filter bank of simple and complex cells, double-opponent
// colour cells, divisive normalisation, spatiotemporal motion-energy
// filters), the ventral "what" pathway V1 -> V2 -> V4 -> an IT-like object
// classifier, and the dorsal "where" pathway V1 -> MT -> an MST-like head
// that reads out the direction and position of motion.
//
// One Config describes the whole system; System builds it, runs it on an
// autodiff tape and, when Config.KeepIntermediate is set, exposes every
// area's activations for probes.
//
// Filter constructors (GaborBank, MotionBank) are plain tensor code. Their
// float64 arithmetic uses the package's own exp and sin/cos (IEEE
// operations only, products rounded before they are added) and rounds once
// to float32, so initial weights have the same bits on every platform.
package cortex
