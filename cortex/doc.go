// Package cortex models the primate visual cortex on top of package retina:
// V1 (a Gabor filter bank of simple and complex cells, double-opponent
// colour cells, divisive normalisation, spatiotemporal motion-energy
// filters), the ventral "what" pathway V1 -> V2 -> V4 -> an IT-like object
// classifier, and the dorsal "where" pathway V1 -> MT -> an MST-like head
// that reads out the direction and position of motion.
//
// # Architecture
//
// One Config describes the whole system; New builds it and Forward runs it
// on an autodiff tape, end to end differentiable:
//
//   - Retina (package retina). Cones (L, M, S through the sRGB and
//     Hunt-Pointer-Estevez matrices) or one luminance channel adapt with
//     Naka-Rushton photoreceptors (learnable half-saturation and exponent;
//     seeded photon noise in training). Horizontal cells subtract a local
//     mean. Bipolar cells are true differences of Gaussians built on the
//     tape from learnable widths and surround gain (0.55 by default), ON and
//     OFF. Midget (P) ganglion cells are small, sustained and, for colour,
//     cone-opponent (L-M, S-(L+M)); parasol (M) cells are large and
//     transient (the change between frames). Optional Bernoulli spikes with
//     a straight-through gradient.
//   - Retina to V1. The last frame's midget and parasol maps reach V1
//     directly, through the Schwartz complex-log map w = k log(z + a)
//     (Config.LogPolar, bilinear grid sampling, so the fovea is magnified as
//     k/(E+a)), and/or through a foveal window (Config.FoveaSize) centred by
//     a saccade to the centroid of the light.
//   - V1. A convolution initialised with a Gabor bank (orientations x
//     frequencies x quadrature phases; learnable or frozen): simple cells
//     are its rectified responses of both signs, complex cells the
//     amplitudes of its quadrature pairs; with colour input the bank also
//     reads the opponent channels (double-opponent cells); all divided by
//     the pooled activity of their neighbourhood.
//   - Ventral pathway. V2 and V4 are learned 3x3 convolutional stages with
//     batch normalisation and pooling; the IT-like head reads the object
//     class from V4 averaged over space.
//   - Dorsal pathway (sequences). Spatiotemporal motion-energy filters
//     (Adelson-Bergen quadrature pairs for each direction and speed) on the
//     parasol maps of all frames; MT pools them over space into direction-
//     and speed-selective maps; the MST-like head reads the direction (8
//     classes) from MT averaged over space and the position of the moving
//     object as the centre of mass of a learned MT saliency map.
//
// Inputs are [N, C, H, W] images or [N, T, C, H, W] sequences; a wrong
// shape is an error that names the dimension. With Config.KeepIntermediate
// the Output holds every area's activations for probes; off, nothing is
// kept. FrontEnd, VentralForward and Dorsal.Forward run the stages one by
// one.
//
// # Training
//
// Trainer trains a System on a Task (MNISTTask: static digits;
// MovingTask: moving-MNIST what + where) with AdamW and a warm-up + cosine
// schedule. A step is a pure function of the state and (seed, epoch,
// step), so a run resumed from a checkpoint (nn's safetensors, written
// atomically every epoch and on interruption) ends with the same bits as an
// uninterrupted one. Evaluate measures a system on a task's test set.
//
// # Reproducibility
//
// Filter constructors (GaborBank, MotionBank) compute in float64 with the
// package's own exp and sin/cos (IEEE operations only, products rounded
// before they are added) and round once to float32, so initial weights
// have the same bits on every platform; the forward pass of the whole
// system is pinned bit for bit by testdata/forward.golden.
package cortex
