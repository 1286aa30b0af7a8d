//go:build gc && !purego

#include "textflag.h"

// Element indices 0, 2, ..., 30 and 1, 3, ..., 31 of a pair of zmm
// registers (VPERMT2PS tables); the even ones are also 2j for the indices.
DATA poolEven<>+0(SB)/4, $0
DATA poolEven<>+4(SB)/4, $2
DATA poolEven<>+8(SB)/4, $4
DATA poolEven<>+12(SB)/4, $6
DATA poolEven<>+16(SB)/4, $8
DATA poolEven<>+20(SB)/4, $10
DATA poolEven<>+24(SB)/4, $12
DATA poolEven<>+28(SB)/4, $14
DATA poolEven<>+32(SB)/4, $16
DATA poolEven<>+36(SB)/4, $18
DATA poolEven<>+40(SB)/4, $20
DATA poolEven<>+44(SB)/4, $22
DATA poolEven<>+48(SB)/4, $24
DATA poolEven<>+52(SB)/4, $26
DATA poolEven<>+56(SB)/4, $28
DATA poolEven<>+60(SB)/4, $30
GLOBL poolEven<>(SB), RODATA|NOPTR, $64

DATA poolOdd<>+0(SB)/4, $1
DATA poolOdd<>+4(SB)/4, $3
DATA poolOdd<>+8(SB)/4, $5
DATA poolOdd<>+12(SB)/4, $7
DATA poolOdd<>+16(SB)/4, $9
DATA poolOdd<>+20(SB)/4, $11
DATA poolOdd<>+24(SB)/4, $13
DATA poolOdd<>+28(SB)/4, $15
DATA poolOdd<>+32(SB)/4, $17
DATA poolOdd<>+36(SB)/4, $19
DATA poolOdd<>+40(SB)/4, $21
DATA poolOdd<>+44(SB)/4, $23
DATA poolOdd<>+48(SB)/4, $25
DATA poolOdd<>+52(SB)/4, $27
DATA poolOdd<>+56(SB)/4, $29
DATA poolOdd<>+60(SB)/4, $31
GLOBL poolOdd<>(SB), RODATA|NOPTR, $64

// BEST2X2 keeps in (Z4, Z10) the first maximum of the window candidates
// Z4..Z7 with indices Z10, Z13, Z14, Z15 (as maxPool2x2AVX512 does).
#define BEST2X2(V, I) \
	VCMPPS    $0x1e, Z4, V, K4; \
	VCMPPS    $3, V, V, K5; \
	VCMPPS    $7, Z4, Z4, K6; \
	KANDW     K6, K5, K5; \
	KORW      K5, K4, K4; \
	VMOVAPS   V, K4, Z4; \
	VMOVDQA32 I, K4, Z10

// func maxPool2x2RowsAVX512(x, y *float32, idx *int32, w, wo, rows, at0 int)
TEXT ·maxPool2x2RowsAVX512(SB), NOSPLIT, $0-56
	MOVQ x+0(FP), SI     // r0 of the current output row
	MOVQ y+8(FP), DX     // its outputs
	MOVQ idx+16(FP), R8  // and indices
	MOVQ w+24(FP), R9
	MOVQ wo+32(FP), R10
	MOVQ rows+40(FP), R11
	MOVQ at0+48(FP), R12 // index of r0[0]
	LEAQ (SI)(R9*4), DI  // r1
	MOVQ R9, R13
	SHLQ $3, R13         // bytes from one row pair to the next
	VMOVDQU32 poolEven<>(SB), Z20
	VMOVDQU32 poolOdd<>(SB), Z21
	MOVL R9, AX
	VPBROADCASTD AX, Z11
	MOVL $1, AX
	VPBROADCASTD AX, Z12

row:
	XORQ BX, BX // outputs done in this row

step:
	MOVQ R10, CX
	SUBQ BX, CX // outputs left
	JLE  nextrow
	CMPQ CX, $16
	JLT  tail
	KXNORW K1, K1, K1
	KXNORW K2, K2, K2
	KXNORW K3, K3, K3
	JMP  body

tail: // CX < 16 outputs: masks of CX outputs and 2*CX inputs
	MOVL  $1, AX
	SHLL  CX, AX
	DECL  AX
	KMOVW AX, K3
	SHLL  $1, CX
	MOVL  $1, AX
	SHLL  CX, AX
	DECL  AX
	KMOVW AX, K1
	SHRL  $16, AX
	KMOVW AX, K2

body:
	VMOVUPS.Z (SI)(BX*8), K1, Z0
	VMOVUPS.Z 64(SI)(BX*8), K2, Z1
	VMOVUPS.Z (DI)(BX*8), K1, Z2
	VMOVUPS.Z 64(DI)(BX*8), K2, Z3
	VMOVAPS   Z0, Z4
	VPERMT2PS Z1, Z20, Z4
	VMOVAPS   Z0, Z5
	VPERMT2PS Z1, Z21, Z5
	VMOVAPS   Z2, Z6
	VPERMT2PS Z3, Z20, Z6
	VMOVAPS   Z2, Z7
	VPERMT2PS Z3, Z21, Z7

	LEAQ         (R12)(BX*2), AX // index of r0[2j]
	VPBROADCASTD AX, Z10
	VPADDD       Z20, Z10, Z10
	VPADDD       Z12, Z10, Z13
	VPADDD       Z11, Z10, Z14
	VPADDD       Z12, Z14, Z15

	BEST2X2(Z5, Z13)
	BEST2X2(Z6, Z14)
	BEST2X2(Z7, Z15)

	VMOVUPS   Z4, K3, (DX)(BX*4)
	VMOVDQU32 Z10, K3, (R8)(BX*4)
	ADDQ      $16, BX
	JMP       step

nextrow:
	ADDQ R13, SI
	ADDQ R13, DI
	LEAQ (DX)(R10*4), DX
	LEAQ (R8)(R10*4), R8
	LEAQ (R12)(R9*2), R12
	DECQ R11
	JNE  row
	VZEROUPPER
	RET
