//go:build !((amd64 || arm64) && gc && !purego)

package simd

func expTo(dst, x []float32)     { expToGeneric(dst, x) }
func logTo(dst, x []float32)     { logToGeneric(dst, x) }
func tanhTo(dst, x []float32)    { tanhToGeneric(dst, x) }
func sigmoidTo(dst, x []float32) { sigmoidToGeneric(dst, x) }

func softplusTo(dst, x []float32) { softplusToGeneric(dst, x) }
func erfTo(dst, x []float32)      { erfToGeneric(dst, x) }
