//go:build gc && !purego

#include "textflag.h"

// Elementwise kernels on 16 elements (four registers) per iteration; the
// lengths are multiples of 16 (see vec_arm64.go). The Go assembler lacks
// the vector FADD, FSUB, FMUL and FCMLT, so they are encoded by hand (the
// comment gives the instruction; go tool objdump decodes them back).

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

// func addToNEON(dst, a, b []float32)
TEXT ·addToNEON(SB), NOSPLIT, $0-72
	MOVD dst_base+0(FP), R0
	MOVD a_base+24(FP), R1
	MOVD a_len+32(FP), R2
	MOVD b_base+48(FP), R3
	LSR  $4, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R3), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD  $0x4e24d400 // FADD V0.4S, V0.4S, V4.4S
	WORD  $0x4e25d421 // FADD V1.4S, V1.4S, V5.4S
	WORD  $0x4e26d442 // FADD V2.4S, V2.4S, V6.4S
	WORD  $0x4e27d463 // FADD V3.4S, V3.4S, V7.4S
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func subToNEON(dst, a, b []float32)
TEXT ·subToNEON(SB), NOSPLIT, $0-72
	MOVD dst_base+0(FP), R0
	MOVD a_base+24(FP), R1
	MOVD a_len+32(FP), R2
	MOVD b_base+48(FP), R3
	LSR  $4, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R3), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD  $0x4ea4d400 // FSUB V0.4S, V0.4S, V4.4S
	WORD  $0x4ea5d421 // FSUB V1.4S, V1.4S, V5.4S
	WORD  $0x4ea6d442 // FSUB V2.4S, V2.4S, V6.4S
	WORD  $0x4ea7d463 // FSUB V3.4S, V3.4S, V7.4S
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func mulToNEON(dst, a, b []float32)
TEXT ·mulToNEON(SB), NOSPLIT, $0-72
	MOVD dst_base+0(FP), R0
	MOVD a_base+24(FP), R1
	MOVD a_len+32(FP), R2
	MOVD b_base+48(FP), R3
	LSR  $4, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R3), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD  $0x6e24dc00 // FMUL V0.4S, V0.4S, V4.4S
	WORD  $0x6e25dc21 // FMUL V1.4S, V1.4S, V5.4S
	WORD  $0x6e26dc42 // FMUL V2.4S, V2.4S, V6.4S
	WORD  $0x6e27dc63 // FMUL V3.4S, V3.4S, V7.4S
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func scaleNEON(alpha float32, x []float32)
TEXT ·scaleNEON(SB), NOSPLIT, $0-32
	FMOVS alpha+0(FP), F31
	VDUP  V31.S[0], V31.S4
	MOVD  x_base+8(FP), R1
	MOVD  x_len+16(FP), R2
	MOVD  R1, R0
	LSR   $4, R2, R2
	CBZ   R2, done

loop:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	WORD  $0x6e3fdc00 // FMUL V0.4S, V0.4S, V31.4S
	WORD  $0x6e3fdc21 // FMUL V1.4S, V1.4S, V31.4S
	WORD  $0x6e3fdc42 // FMUL V2.4S, V2.4S, V31.4S
	WORD  $0x6e3fdc63 // FMUL V3.4S, V3.4S, V31.4S
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func reluToNEON(dst, x []float32)
// FCMLT #0 is false for NaN and -0, which are kept, as in the generic twin.
TEXT ·reluToNEON(SB), NOSPLIT, $0-48
	MOVD dst_base+0(FP), R0
	MOVD x_base+24(FP), R1
	MOVD x_len+32(FP), R2
	VEOR V31.B16, V31.B16, V31.B16
	LSR  $4, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	WORD  $0x4ea0e804 // FCMLT V4.4S, V0.4S, #0  x < 0
	WORD  $0x4ea0e825 // FCMLT V5.4S, V1.4S, #0  x < 0
	WORD  $0x4ea0e846 // FCMLT V6.4S, V2.4S, #0  x < 0
	WORD  $0x4ea0e867 // FCMLT V7.4S, V3.4S, #0  x < 0
	VBIT   V4.B16, V31.B16, V0.B16
	VBIT   V5.B16, V31.B16, V1.B16
	VBIT   V6.B16, V31.B16, V2.B16
	VBIT   V7.B16, V31.B16, V3.B16
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func mulAddToNEON(dst, a, b []float32)
TEXT ·mulAddToNEON(SB), NOSPLIT, $0-72
	MOVD dst_base+0(FP), R0
	MOVD a_base+24(FP), R1
	MOVD a_len+32(FP), R2
	MOVD b_base+48(FP), R3
	MOVD R0, R4
	LSR  $4, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 64(R4), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	VLD1.P 64(R3), [V16.S4, V17.S4, V18.S4, V19.S4]
	VFMLA  V16.S4, V4.S4, V0.S4 // dst += a*b, one rounding
	VFMLA  V17.S4, V5.S4, V1.S4
	VFMLA  V18.S4, V6.S4, V2.S4
	VFMLA  V19.S4, V7.S4, V3.S4
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func scaleToNEON(dst, x []float32, alpha float32)
TEXT ·scaleToNEON(SB), NOSPLIT, $0-52
	FMOVS alpha+48(FP), F31
	VDUP  V31.S[0], V31.S4
	MOVD  dst_base+0(FP), R0
	MOVD  x_base+24(FP), R1
	MOVD  x_len+32(FP), R2
	LSR   $4, R2, R2
	CBZ   R2, done

loop:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	WORD  $0x6e3fdc00 // FMUL V0.4S, V0.4S, V31.4S
	WORD  $0x6e3fdc21 // FMUL V1.4S, V1.4S, V31.4S
	WORD  $0x6e3fdc42 // FMUL V2.4S, V2.4S, V31.4S
	WORD  $0x6e3fdc63 // FMUL V3.4S, V3.4S, V31.4S
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func addScalarToNEON(dst, x []float32, s float32)
TEXT ·addScalarToNEON(SB), NOSPLIT, $0-52
	FMOVS s+48(FP), F31
	VDUP  V31.S[0], V31.S4
	MOVD  dst_base+0(FP), R0
	MOVD  x_base+24(FP), R1
	MOVD  x_len+32(FP), R2
	LSR   $4, R2, R2
	CBZ   R2, done

loop:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	WORD  $0x4e3fd400 // FADD V0.4S, V0.4S, V31.4S
	WORD  $0x4e3fd421 // FADD V1.4S, V1.4S, V31.4S
	WORD  $0x4e3fd442 // FADD V2.4S, V2.4S, V31.4S
	WORD  $0x4e3fd463 // FADD V3.4S, V3.4S, V31.4S
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func divToNEON(dst, a, b []float32)
TEXT ·divToNEON(SB), NOSPLIT, $0-72
	MOVD dst_base+0(FP), R0
	MOVD a_base+24(FP), R1
	MOVD a_len+32(FP), R2
	MOVD b_base+48(FP), R3
	LSR  $4, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]
	VLD1.P 64(R3), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD  $0x6e24fc00 // FDIV V0.4S, V0.4S, V4.4S
	WORD  $0x6e25fc21 // FDIV V1.4S, V1.4S, V5.4S
	WORD  $0x6e26fc42 // FDIV V2.4S, V2.4S, V6.4S
	WORD  $0x6e27fc63 // FDIV V3.4S, V3.4S, V7.4S
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET
