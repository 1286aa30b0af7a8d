//go:build !(gc && !purego) || !amd64

package spiking

const useAVX512 = false

func lifStepAVX512(v, ref, s, in []float32, k *lifConst) { panic("spiking: no AVX-512 kernel") }

func izhStepAVX512(v, u, s, in []float32, k *izhConst) { panic("spiking: no AVX-512 kernel") }

func setAVX512(bool) {}
