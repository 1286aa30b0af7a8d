// Package spiking simulates populations of spiking neurons on tensors.
//
// A population holds the state of batch x n neurons as [batch, n] tensors
// and advances it by a fixed time step dt (milliseconds) per call to Step,
// which takes the input current for that step and returns the spikes it
// produced (1 where a neuron fired, 0 elsewhere). Three neuron models are
// provided: leaky integrate-and-fire with exact exponential integration
// (LIF), Izhikevich's simple model with the published presets and the
// twenty-behaviour table of Izhikevich (2004), and the adaptive exponential
// integrate-and-fire model of Brette & Gerstner (2005) (AdEx).
//
// Around the neurons: rate and latency encoders that turn intensities into
// spike trains, dense and sparse synapses with integer delays, monitors that
// record rasters and state traces, spike-train statistics, and surrogate
// gradients for training spiking layers through time.
//
// Units are milliseconds and millivolts throughout. Every update is a
// fixed sequence of float32 operations per neuron with no call into
// math.Exp and friends, so results are the same bits on every platform and
// for any number of threads: neurons are independent within a step, so
// splitting them across goroutines does not change the order of any
// arithmetic.
package spiking
