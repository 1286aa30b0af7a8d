//go:build gc && !purego

#include "textflag.h"

// func mulSignAddToNEON(dst, b, x []float32)
// 4 elements per iteration. FCMLT and FCMEQ against #0 (false for NaN,
// which keeps s = 1), FMUL and FADD are encoded by hand. VBIT Vm, Vn, Vd
// inserts Vn's bits into Vd where Vm's are 1.
TEXT ·mulSignAddToNEON(SB), NOSPLIT, $0-72
	MOVD  dst_base+0(FP), R0
	MOVD  b_base+24(FP), R1
	MOVD  x_base+48(FP), R2
	MOVD  x_len+56(FP), R3
	MOVD  R0, R4
	LSR   $2, R3, R3
	CBZ   R3, done
	FMOVS $(1.0), F30
	VDUP  V30.S[0], V30.S4
	FMOVS $(-1.0), F29
	VDUP  V29.S[0], V29.S4
	VEOR  V31.B16, V31.B16, V31.B16

loop:
	VLD1.P 16(R2), [V0.S4]
	VLD1.P 16(R1), [V6.S4]
	VLD1.P 16(R4), [V7.S4]
	WORD   $0x4ea0e801 // FCMLT V1.4S, V0.4S, #0  x < 0
	WORD   $0x4ea0d802 // FCMEQ V2.4S, V0.4S, #0  x == 0
	VORR   V30.B16, V30.B16, V5.B16
	VBIT   V1.B16, V29.B16, V5.B16
	VBIT   V2.B16, V31.B16, V5.B16 // s
	WORD   $0x6e25dcc6 // FMUL V6.4S, V6.4S, V5.4S  b*s
	WORD   $0x4e26d4e7 // FADD V7.4S, V7.4S, V6.4S  dst + b*s
	VST1.P [V7.S4], 16(R0)
	SUBS   $1, R3, R3
	BNE    loop

done:
	RET
