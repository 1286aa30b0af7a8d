//go:build gc && !purego

#include "textflag.h"

// func addRowsAVX512(dst *float32, dstStride int, src *float32, srcStride, rows int, mask uint32)
TEXT ·addRowsAVX512(SB), NOSPLIT, $0-44
	MOVQ dst+0(FP), DI
	MOVQ dstStride+8(FP), R8
	SHLQ $2, R8
	MOVQ src+16(FP), SI
	MOVQ srcStride+24(FP), R9
	SHLQ $2, R9
	MOVQ rows+32(FP), CX
	MOVL mask+40(FP), AX
	KMOVW AX, K1
	MOVL AX, DX
	SHRL $16, DX
	KMOVW DX, K2
	TESTQ CX, CX
	JLE done
	TESTL DX, DX
	JNZ loop32

loop16:
	VMOVUPS.Z (DI), K1, Z0
	VMOVUPS.Z (SI), K1, Z1
	VADDPS Z1, Z0, Z0
	VMOVUPS Z0, K1, (DI)
	ADDQ R8, DI
	ADDQ R9, SI
	DECQ CX
	JNZ loop16
	JMP done

loop32:
	VMOVUPS.Z (DI), K1, Z0
	VMOVUPS.Z (SI), K1, Z1
	VMOVUPS.Z 64(DI), K2, Z2
	VMOVUPS.Z 64(SI), K2, Z3
	VADDPS Z1, Z0, Z0
	VADDPS Z3, Z2, Z2
	VMOVUPS Z0, K1, (DI)
	VMOVUPS Z2, K2, 64(DI)
	ADDQ R8, DI
	ADDQ R9, SI
	DECQ CX
	JNZ loop32

done:
	VZEROUPPER
	RET
