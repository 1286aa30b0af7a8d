//go:build gc && !purego

#include "textflag.h"

// func axpyNEON(alpha float32, x, y []float32)
TEXT ·axpyNEON(SB), NOSPLIT, $0-56
	FMOVS alpha+0(FP), F31
	VDUP  V31.S[0], V31.S4
	MOVD  x_base+8(FP), R1
	MOVD  x_len+16(FP), R2
	MOVD  y_base+32(FP), R3
	MOVD  R3, R4
	LSR   $4, R2, R2
	CBZ   R2, done

loop:
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	VLD1.P 64(R3), [V0.S4, V1.S4, V2.S4, V3.S4]
	VFMLA  V31.S4, V4.S4, V0.S4 // y += x*alpha, one rounding
	VFMLA  V31.S4, V5.S4, V1.S4
	VFMLA  V31.S4, V6.S4, V2.S4
	VFMLA  V31.S4, V7.S4, V3.S4
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R4)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET
