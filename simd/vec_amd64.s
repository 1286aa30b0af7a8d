//go:build gc && !purego

#include "textflag.h"

// Elementwise kernels; every slice length is a multiple of the vector
// width (see vec_amd64.go). Four vectors per iteration, then one at a time.
// dst may equal an input: each vector is loaded before it is stored.

// ONESLICE loads dst (DI), x (SI) and x's length in bytes (CX) from the
// frame of func(dst, x []float32, NAME float32), and NAME into every lane
// of V.
#define ONESLICE(NAME, V) \
	VBROADCASTSS NAME+48(FP), V; \
	MOVQ         dst_base+0(FP), DI; \
	MOVQ         x_base+24(FP), SI; \
	MOVQ         x_len+32(FP), CX; \
	SHLQ         $2, CX

// BINARY applies OP (dst = a OP b) with vectors of W bytes in registers R0-R3.
#define BINARY(OP, W, R0, R1, R2, R3) \
	MOVQ dst_base+0(FP), DI; \
	MOVQ a_base+24(FP), SI; \
	MOVQ a_len+32(FP), CX; \
	MOVQ b_base+48(FP), DX; \
	SHLQ $2, CX; \
	\
loop4: \
	CMPQ    CX, $(4*W); \
	JLT     loop1; \
	VMOVUPS (SI), R0; \
	VMOVUPS W(SI), R1; \
	VMOVUPS (2*W)(SI), R2; \
	VMOVUPS (3*W)(SI), R3; \
	OP      (DX), R0, R0; \
	OP      W(DX), R1, R1; \
	OP      (2*W)(DX), R2, R2; \
	OP      (3*W)(DX), R3, R3; \
	VMOVUPS R0, (DI); \
	VMOVUPS R1, W(DI); \
	VMOVUPS R2, (2*W)(DI); \
	VMOVUPS R3, (3*W)(DI); \
	ADDQ    $(4*W), SI; \
	ADDQ    $(4*W), DX; \
	ADDQ    $(4*W), DI; \
	SUBQ    $(4*W), CX; \
	JMP     loop4; \
	\
loop1: \
	TESTQ   CX, CX; \
	JEQ     done; \
	VMOVUPS (SI), R0; \
	OP      (DX), R0, R0; \
	VMOVUPS R0, (DI); \
	ADDQ    $W, SI; \
	ADDQ    $W, DX; \
	ADDQ    $W, DI; \
	SUBQ    $W, CX; \
	JMP     loop1; \
	\
done: \
	VZEROUPPER; \
	RET

// MULADD sets dst = fma(a, b, dst) with vectors of W bytes in R0-R7
// (R0-R3 dst, R4-R7 a).
#define MULADD(W, R0, R1, R2, R3, R4, R5, R6, R7) \
	MOVQ dst_base+0(FP), DI; \
	MOVQ a_base+24(FP), SI; \
	MOVQ a_len+32(FP), CX; \
	MOVQ b_base+48(FP), DX; \
	SHLQ $2, CX; \
	\
loop4: \
	CMPQ        CX, $(4*W); \
	JLT         loop1; \
	VMOVUPS     (DI), R0; \
	VMOVUPS     W(DI), R1; \
	VMOVUPS     (2*W)(DI), R2; \
	VMOVUPS     (3*W)(DI), R3; \
	VMOVUPS     (SI), R4; \
	VMOVUPS     W(SI), R5; \
	VMOVUPS     (2*W)(SI), R6; \
	VMOVUPS     (3*W)(SI), R7; \
	VFMADD231PS (DX), R4, R0; \
	VFMADD231PS W(DX), R5, R1; \
	VFMADD231PS (2*W)(DX), R6, R2; \
	VFMADD231PS (3*W)(DX), R7, R3; \
	VMOVUPS     R0, (DI); \
	VMOVUPS     R1, W(DI); \
	VMOVUPS     R2, (2*W)(DI); \
	VMOVUPS     R3, (3*W)(DI); \
	ADDQ        $(4*W), SI; \
	ADDQ        $(4*W), DX; \
	ADDQ        $(4*W), DI; \
	SUBQ        $(4*W), CX; \
	JMP         loop4; \
	\
loop1: \
	TESTQ       CX, CX; \
	JEQ         done; \
	VMOVUPS     (DI), R0; \
	VMOVUPS     (SI), R4; \
	VFMADD231PS (DX), R4, R0; \
	VMOVUPS     R0, (DI); \
	ADDQ        $W, SI; \
	ADDQ        $W, DX; \
	ADDQ        $W, DI; \
	SUBQ        $W, CX; \
	JMP         loop1; \
	\
done: \
	VZEROUPPER; \
	RET

// func mulAddToAVX512(dst, a, b []float32)
TEXT ·mulAddToAVX512(SB), NOSPLIT, $0-72
	MULADD(64, Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7)

// func mulAddToAVX2(dst, a, b []float32)
TEXT ·mulAddToAVX2(SB), NOSPLIT, $0-72
	MULADD(32, Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7)

// func addToAVX512(dst, a, b []float32)
TEXT ·addToAVX512(SB), NOSPLIT, $0-72
	BINARY(VADDPS, 64, Z0, Z1, Z2, Z3)

// func addToAVX2(dst, a, b []float32)
TEXT ·addToAVX2(SB), NOSPLIT, $0-72
	BINARY(VADDPS, 32, Y0, Y1, Y2, Y3)

// func divToAVX512(dst, a, b []float32)
TEXT ·divToAVX512(SB), NOSPLIT, $0-72
	BINARY(VDIVPS, 64, Z0, Z1, Z2, Z3)

// func divToAVX2(dst, a, b []float32)
TEXT ·divToAVX2(SB), NOSPLIT, $0-72
	BINARY(VDIVPS, 32, Y0, Y1, Y2, Y3)

// func subToAVX512(dst, a, b []float32)
TEXT ·subToAVX512(SB), NOSPLIT, $0-72
	BINARY(VSUBPS, 64, Z0, Z1, Z2, Z3)

// func subToAVX2(dst, a, b []float32)
TEXT ·subToAVX2(SB), NOSPLIT, $0-72
	BINARY(VSUBPS, 32, Y0, Y1, Y2, Y3)

// func mulToAVX512(dst, a, b []float32)
TEXT ·mulToAVX512(SB), NOSPLIT, $0-72
	BINARY(VMULPS, 64, Z0, Z1, Z2, Z3)

// func mulToAVX2(dst, a, b []float32)
TEXT ·mulToAVX2(SB), NOSPLIT, $0-72
	BINARY(VMULPS, 32, Y0, Y1, Y2, Y3)

// AXPY: y = fma(A, x, y) with x in SI, y in DI, CX bytes.
#define AXPY(W, A, R0, R1, R2, R3) \
loop4: \
	CMPQ        CX, $(4*W); \
	JLT         loop1; \
	VMOVUPS     (DI), R0; \
	VMOVUPS     W(DI), R1; \
	VMOVUPS     (2*W)(DI), R2; \
	VMOVUPS     (3*W)(DI), R3; \
	VFMADD231PS (SI), A, R0; \
	VFMADD231PS W(SI), A, R1; \
	VFMADD231PS (2*W)(SI), A, R2; \
	VFMADD231PS (3*W)(SI), A, R3; \
	VMOVUPS     R0, (DI); \
	VMOVUPS     R1, W(DI); \
	VMOVUPS     R2, (2*W)(DI); \
	VMOVUPS     R3, (3*W)(DI); \
	ADDQ        $(4*W), SI; \
	ADDQ        $(4*W), DI; \
	SUBQ        $(4*W), CX; \
	JMP         loop4; \
	\
loop1: \
	TESTQ       CX, CX; \
	JEQ         done; \
	VMOVUPS     (DI), R0; \
	VFMADD231PS (SI), A, R0; \
	VMOVUPS     R0, (DI); \
	ADDQ        $W, SI; \
	ADDQ        $W, DI; \
	SUBQ        $W, CX; \
	JMP         loop1; \
	\
done: \
	VZEROUPPER; \
	RET

// MAP: dst = OP(src, A) for OP in {VMULPS x, A (x*A); VMAXPS x, A (A > x ? A : x)}
// with src in SI, dst in DI, CX bytes.
#define MAP(OP, W, A, R0, R1, R2, R3) \
loop4: \
	CMPQ    CX, $(4*W); \
	JLT     loop1; \
	OP      (SI), A, R0; \
	OP      W(SI), A, R1; \
	OP      (2*W)(SI), A, R2; \
	OP      (3*W)(SI), A, R3; \
	VMOVUPS R0, (DI); \
	VMOVUPS R1, W(DI); \
	VMOVUPS R2, (2*W)(DI); \
	VMOVUPS R3, (3*W)(DI); \
	ADDQ    $(4*W), SI; \
	ADDQ    $(4*W), DI; \
	SUBQ    $(4*W), CX; \
	JMP     loop4; \
	\
loop1: \
	TESTQ   CX, CX; \
	JEQ     done; \
	OP      (SI), A, R0; \
	VMOVUPS R0, (DI); \
	ADDQ    $W, SI; \
	ADDQ    $W, DI; \
	SUBQ    $W, CX; \
	JMP     loop1; \
	\
