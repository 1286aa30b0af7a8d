//go:build gc && !purego

#include "textflag.h"

// Elementwise kernels on 16 elements (four registers) per iteration; the
// lengths are multiples of 16 (see vec_arm64.go). The Go assembler lacks
// the vector FADD, FSUB, FMUL, FDIV, FABS and FCMLT, so they are encoded
// by hand (go tool objdump decodes them back): the opcodes below take the
// destination in bits 0-4, the first operand in bits 5-9 and the second
// in bits 16-20.
#define FADD4S 0x4e20d400
#define FSUB4S 0x4ea0d400
#define FMUL4S 0x6e20dc00
#define FDIV4S 0x6e20fc00
#define FABS4S 0x4ea0f800

// BINARY4S sets, for R2 blocks of 16, V0-V3 (from R1) to V0-V3 OP V4-V7
// (from R3) and stores them at R0: OP Vi.4S, Vi.4S, V(i+4).4S.
#define BINARY4S(OP) \
	CBZ    R2, done; \
	\
loop: \
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]; \
	VLD1.P 64(R3), [V4.S4, V5.S4, V6.S4, V7.S4]; \
	WORD   $(OP|4<<16|0<<5|0); \
	WORD   $(OP|5<<16|1<<5|1); \
	WORD   $(OP|6<<16|2<<5|2); \
	WORD   $(OP|7<<16|3<<5|3); \
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0); \
	SUBS   $1, R2, R2; \
	BNE    loop; \
	\
done: \
	RET

// SCALAR4S is BINARY4S with the scalar in every lane of V31 as the second
// operand: OP Vi.4S, Vi.4S, V31.4S.
#define SCALAR4S(OP) \
	VDUP   V31.S[0], V31.S4; \
	CBZ    R2, done; \
	\
loop: \
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]; \
	WORD   $(OP|31<<16|0<<5|0); \
	WORD   $(OP|31<<16|1<<5|1); \
	WORD   $(OP|31<<16|2<<5|2); \
	WORD   $(OP|31<<16|3<<5|3); \
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0); \
	SUBS   $1, R2, R2; \
	BNE    loop; \
	\
done: \
	RET

// UNARY4S sets, for R2 blocks of 16, V0-V3 (from R1) to OP of themselves
// and stores them at R0: OP Vi.4S, Vi.4S.
#define UNARY4S(OP) \
	CBZ    R2, done; \
	\
loop: \
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4]; \
	WORD   $(OP|0<<5|0); \
	WORD   $(OP|1<<5|1); \
	WORD   $(OP|2<<5|2); \
	WORD   $(OP|3<<5|3); \
	VST1.P [V0.S4, V1.S4, V2.S4, V3.S4], 64(R0); \
	SUBS   $1, R2, R2; \
	BNE    loop; \
	\
done: \
	RET

// TWOSLICES loads dst (R0), a (R1), a's length in blocks of 16 (R2) and b
// (R3) from the frame of func(dst, a, b []float32).
#define TWOSLICES \
	MOVD dst_base+0(FP), R0; \
	MOVD a_base+24(FP), R1; \
	MOVD a_len+32(FP), R2; \
	MOVD b_base+48(FP), R3; \
	LSR  $4, R2, R2

// ONESLICE loads dst (R0), x (R1) and x's length in blocks of 16 (R2) from
// the frame of func(dst, x []float32, NAME float32), and NAME into F31.
#define ONESLICE(NAME) \
	MOVD  dst_base+0(FP), R0; \
	MOVD  x_base+24(FP), R1; \
	MOVD  x_len+32(FP), R2; \
	FMOVS NAME+48(FP), F31; \
	LSR   $4, R2, R2

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
	TWOSLICES
	BINARY4S(FADD4S)

// func subToNEON(dst, a, b []float32)
TEXT ·subToNEON(SB), NOSPLIT, $0-72
	TWOSLICES
	BINARY4S(FSUB4S)

// func mulToNEON(dst, a, b []float32)
TEXT ·mulToNEON(SB), NOSPLIT, $0-72
	TWOSLICES
	BINARY4S(FMUL4S)

// func divToNEON(dst, a, b []float32)
TEXT ·divToNEON(SB), NOSPLIT, $0-72
	TWOSLICES
	BINARY4S(FDIV4S)

// func absToNEON(dst, x []float32)
TEXT ·absToNEON(SB), NOSPLIT, $0-48
	MOVD dst_base+0(FP), R0
	MOVD x_base+24(FP), R1
	MOVD x_len+32(FP), R2
	LSR  $4, R2, R2
	UNARY4S(FABS4S)

// func scaleNEON(alpha float32, x []float32)
TEXT ·scaleNEON(SB), NOSPLIT, $0-32
	FMOVS alpha+0(FP), F31
	MOVD  x_base+8(FP), R1
	MOVD  x_len+16(FP), R2
	MOVD  R1, R0
	LSR   $4, R2, R2
	SCALAR4S(FMUL4S)

// func scaleToNEON(dst, x []float32, alpha float32)
TEXT ·scaleToNEON(SB), NOSPLIT, $0-52
	ONESLICE(alpha)
	SCALAR4S(FMUL4S)

// func addScalarToNEON(dst, x []float32, s float32)
TEXT ·addScalarToNEON(SB), NOSPLIT, $0-52
	ONESLICE(s)
	SCALAR4S(FADD4S)

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
