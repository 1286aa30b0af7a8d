//go:build gc && !purego

#include "textflag.h"

// func depthwiseConvAVX512(y, x *float32, off int, w *float32, offs *int, tapMask, outMask *uint16, rows, nb, ldy, ldx, ntaps int, bias float32)
//
// Per 16-column block (BX): DI the output strip, SI the input strip at
// the output's row, R11 the block's tap masks; four rows at a time while
// they last (Z0-Z3), then one (Z0). Per tap (R14): K1 its mask, AX its
// input, Z8 its weight. R8 offs, R9 w, CX ntaps, R12 ldx*4, R13 3*ldx*4,
// DX the rows left.
TEXT ·depthwiseConvAVX512(SB), NOSPLIT, $0-100
	MOVQ offs+32(FP), R8
	MOVQ w+24(FP), R9
	MOVQ ntaps+88(FP), CX
	MOVQ ldx+80(FP), R12
	SHLQ $2, R12
	LEAQ (R12)(R12*2), R13
	VBROADCASTSS bias+96(FP), Z31
	XORQ BX, BX

convblock:
	MOVQ y+0(FP), DI
	MOVQ BX, AX
	SHLQ $6, AX
	ADDQ AX, DI
	MOVQ x+8(FP), SI
	ADDQ AX, SI
	MOVQ off+16(FP), AX
	LEAQ (SI)(AX*4), SI
	MOVQ BX, AX
	IMULQ CX, AX
	MOVQ tapMask+40(FP), R11
	LEAQ (R11)(AX*2), R11
	MOVQ rows+56(FP), DX

conv4:
	CMPQ DX, $4
	JLT conv1
	VMOVAPS Z31, Z0
	VMOVAPS Z31, Z1
	VMOVAPS Z31, Z2
	VMOVAPS Z31, Z3
	XORQ R14, R14

conv4tap:
	KMOVW (R11)(R14*2), K1
	MOVQ (R8)(R14*8), AX
	LEAQ (SI)(AX*4), AX
	VBROADCASTSS (R9)(R14*4), Z8
	VMOVUPS.Z (AX), K1, Z4
	VMOVUPS.Z (AX)(R12*1), K1, Z5
	VMOVUPS.Z (AX)(R12*2), K1, Z6
	VMOVUPS.Z (AX)(R13*1), K1, Z7
	VFMADD231PS Z4, Z8, Z0
	VFMADD231PS Z5, Z8, Z1
	VFMADD231PS Z6, Z8, Z2
	VFMADD231PS Z7, Z8, Z3
	INCQ R14
	CMPQ R14, CX
	JLT conv4tap
	MOVQ outMask+48(FP), AX
	KMOVW (AX)(BX*2), K2
	MOVQ ldy+72(FP), AX
	SHLQ $2, AX
	LEAQ (AX)(AX*2), R10
	VMOVUPS Z0, K2, (DI)
	VMOVUPS Z1, K2, (DI)(AX*1)
	VMOVUPS Z2, K2, (DI)(AX*2)
	VMOVUPS Z3, K2, (DI)(R10*1)
	LEAQ (DI)(AX*4), DI
	LEAQ (SI)(R12*4), SI
	SUBQ $4, DX
	JMP conv4

conv1:
	TESTQ DX, DX
	JLE convnext
	VMOVAPS Z31, Z0
	XORQ R14, R14

conv1tap:
	KMOVW (R11)(R14*2), K1
	MOVQ (R8)(R14*8), AX
	VBROADCASTSS (R9)(R14*4), Z8
	VMOVUPS.Z (SI)(AX*4), K1, Z4
	VFMADD231PS Z4, Z8, Z0
	INCQ R14
	CMPQ R14, CX
	JLT conv1tap
	MOVQ outMask+48(FP), AX
	KMOVW (AX)(BX*2), K2
	VMOVUPS Z0, K2, (DI)
	MOVQ ldy+72(FP), AX
	LEAQ (DI)(AX*4), DI
	ADDQ R12, SI
	DECQ DX
	JMP conv1

convnext:
	INCQ BX
	CMPQ BX, nb+64(FP)
	JLT convblock
	VZEROUPPER
	RET