done: \
	VZEROUPPER; \
	RET

// func axpyAVX512(alpha float32, x, y []float32)
TEXT ·axpyAVX512(SB), NOSPLIT, $0-56
	VBROADCASTSS alpha+0(FP), Z4
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	MOVQ         y_base+32(FP), DI
	SHLQ         $2, CX
	AXPY(64, Z4, Z0, Z1, Z2, Z3)

// func axpyAVX2(alpha float32, x, y []float32)
TEXT ·axpyAVX2(SB), NOSPLIT, $0-56
	VBROADCASTSS alpha+0(FP), Y4
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	MOVQ         y_base+32(FP), DI
	SHLQ         $2, CX
	AXPY(32, Y4, Y0, Y1, Y2, Y3)

// func scaleAVX512(alpha float32, x []float32)
TEXT ·scaleAVX512(SB), NOSPLIT, $0-32
	VBROADCASTSS alpha+0(FP), Z4
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	MOVQ         SI, DI
	SHLQ         $2, CX
	MAP(VMULPS, 64, Z4, Z0, Z1, Z2, Z3)

// func scaleAVX2(alpha float32, x []float32)
TEXT ·scaleAVX2(SB), NOSPLIT, $0-32
	VBROADCASTSS alpha+0(FP), Y4
	MOVQ         x_base+8(FP), SI
	MOVQ         x_len+16(FP), CX
	MOVQ         SI, DI
	SHLQ         $2, CX
	MAP(VMULPS, 32, Y4, Y0, Y1, Y2, Y3)

// Intel VMAXPS dst, zero, x returns (0 > x) ? 0 : x: x itself for NaN and
// for -0, as the generic twin.

// func reluToAVX512(dst, x []float32)
TEXT ·reluToAVX512(SB), NOSPLIT, $0-48
	VPXORD Z4, Z4, Z4
	MOVQ   dst_base+0(FP), DI
	MOVQ   x_base+24(FP), SI
	MOVQ   x_len+32(FP), CX
	SHLQ   $2, CX
	MAP(VMAXPS, 64, Z4, Z0, Z1, Z2, Z3)

// func reluToAVX2(dst, x []float32)
TEXT ·reluToAVX2(SB), NOSPLIT, $0-48
	VXORPS Y4, Y4, Y4
	MOVQ   dst_base+0(FP), DI
	MOVQ   x_base+24(FP), SI
	MOVQ   x_len+32(FP), CX
	SHLQ   $2, CX
	MAP(VMAXPS, 32, Y4, Y0, Y1, Y2, Y3)

// func absToAVX512(dst, x []float32)
TEXT ·absToAVX512(SB), NOSPLIT, $0-48
	MOVL         $0x7fffffff, AX
	VPBROADCASTD AX, Z4
	MOVQ         dst_base+0(FP), DI
	MOVQ         x_base+24(FP), SI
	MOVQ         x_len+32(FP), CX
	SHLQ         $2, CX
	MAP(VPANDD, 64, Z4, Z0, Z1, Z2, Z3)

// func absToAVX2(dst, x []float32)
TEXT ·absToAVX2(SB), NOSPLIT, $0-48
	MOVL         $0x7fffffff, AX
	MOVD         AX, X4
	VPBROADCASTD X4, Y4
	MOVQ         dst_base+0(FP), DI
	MOVQ         x_base+24(FP), SI
	MOVQ         x_len+32(FP), CX
	SHLQ         $2, CX
	MAP(VANDPS, 32, Y4, Y0, Y1, Y2, Y3)

// func scaleToAVX512(dst, x []float32, alpha float32)
TEXT ·scaleToAVX512(SB), NOSPLIT, $0-52
	ONESLICE(alpha, Z4)
	MAP(VMULPS, 64, Z4, Z0, Z1, Z2, Z3)

// func scaleToAVX2(dst, x []float32, alpha float32)
TEXT ·scaleToAVX2(SB), NOSPLIT, $0-52
	ONESLICE(alpha, Y4)
	MAP(VMULPS, 32, Y4, Y0, Y1, Y2, Y3)

// func addScalarToAVX512(dst, x []float32, s float32)
TEXT ·addScalarToAVX512(SB), NOSPLIT, $0-52
	ONESLICE(s, Z4)
	MAP(VADDPS, 64, Z4, Z0, Z1, Z2, Z3)

// func addScalarToAVX2(dst, x []float32, s float32)
TEXT ·addScalarToAVX2(SB), NOSPLIT, $0-52
	ONESLICE(s, Y4)
	MAP(VADDPS, 32, Y4, Y0, Y1, Y2, Y3)
