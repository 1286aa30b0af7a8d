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

// func maxPool2x2AVX512(r0, r1, y *float32, idx *int32, at0, w int32, inMask, outMask uint32)
TEXT ·maxPool2x2AVX512(SB), NOSPLIT, $0-48
	MOVQ r0+0(FP), SI
	MOVQ r1+8(FP), DI
	MOVQ y+16(FP), DX
	MOVQ idx+24(FP), R8
	MOVL inMask+40(FP), CX
	KMOVW CX, K1
	SHRL $16, CX
	KMOVW CX, K2
	MOVL outMask+44(FP), CX
	KMOVW CX, K3
	VMOVDQU32 poolEven<>(SB), Z20
	VMOVDQU32 poolOdd<>(SB), Z21

	VMOVUPS.Z (SI), K1, Z0
	VMOVUPS.Z 64(SI), K2, Z1
	VMOVUPS.Z (DI), K1, Z2
	VMOVUPS.Z 64(DI), K2, Z3
	// candidates in window order: Z4 r0 even, Z5 r0 odd, Z6 r1 even, Z7 r1 odd
	VMOVAPS Z0, Z4
	VPERMT2PS Z1, Z20, Z4
	VMOVAPS Z0, Z5
	VPERMT2PS Z1, Z21, Z5
	VMOVAPS Z2, Z6
	VPERMT2PS Z3, Z20, Z6
	VMOVAPS Z2, Z7
	VPERMT2PS Z3, Z21, Z7

	// their indices: Z10 at0+2j, Z13 +1, Z14 +w, Z15 +w+1
	MOVL at0+32(FP), AX
	VPBROADCASTD AX, Z10
	VPADDD Z20, Z10, Z10
	MOVL w+36(FP), AX
	VPBROADCASTD AX, Z11
	MOVL $1, AX
	VPBROADCASTD AX, Z12
	VPADDD Z12, Z10, Z13
	VPADDD Z11, Z10, Z14
	VPADDD Z12, Z14, Z15

	// best (Z4, Z10) takes v where v > best, or v is NaN and best is not
	VCMPPS $0x1e, Z4, Z5, K4
	VCMPPS $3, Z5, Z5, K5
	VCMPPS $7, Z4, Z4, K6
	KANDW K6, K5, K5
	KORW K5, K4, K4
	VMOVAPS Z5, K4, Z4
	VMOVDQA32 Z13, K4, Z10

	VCMPPS $0x1e, Z4, Z6, K4
	VCMPPS $3, Z6, Z6, K5
	VCMPPS $7, Z4, Z4, K6
	KANDW K6, K5, K5
	KORW K5, K4, K4
	VMOVAPS Z6, K4, Z4
	VMOVDQA32 Z14, K4, Z10

	VCMPPS $0x1e, Z4, Z7, K4
	VCMPPS $3, Z7, Z7, K5
	VCMPPS $7, Z4, Z4, K6
	KANDW K6, K5, K5
	KORW K5, K4, K4
	VMOVAPS Z7, K4, Z4
	VMOVDQA32 Z15, K4, Z10

	VMOVUPS Z4, K3, (DX)
	VMOVDQU32 Z10, K3, (R8)
	VZEROUPPER
	RET
