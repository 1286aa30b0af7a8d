// Package probe measures a visual model the way physiologists measure
// neurons: it draws the classic stimuli (drifting and static sinusoidal
// gratings, moving bars, random-dot kinematograms, spots and annuli),
// records the responses of any set of units through a plain function, and
// turns them into tuning curves and the usual indices: preferred
// orientation, direction, speed and spatial frequency, orientation and
// direction selectivity, bandwidth (half-width at half-height), the
// contrast response with its Naka-Rushton fit, and size tuning with
// surround suppression.
//
// It also reads out what an area's features encode (a linear probe: a ridge
// classifier on the features, for digit class or motion direction) and
// summarises activations and gradients for debugging (mean, std, min, max,
// fraction of zeros, NaN/Inf counts, the first layer that went non-finite).
//
// Conventions: pixel (row r, column c) of an H x W frame sits at
// x = c - (W-1)/2, y = (H-1)/2 - r, so x points right and y up; angles are
// in degrees, counter-clockwise from the rightward x axis. A grating's
// orientation is the direction of its wave vector (normal to the stripes),
// as for cortex.GaborSpec.Theta, and a drifting grating moves along that
// direction; directions of motion follow data.MovingMNIST (0 is rightward,
// 90 upward). Luminance is in [0, 1] around a mean of 0.5.
//
// The analysis works in float64 and is independent of the model: a
// Responder is any func(stimuli) (responses, error), so the same code
// measures a hand-made Gabor unit in a test and any area of a trained
// cortex.System.
package probe
