// Package retina models the primate retina as differentiable stages that
// keep their outputs as spatial maps: photoreceptors (cone excitations and
// Naka-Rushton light adaptation), horizontal-cell surround subtraction,
// ON and OFF bipolar cells built from differences of Gaussians, P (midget,
// colour-opponent) and M (parasol, transient) ganglion cells, and the
// retinotopic complex-log map from the retina onto the cortical sheet.
//
// The filter and geometry constructors (DoGKernel, LogPolar.Grid, the
// colour matrices) are plain tensor code and need no gradient tape; the
// stages that learn live next to them and record their work on an
// autodiff tape.
//
// Host-side constants (Gaussians, the sRGB curve, log-polar coordinates) are
// computed in float64 with the package's own exp and log, which use only
// IEEE +, -, *, / with every product rounded before it is added, and rounded
// once to float32: the same bits on every platform, since the standard
// library's Exp and Log have per-architecture assembly.
package retina
