//go:build gc && !purego

#include "textflag.h"

// Canonical reductions on whole blocks of 16 elements (see reduce_arm64.go):
// lanes 0-3 in V0, 4-7 in V1, 8-11 in V2, 12-15 in V3.
// The Go assembler has no vector FADD; it is encoded by hand:
// FADD Vd.4S, Vn.4S, Vm.4S = 0x4E20D400 | m<<16 | n<<5 | d.

// func sumBlocksNEON(acc *[16]float32, x []float32)
TEXT ·sumBlocksNEON(SB), NOSPLIT, $0-32
	MOVD acc+0(FP), R0
	MOVD x_base+8(FP), R1
	MOVD x_len+16(FP), R2
	VLD1 (R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	LSR  $4, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD   $0x4e24d400 // FADD V0.4S, V0.4S, V4.4S
	WORD   $0x4e25d421 // FADD V1.4S, V1.4S, V5.4S
	WORD   $0x4e26d442 // FADD V2.4S, V2.4S, V6.4S
	WORD   $0x4e27d463 // FADD V3.4S, V3.4S, V7.4S
	SUBS   $1, R2, R2
	BNE    loop

done:
	VST1 [V0.S4, V1.S4, V2.S4, V3.S4], (R0)
	RET

// func dotBlocksNEON(acc *[16]float32, x, y []float32)
TEXT ·dotBlocksNEON(SB), NOSPLIT, $0-56
	MOVD acc+0(FP), R0
	MOVD x_base+8(FP), R1
	MOVD x_len+16(FP), R2
	MOVD y_base+32(FP), R3
	VLD1 (R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	LSR  $4, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	VLD1.P 64(R3), [V8.S4, V9.S4, V10.S4, V11.S4]
	VFMLA  V8.S4, V4.S4, V0.S4 // V0 += V4*V8, one rounding
	VFMLA  V9.S4, V5.S4, V1.S4
	VFMLA  V10.S4, V6.S4, V2.S4
	VFMLA  V11.S4, V7.S4, V3.S4
	SUBS   $1, R2, R2
	BNE    loop

done:
	VST1 [V0.S4, V1.S4, V2.S4, V3.S4], (R0)
	RET