// func depthwiseDotAVX512(acc *[256]float32, gy, x *float32, off int, offs *int, tapMask, outMask *uint16, rows, nb, ldg, ldx, ntaps, mstride int)
//
// Z0-Z15 the lanes of the taps. Per row (DX left): SI the input row, R9
// the g row. Per 16-column block (BX left): DI the input, R13 g, R10 the
// output mask, R11 the tap masks; Z16 the g vector, and per tap its mask
// in K1, its input in Z17. R8 offs, CX ntaps, R12 ldx*4, R14 mstride*2.
// The taps are unrolled, with an exit after the last.
TEXT ·depthwiseDotAVX512(SB), NOSPLIT, $0-104
	MOVQ acc+0(FP), DI
	VMOVUPS 0(DI), Z0
	VMOVUPS 64(DI), Z1
	VMOVUPS 128(DI), Z2
	VMOVUPS 192(DI), Z3
	VMOVUPS 256(DI), Z4
	VMOVUPS 320(DI), Z5
	VMOVUPS 384(DI), Z6
	VMOVUPS 448(DI), Z7
	VMOVUPS 512(DI), Z8
	VMOVUPS 576(DI), Z9
	VMOVUPS 640(DI), Z10
	VMOVUPS 704(DI), Z11
	VMOVUPS 768(DI), Z12
	VMOVUPS 832(DI), Z13
	VMOVUPS 896(DI), Z14
	VMOVUPS 960(DI), Z15
	MOVQ gy+8(FP), R9
	MOVQ x+16(FP), SI
	MOVQ off+24(FP), AX
	LEAQ (SI)(AX*4), SI
	MOVQ offs+32(FP), R8
	MOVQ ntaps+88(FP), CX
	MOVQ ldx+80(FP), R12
	SHLQ $2, R12
	MOVQ mstride+96(FP), R14
	SHLQ $1, R14
	MOVQ rows+56(FP), DX

dotrow:
	MOVQ SI, DI
	MOVQ R9, R13
	MOVQ outMask+48(FP), R10
	MOVQ tapMask+40(FP), R11
	MOVQ nb+64(FP), BX

dotblock:
	KMOVW (R10), K2
	VMOVUPS.Z (R13), K2, Z16
	KMOVW 0(R11), K1
	MOVQ 0(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z0
	CMPQ CX, $1
	JEQ dotnext
	KMOVW 2(R11), K1
	MOVQ 8(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z1
	CMPQ CX, $2
	JEQ dotnext
	KMOVW 4(R11), K1
	MOVQ 16(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z2
	CMPQ CX, $3
	JEQ dotnext
	KMOVW 6(R11), K1
	MOVQ 24(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z3
	CMPQ CX, $4
	JEQ dotnext
	KMOVW 8(R11), K1
	MOVQ 32(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z4
	CMPQ CX, $5
	JEQ dotnext
	KMOVW 10(R11), K1
	MOVQ 40(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z5
	CMPQ CX, $6
	JEQ dotnext
	KMOVW 12(R11), K1
	MOVQ 48(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z6
	CMPQ CX, $7
	JEQ dotnext
	KMOVW 14(R11), K1
	MOVQ 56(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z7
	CMPQ CX, $8
	JEQ dotnext
	KMOVW 16(R11), K1
	MOVQ 64(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z8
	CMPQ CX, $9
	JEQ dotnext
	KMOVW 18(R11), K1
	MOVQ 72(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z9
	CMPQ CX, $10
	JEQ dotnext
	KMOVW 20(R11), K1
	MOVQ 80(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z10
	CMPQ CX, $11
	JEQ dotnext
	KMOVW 22(R11), K1
	MOVQ 88(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z11
	CMPQ CX, $12
	JEQ dotnext
	KMOVW 24(R11), K1
	MOVQ 96(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z12
	CMPQ CX, $13
	JEQ dotnext
	KMOVW 26(R11), K1
	MOVQ 104(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z13
	CMPQ CX, $14
	JEQ dotnext
	KMOVW 28(R11), K1
	MOVQ 112(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z14
	CMPQ CX, $15
	JEQ dotnext
	KMOVW 30(R11), K1
	MOVQ 120(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VFMADD231PS Z17, Z16, Z15

dotnext:
	ADDQ $64, DI
	ADDQ $64, R13
	ADDQ $2, R10
	ADDQ R14, R11
	DECQ BX
	JNZ dotblock
	ADDQ R12, SI
	MOVQ ldg+72(FP), AX
	LEAQ (R9)(AX*4), R9
	DECQ DX
	JNZ dotrow
	MOVQ acc+0(FP), DI
	VMOVUPS Z0, 0(DI)
	VMOVUPS Z1, 64(DI)
	VMOVUPS Z2, 128(DI)
	VMOVUPS Z3, 192(DI)
	VMOVUPS Z4, 256(DI)
	VMOVUPS Z5, 320(DI)
	VMOVUPS Z6, 384(DI)
	VMOVUPS Z7, 448(DI)
	VMOVUPS Z8, 512(DI)
	VMOVUPS Z9, 576(DI)
	VMOVUPS Z10, 640(DI)
	VMOVUPS Z11, 704(DI)
	VMOVUPS Z12, 768(DI)
	VMOVUPS Z13, 832(DI)
	VMOVUPS Z14, 896(DI)
	VMOVUPS Z15, 960(DI)
	VZEROUPPER
	RET
