// Package nn builds trainable networks on package autodiff: layers that
// own named parameters (Linear, Conv2d, BatchNorm, LayerNorm, Dropout,
// activations, pooling, Sequential), initialisers drawing from an explicit
// generator, losses, optimisers (SGD, Adam, AdamW) with learning-rate
// schedules and gradient clipping, and checkpoints in the safetensors
// format.
//
// Parameter names are dotted paths fixed at construction ("conv1.weight");
// a layer built with name "conv1" owns "conv1.weight" and "conv1.bias".
// Checkpoints store parameters and buffers (BatchNorm running statistics)
// under those names, with the optimiser's state and free-form metadata, so
// that training resumes with the same bits.
//
// Every update is written in an explicit float32 order (products rounded
// before they are added, square roots correctly rounded), so a training run
// gives the same bits on every platform and thread count, given
// deterministic ops.
package nn
