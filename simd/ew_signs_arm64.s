//go:build gc && !purego

#include "textflag.h"

// SplitSigns kernels (see ew_signs_arm64.go), 4 elements per iteration;
// len(x) is a multiple of 4. The Go assembler lacks the compares and FNEG,
// so they are encoded by hand. FNEG flips the sign bit, NaN too, like Go's
// -x. VBIF Vm, Vn, Vd inserts Vn's bits into Vd where Vm's are 0: x where
// x == x is false (NaN).

// func splitSignsNEON(on, off, x []float32)
TEXT ·splitSignsNEON(SB), NOSPLIT, $0-72
	MOVD on_base+0(FP), R0
	MOVD off_base+24(FP), R1
	MOVD x_base+48(FP), R2
	MOVD x_len+56(FP), R3
	LSR  $2, R3, R3
	CBZ  R3, done

loop:
	VLD1.P 16(R2), [V0.S4]
	WORD   $0x4ea0c801 // FCMGT V1.4S, V0.4S, #0  x > 0
	WORD   $0x4ea0e802 // FCMLT V2.4S, V0.4S, #0  x < 0
	WORD   $0x4e20e403 // FCMEQ V3.4S, V0.4S, V0.4S  x == x
	WORD   $0x6ea0f804 // FNEG V4.4S, V0.4S
	VAND   V0.B16, V1.B16, V1.B16
	VAND   V4.B16, V2.B16, V2.B16
	VBIF   V3.B16, V0.B16, V1.B16
	VBIF   V3.B16, V0.B16, V2.B16
	VST1.P [V1.S4], 16(R0)
	VST1.P [V2.S4], 16(R1)
	SUBS   $1, R3, R3
	BNE    loop

done:
	RET

// func splitSignsGradNEON(dst, x, gon, goff []float32)
TEXT ·splitSignsGradNEON(SB), NOSPLIT, $0-96
	MOVD dst_base+0(FP), R0
	MOVD x_base+24(FP), R1
	MOVD x_len+32(FP), R3
	MOVD gon_base+48(FP), R4
	MOVD goff_base+72(FP), R5
	LSR  $2, R3, R3
	CBZ  R3, done

loop:
	VLD1.P 16(R1), [V0.S4]
	VLD1.P 16(R4), [V5.S4]
	VLD1.P 16(R5), [V6.S4]
	WORD   $0x4ea0c801 // FCMGT V1.4S, V0.4S, #0  x > 0
	WORD   $0x4ea0e802 // FCMLT V2.4S, V0.4S, #0  x < 0
	WORD   $0x4e20e403 // FCMEQ V3.4S, V0.4S, V0.4S  x == x
	WORD   $0x6ea0f8c6 // FNEG V6.4S, V6.4S
	VAND   V5.B16, V1.B16, V1.B16
	VAND   V6.B16, V2.B16, V2.B16
	VORR   V2.B16, V1.B16, V1.B16
	VBIF   V3.B16, V0.B16, V1.B16
	VST1.P [V1.S4], 16(R0)
	SUBS   $1, R3, R3
	BNE    loop

done:
	RET
