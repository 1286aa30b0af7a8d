//go:build gc && !purego

#include "textflag.h"

// func depthwiseWideAVX512(y, x, w *float32, n, kh, kw, rowStep, colStep int, bias float32)
//
// DI y, SI x (at the block), R9 w, DX outputs left, R11 end of w,
// R12 bytes spanned by a kernel row (kw*colStep*4), R13 rowStep*4,
// R14 colStep*4; per tap R8 the weight, R10 the kernel row, BX the tap.
TEXT ·depthwiseWideAVX512(SB), NOSPLIT, $0-68
	MOVQ y+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ w+16(FP), R9
	MOVQ n+24(FP), DX
	MOVQ kh+32(FP), R11
	MOVQ kw+40(FP), R12
	MOVQ rowStep+48(FP), R13
	SHLQ $2, R13
	MOVQ colStep+56(FP), R14
	SHLQ $2, R14
	VBROADCASTSS bias+64(FP), Z31
	// R11 = w + kh*kw*4
	IMULQ R12, R11
	SHLQ $2, R11
	ADDQ R9, R11
	// R12 = kw*colStep*4
	IMULQ R14, R12

block64:
	CMPQ DX, $64
	JLT block16
	VMOVAPS Z31, Z0
	VMOVAPS Z31, Z1
	VMOVAPS Z31, Z2
	VMOVAPS Z31, Z3
	MOVQ R9, R8
	MOVQ SI, R10

row64:
	MOVQ R10, BX
	LEAQ (R10)(R12*1), AX

tap64:
	VBROADCASTSS (R8), Z4
	VFMADD231PS (BX), Z4, Z0
	VFMADD231PS 64(BX), Z4, Z1
	VFMADD231PS 128(BX), Z4, Z2
	VFMADD231PS 192(BX), Z4, Z3
	ADDQ $4, R8
	ADDQ R14, BX
	CMPQ BX, AX
	JNE tap64
	ADDQ R13, R10
	CMPQ R8, R11
	JNE row64
	VMOVUPS Z0, (DI)
	VMOVUPS Z1, 64(DI)
	VMOVUPS Z2, 128(DI)
	VMOVUPS Z3, 192(DI)
	ADDQ $256, DI
	ADDQ $256, SI
	SUBQ $64, DX
	JMP block64

block16:
	TESTQ DX, DX
	JLE done
	VMOVAPS Z31, Z0
	MOVQ R9, R8
	MOVQ SI, R10

row16:
	MOVQ R10, BX
	LEAQ (R10)(R12*1), AX

tap16:
	VBROADCASTSS (R8), Z4
	VFMADD231PS (BX), Z4, Z0
	ADDQ $4, R8
	ADDQ R14, BX
	CMPQ BX, AX
	JNE tap16
	ADDQ R13, R10
	CMPQ R8, R11
	JNE row16
	VMOVUPS Z0, (DI)
	ADDQ $64, DI
	ADDQ $64, SI
	SUBQ $16, DX
	JMP block16

done:
	VZEROUPPER
	RET
