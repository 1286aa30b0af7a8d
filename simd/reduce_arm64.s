//go:build gc && !purego

#include "textflag.h"

// Canonical reductions on whole blocks of 16 elements (see reduce_arm64.go):
// lanes 0-3 in V0, 4-7 in V1, 8-11 in V2, 12-15 in V3.
// The Go assembler has no vector FADD, FCMGT or FCMEQ; they are encoded by
// hand (the comment gives the instruction; go tool objdump decodes them
// back), e.g. FADD Vd.4S, Vn.4S, Vm.4S = 0x4E20D400 | m<<16 | n<<5 | d.

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

// func maxBlocksNEON(acc *[16]float32, x []float32) (nan bool)
// acc = (v > acc) ? v : acc lane by lane (FCMGT and a bit select: FMAX
// would propagate NaN and prefer +0 to -0); V8 keeps all ones while no
// NaN was seen.
TEXT ·maxBlocksNEON(SB), NOSPLIT, $0-33
	MOVD  acc+0(FP), R0
	MOVD  x_base+8(FP), R1
	MOVD  x_len+16(FP), R2
	VLD1  (R0), [V0.S4, V1.S4, V2.S4, V3.S4]
	VMOVI $0xff, V8.B16
	LSR   $4, R2, R2
	CBZ   R2, done

loop:
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD  $0x6ea0e48c // FCMGT V12.4S, V4.4S, V0.4S  v > acc
	WORD  $0x6ea1e4ad // FCMGT V13.4S, V5.4S, V1.4S  v > acc
	WORD  $0x6ea2e4ce // FCMGT V14.4S, V6.4S, V2.4S  v > acc
	WORD  $0x6ea3e4ef // FCMGT V15.4S, V7.4S, V3.4S  v > acc
	VBIT   V12.B16, V4.B16, V0.B16 // acc = v where v > acc
	VBIT   V13.B16, V5.B16, V1.B16 // acc = v where v > acc
	VBIT   V14.B16, V6.B16, V2.B16 // acc = v where v > acc
	VBIT   V15.B16, V7.B16, V3.B16 // acc = v where v > acc
	WORD  $0x4e24e48c // FCMEQ V12.4S, V4.4S, V4.4S  v == v: not NaN
	WORD  $0x4e25e4ad // FCMEQ V13.4S, V5.4S, V5.4S  v == v: not NaN
	WORD  $0x4e26e4ce // FCMEQ V14.4S, V6.4S, V6.4S  v == v: not NaN
	WORD  $0x4e27e4ef // FCMEQ V15.4S, V7.4S, V7.4S  v == v: not NaN
	VAND   V12.B16, V8.B16, V8.B16
	VAND   V13.B16, V8.B16, V8.B16
	VAND   V14.B16, V8.B16, V8.B16
	VAND   V15.B16, V8.B16, V8.B16
	SUBS   $1, R2, R2
	BNE    loop

done:
	VST1 [V0.S4, V1.S4, V2.S4, V3.S4], (R0)
	VMOV V8.D[0], R4
	VMOV V8.D[1], R5
	AND  R4, R5, R6
	CMN  $1, R6 // all ones?
	CSET NE, R7
	MOVB R7, nan+32(FP)
	RET
