//go:build gc && !purego

#include "textflag.h"

// func reluGradToNEON(dst, x, g []float32)
// 16 elements per iteration. FCMGT #0 is false for NaN, ±0 and negative x;
// the Go assembler lacks it, so it is encoded by hand.
TEXT ·reluGradToNEON(SB), NOSPLIT, $0-72
	MOVD dst_base+0(FP), R0
	MOVD x_base+24(FP), R1
	MOVD x_len+32(FP), R2
	MOVD g_base+48(FP), R3
	LSR  $4, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R3), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD  $0x4ea0c800 // FCMGT V0.4S, V0.4S, #0  x > 0
	WORD  $0x4ea0c821 // FCMGT V1.4S, V1.4S, #0  x > 0
	WORD  $0x4ea0c842 // FCMGT V2.4S, V2.4S, #0  x > 0
	WORD  $0x4ea0c863 // FCMGT V3.4S, V3.4S, #0  x > 0
	VAND  V4.B16, V0.B16, V0.B16
	VAND  V5.B16, V1.B16, V1.B16
	VAND  V6.B16, V2.B16, V2.B16
	VAND  V7.B16, V3.B16, V3.B16
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET
