//go:build gc && !purego

#include "textflag.h"

// The NEON depthwise kernels take the interior of a plane, where every tap
// reads inside the input: no lane needs a mask (NEON has no masked loads),
// and dwconv_arm64.go runs the edges through the generic twin.

// func depthwiseConvNEON(y, x *float32, off int, offs *int, w *float32, ntaps, cols, rows, ldy, ldx int, bias float32)
//
// Per row: 16 columns at a time (V0-V3) while they last, then 4 (V0);
// per tap its input at R16 (V4-V7) and its weight in every lane of V31,
// acc = fma(w, in, acc) by VFMLA. R9 the column in bytes, R10 cols*4,
// R11 and R12 walk offs and w, R13 the taps left, V30 the bias.
TEXT ·depthwiseConvNEON(SB), NOSPLIT, $0-84
	MOVD  y+0(FP), R0
	MOVD  x+8(FP), R1
	MOVD  off+16(FP), R5
	ADD   R5<<2, R1, R1
	MOVD  offs+24(FP), R2
	MOVD  w+32(FP), R3
	MOVD  ntaps+40(FP), R4
	MOVD  cols+48(FP), R10
	MOVD  rows+56(FP), R6
	MOVD  ldy+64(FP), R7
	MOVD  ldx+72(FP), R8
	FMOVS bias+80(FP), F30
	VDUP  V30.S[0], V30.S4
	LSL   $2, R10, R10
	LSL   $2, R7, R7
	LSL   $2, R8, R8

row:
	MOVD $0, R9

col16:
	ADD  $64, R9, R14
	CMP  R10, R14
	BGT  col4
	VORR V30.B16, V30.B16, V0.B16
	VORR V30.B16, V30.B16, V1.B16
	VORR V30.B16, V30.B16, V2.B16
	VORR V30.B16, V30.B16, V3.B16
	MOVD R2, R11
	MOVD R3, R12
	MOVD R4, R13
	ADD  R9, R1, R15

tap16:
	MOVD.P   8(R11), R16
	ADD      R16<<2, R15, R16
	VLD1R.P  4(R12), [V31.S4]
	VLD1     (R16), [V4.S4, V5.S4, V6.S4, V7.S4]
	VFMLA    V31.S4, V4.S4, V0.S4
	VFMLA    V31.S4, V5.S4, V1.S4
	VFMLA    V31.S4, V6.S4, V2.S4
	VFMLA    V31.S4, V7.S4, V3.S4
	SUBS     $1, R13, R13
	BNE      tap16
	ADD      R9, R0, R17
	VST1     [V0.S4, V1.S4, V2.S4, V3.S4], (R17)
	MOVD     R14, R9
	B        col16

col4:
	ADD  $16, R9, R14
	CMP  R10, R14
	BGT  rownext
	VORR V30.B16, V30.B16, V0.B16
	MOVD R2, R11
	MOVD R3, R12
	MOVD R4, R13
	ADD  R9, R1, R15

tap4:
	MOVD.P   8(R11), R16
	ADD      R16<<2, R15, R16
	VLD1R.P  4(R12), [V31.S4]
	VLD1     (R16), [V4.S4]
	VFMLA    V31.S4, V4.S4, V0.S4
	SUBS     $1, R13, R13
	BNE      tap4
	ADD      R9, R0, R17
	VST1     [V0.S4], (R17)
	MOVD     R14, R9
	B        col4

rownext:
	ADD  R7, R0, R0
	ADD  R8, R1, R1
	SUBS $1, R6, R6
	BNE  row
	RET

// func depthwiseDotNEON(acc *float32, n int, gy *float32, ldg int, x *float32, ldx int, rows int)
//
// acc[j] = fma(gy[r*ldg+j], x[r*ldx+j], acc[j]) for r < rows in order,
// j < n, n one of 4, 8, 12 and 16: the lanes in V0-V3, the gradient's in
// V4-V7, the input's in V16-V19.
TEXT ·depthwiseDotNEON(SB), NOSPLIT, $0-56
	MOVD acc+0(FP), R0
	MOVD n+8(FP), R1
	MOVD gy+16(FP), R2
	MOVD ldg+24(FP), R3
	MOVD x+32(FP), R4
	MOVD ldx+40(FP), R5
	MOVD rows+48(FP), R6
	LSL  $2, R3, R3
	LSL  $2, R5, R5
	CMP  $16, R1
	BEQ  dot16
	CMP  $12, R1
	BEQ  dot12
	CMP  $8, R1
	BEQ  dot8

dot4:
	VLD1 (R0), [V0.S4]

dot4loop:
	VLD1 (R2), [V4.S4]
	VLD1 (R4), [V16.S4]
	VFMLA V16.S4, V4.S4, V0.S4
	ADD  R3, R2, R2
	ADD  R5, R4, R4
	SUBS $1, R6, R6
	BNE  dot4loop
	VST1 [V0.S4], (R0)
	RET

dot16:
	VLD1 (R0), [V0.S4, V1.S4, V2.S4, V3.S4]

dot16loop:
	VLD1 (R2), [V4.S4, V5.S4, V6.S4, V7.S4]
	VLD1 (R4), [V16.S4, V17.S4, V18.S4, V19.S4]
	VFMLA V16.S4, V4.S4, V0.S4
	VFMLA V17.S4, V5.S4, V1.S4
	VFMLA V18.S4, V6.S4, V2.S4
	VFMLA V19.S4, V7.S4, V3.S4
	ADD  R3, R2, R2
	ADD  R5, R4, R4
	SUBS $1, R6, R6
	BNE  dot16loop
	VST1 [V0.S4, V1.S4, V2.S4, V3.S4], (R0)
	RET

dot12:
	VLD1 (R0), [V0.S4, V1.S4, V2.S4]

dot12loop:
	VLD1 (R2), [V4.S4, V5.S4, V6.S4]
	VLD1 (R4), [V16.S4, V17.S4, V18.S4]
	VFMLA V16.S4, V4.S4, V0.S4
	VFMLA V17.S4, V5.S4, V1.S4
	VFMLA V18.S4, V6.S4, V2.S4
	ADD  R3, R2, R2
	ADD  R5, R4, R4
	SUBS $1, R6, R6
	BNE  dot12loop
	VST1 [V0.S4, V1.S4, V2.S4], (R0)
	RET

dot8:
	VLD1 (R0), [V0.S4, V1.S4]

dot8loop:
	VLD1 (R2), [V4.S4, V5.S4]
	VLD1 (R4), [V16.S4, V17.S4]
	VFMLA V16.S4, V4.S4, V0.S4
	VFMLA V17.S4, V5.S4, V1.S4
	ADD  R3, R2, R2
	ADD  R5, R4, R4
	SUBS $1, R6, R6
	BNE  dot8loop
	VST1 [V0.S4, V1.S4], (R0)
	RET
