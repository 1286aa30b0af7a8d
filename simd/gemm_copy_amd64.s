//go:build gc && !purego

#include "textflag.h"

// func copyRunsAVX512(dst *float32, stride int, src *float32, offs *int, lines, add, limit int, mask uint32) int
//
// Runs of up to 8 elements move as one masked ymm, up to 16 as one masked
// zmm, longer ones as two: an empty masked move still costs its load and
// store slots.
TEXT ·copyRunsAVX512(SB), NOSPLIT, $0-72
	MOVQ dst+0(FP), DI
	MOVQ stride+8(FP), R8
	SHLQ $2, R8
	MOVQ src+16(FP), SI
	MOVQ offs+24(FP), BX
	MOVQ lines+32(FP), CX
	MOVQ CX, R9 // lines, for the count copied
	MOVQ add+40(FP), R11
	MOVQ limit+48(FP), R12
	MOVL mask+56(FP), AX
	KMOVW AX, K1
	MOVL AX, DX
	SHRL $16, DX
	KMOVW DX, K2
	TESTQ CX, CX
	JLE done
	TESTL DX, DX
	JNZ loop32
	TESTL $0xff00, AX
	JNZ loop16

loop8:
	MOVQ (BX), R10
	ADDQ R11, R10
	CMPQ R10, R12
	JA   stop
	VMOVUPS.Z (SI)(R10*4), K1, Y0
	VMOVUPS Y0, K1, (DI)
	ADDQ $8, BX
	ADDQ R8, DI
	DECQ CX
	JNZ loop8
	JMP done

loop16:
	MOVQ (BX), R10
	ADDQ R11, R10
	CMPQ R10, R12
	JA   stop
	VMOVUPS.Z (SI)(R10*4), K1, Z0
	VMOVUPS Z0, K1, (DI)
	ADDQ $8, BX
	ADDQ R8, DI
	DECQ CX
	JNZ loop16
	JMP done

loop32:
	MOVQ (BX), R10
	ADDQ R11, R10
	CMPQ R10, R12
	JA   stop
	VMOVUPS.Z (SI)(R10*4), K1, Z0
	VMOVUPS.Z 64(SI)(R10*4), K2, Z1
	VMOVUPS Z0, K1, (DI)
	VMOVUPS Z1, K2, 64(DI)
	ADDQ $8, BX
	ADDQ R8, DI
	DECQ CX
	JNZ loop32

done:
	MOVQ R9, ret+64(FP)
	VZEROUPPER
	RET

stop:
	// CX lines were left when the run at R10 fell outside src.
	SUBQ CX, R9
	MOVQ R9, ret+64(FP)
	VZEROUPPER
	RET
