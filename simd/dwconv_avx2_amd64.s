//go:build gc && !purego

#include "textflag.h"

// The AVX2 twins of depthwiseConvAVX512 and depthwiseDotAVX512: a 16-column
// block is two 8-lane halves, and a 16-bit mask of the plan becomes the
// sign bits of two lane masks for VMASKMOVPS (masked-off lanes load as
// zero and are never touched, as with AVX-512's zero-masked loads). Taps
// and blocks whose mask is full take plain loads, folded into the FMAs.

// dwShiftsAVX2 moves bit l of a 16-bit mask, broadcast to every dword,
// into the sign bit of lane l: lanes 0-7 in the first vector, 8-15 in the
// second.
DATA dwShiftsAVX2<>+0(SB)/4, $31
DATA dwShiftsAVX2<>+4(SB)/4, $30
DATA dwShiftsAVX2<>+8(SB)/4, $29
DATA dwShiftsAVX2<>+12(SB)/4, $28
DATA dwShiftsAVX2<>+16(SB)/4, $27
DATA dwShiftsAVX2<>+20(SB)/4, $26
DATA dwShiftsAVX2<>+24(SB)/4, $25
DATA dwShiftsAVX2<>+28(SB)/4, $24
DATA dwShiftsAVX2<>+32(SB)/4, $23
DATA dwShiftsAVX2<>+36(SB)/4, $22
DATA dwShiftsAVX2<>+40(SB)/4, $21
DATA dwShiftsAVX2<>+44(SB)/4, $20
DATA dwShiftsAVX2<>+48(SB)/4, $19
DATA dwShiftsAVX2<>+52(SB)/4, $18
DATA dwShiftsAVX2<>+56(SB)/4, $17
DATA dwShiftsAVX2<>+60(SB)/4, $16
GLOBL dwShiftsAVX2<>(SB), RODATA|NOPTR, $64

// MASK2 expands the 16-bit mask at m into the lane masks lo and hi, with
// the shifts in Y15 (lanes 0-7) and Y14 (lanes 8-15).
#define MASK2(m, tmp, lo, hi) \
	VPBROADCASTW m, tmp; \
	VPSLLVD Y15, tmp, lo; \
	VPSLLVD Y14, tmp, hi

// func depthwiseConvAVX2(y, x *float32, off int, w *float32, offs *int, tapMask, outMask *uint16, rows, nb, ldy, ldx, ntaps int, bias float32)
//
// Per 16-column block (BX): DI the output strip, SI the input strip at the
// output's row, R11 the block's tap masks; four rows at a time while they
// last (Y0-Y7, two halves per row), then one (Y0, Y1). Per tap (R14): R10
// its mask, AX its input, Y8 its weight, Y9 and Y10 its lane masks, Y11
// and Y12 the masked loads. R8 offs, R9 w, CX ntaps, R12 ldx*4, R13
// 3*ldx*4, DX the rows left, Y13 the bias.
TEXT ·depthwiseConvAVX2(SB), NOSPLIT, $0-100
	MOVQ offs+32(FP), R8
	MOVQ w+24(FP), R9
	MOVQ ntaps+88(FP), CX
	MOVQ ldx+80(FP), R12
	SHLQ $2, R12
	LEAQ (R12)(R12*2), R13
	VBROADCASTSS bias+96(FP), Y13
	VMOVDQU dwShiftsAVX2<>+0(SB), Y15
	VMOVDQU dwShiftsAVX2<>+32(SB), Y14
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
	VMOVAPS Y13, Y0
	VMOVAPS Y13, Y1
	VMOVAPS Y13, Y2
	VMOVAPS Y13, Y3
	VMOVAPS Y13, Y4
	VMOVAPS Y13, Y5
	VMOVAPS Y13, Y6
	VMOVAPS Y13, Y7
	XORQ R14, R14

conv4tap:
	MOVQ (R8)(R14*8), AX
	LEAQ (SI)(AX*4), AX
	VBROADCASTSS (R9)(R14*4), Y8
	MOVWLZX (R11)(R14*2), R10
	CMPL R10, $0xffff
	JNE conv4masked
	VFMADD231PS (AX), Y8, Y0
	VFMADD231PS 32(AX), Y8, Y1
	VFMADD231PS (AX)(R12*1), Y8, Y2
	VFMADD231PS 32(AX)(R12*1), Y8, Y3
	VFMADD231PS (AX)(R12*2), Y8, Y4
	VFMADD231PS 32(AX)(R12*2), Y8, Y5
	VFMADD231PS (AX)(R13*1), Y8, Y6
	VFMADD231PS 32(AX)(R13*1), Y8, Y7
	JMP conv4next

conv4masked:
	MASK2((R11)(R14*2), Y11, Y9, Y10)
	VMASKMOVPS (AX), Y9, Y11
	VMASKMOVPS 32(AX), Y10, Y12
	VFMADD231PS Y11, Y8, Y0
	VFMADD231PS Y12, Y8, Y1
	VMASKMOVPS (AX)(R12*1), Y9, Y11
	VMASKMOVPS 32(AX)(R12*1), Y10, Y12
	VFMADD231PS Y11, Y8, Y2
	VFMADD231PS Y12, Y8, Y3
	VMASKMOVPS (AX)(R12*2), Y9, Y11
	VMASKMOVPS 32(AX)(R12*2), Y10, Y12
	VFMADD231PS Y11, Y8, Y4
	VFMADD231PS Y12, Y8, Y5
	VMASKMOVPS (AX)(R13*1), Y9, Y11
	VMASKMOVPS 32(AX)(R13*1), Y10, Y12
	VFMADD231PS Y11, Y8, Y6
	VFMADD231PS Y12, Y8, Y7

conv4next:
	INCQ R14
	CMPQ R14, CX
	JLT conv4tap
	MOVQ ldy+72(FP), AX
	SHLQ $2, AX
	LEAQ (AX)(AX*2), R10
	MOVQ outMask+48(FP), R14
	LEAQ (R14)(BX*2), R14
	MOVWLZX (R14), R9
	CMPL R9, $0xffff
	JNE conv4store
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, (DI)(AX*1)
	VMOVUPS Y3, 32(DI)(AX*1)
	VMOVUPS Y4, (DI)(AX*2)
	VMOVUPS Y5, 32(DI)(AX*2)
	VMOVUPS Y6, (DI)(R10*1)
	VMOVUPS Y7, 32(DI)(R10*1)
	JMP conv4done

conv4store:
	MASK2((R14), Y11, Y9, Y10)
	VMASKMOVPS Y0, Y9, (DI)
	VMASKMOVPS Y1, Y10, 32(DI)
	VMASKMOVPS Y2, Y9, (DI)(AX*1)
	VMASKMOVPS Y3, Y10, 32(DI)(AX*1)
	VMASKMOVPS Y4, Y9, (DI)(AX*2)
	VMASKMOVPS Y5, Y10, 32(DI)(AX*2)
	VMASKMOVPS Y6, Y9, (DI)(R10*1)
	VMASKMOVPS Y7, Y10, 32(DI)(R10*1)

conv4done:
	MOVQ w+24(FP), R9
	LEAQ (DI)(AX*4), DI
	LEAQ (SI)(R12*4), SI
	SUBQ $4, DX
	JMP conv4

conv1:
	TESTQ DX, DX
	JLE convnext
	VMOVAPS Y13, Y0
	VMOVAPS Y13, Y1
	XORQ R14, R14

conv1tap:
	MOVQ (R8)(R14*8), AX
	LEAQ (SI)(AX*4), AX
	VBROADCASTSS (R9)(R14*4), Y8
	MOVWLZX (R11)(R14*2), R10
	CMPL R10, $0xffff
	JNE conv1masked
	VFMADD231PS (AX), Y8, Y0
	VFMADD231PS 32(AX), Y8, Y1
	JMP conv1next

conv1masked:
	MASK2((R11)(R14*2), Y11, Y9, Y10)
	VMASKMOVPS (AX), Y9, Y11
	VMASKMOVPS 32(AX), Y10, Y12
	VFMADD231PS Y11, Y8, Y0
	VFMADD231PS Y12, Y8, Y1

conv1next:
	INCQ R14
	CMPQ R14, CX
	JLT conv1tap
	MOVQ outMask+48(FP), R14
	LEAQ (R14)(BX*2), R14
	MOVWLZX (R14), R10
	CMPL R10, $0xffff
	JNE conv1store
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	JMP conv1done

conv1store:
	MASK2((R14), Y11, Y9, Y10)
	VMASKMOVPS Y0, Y9, (DI)
	VMASKMOVPS Y1, Y10, 32(DI)

conv1done:
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

// func depthwiseDotAVX2(acc *float32, gy, x *float32, off int, offs *int, tapMask, outMask *uint16, rows, ldg, ldx, ntaps, mstride, b0, b1 int)
//
// For ntaps <= 4: Y0-Y7 the lanes of the taps (two halves each), loaded
// from and stored to acc. Per 16-column block (BX): R10 its output mask,
// R11 its tap masks; per row (DX left): DI the input, R13 gy, Y8 and Y9
// the gy vector, and per tap its mask in R9 (lane masks Y10, Y11), its
// input at SI (masked loads Y12, Y13). R8 offs, CX ntaps, R12 ldx*4, R14
// mstride*2. The taps are unrolled, with an exit after the last.
TEXT ·depthwiseDotAVX2(SB), NOSPLIT, $0-112
	MOVQ acc+0(FP), DI
	MOVQ ntaps+80(FP), CX
	VMOVUPS 0(DI), Y0
	VMOVUPS 32(DI), Y1
	CMPQ CX, $1
	JEQ dotloaded
	VMOVUPS 64(DI), Y2
	VMOVUPS 96(DI), Y3
	CMPQ CX, $2
	JEQ dotloaded
	VMOVUPS 128(DI), Y4
	VMOVUPS 160(DI), Y5
	CMPQ CX, $3
	JEQ dotloaded
	VMOVUPS 192(DI), Y6
	VMOVUPS 224(DI), Y7

dotloaded:
	VMOVDQU dwShiftsAVX2<>+0(SB), Y15
	VMOVDQU dwShiftsAVX2<>+32(SB), Y14
	MOVQ offs+32(FP), R8
	MOVQ ldx+72(FP), R12
	SHLQ $2, R12
	MOVQ mstride+88(FP), R14
	SHLQ $1, R14
	MOVQ b0+96(FP), BX

dotblock:
	CMPQ BX, b1+104(FP)
	JGE dotend
	MOVQ BX, AX
	IMULQ R14, AX
	MOVQ tapMask+40(FP), R11
	ADDQ AX, R11
	MOVQ outMask+48(FP), R10
	LEAQ (R10)(BX*2), R10
	MOVQ BX, AX
	SHLQ $6, AX
	MOVQ x+16(FP), DI
	ADDQ AX, DI
	MOVQ gy+8(FP), R13
	ADDQ AX, R13
	MOVQ off+24(FP), AX
	LEAQ (DI)(AX*4), DI
	MOVQ rows+56(FP), DX

dotrow:
	MOVWLZX (R10), R9
	CMPL R9, $0xffff
	JNE dotgmasked
	VMOVUPS (R13), Y8
	VMOVUPS 32(R13), Y9
	JMP dottaps

dotgmasked:
	MASK2((R10), Y12, Y10, Y11)
	VMASKMOVPS (R13), Y10, Y8
	VMASKMOVPS 32(R13), Y11, Y9

dottaps:
	MOVQ 0(R8), AX
	LEAQ (DI)(AX*4), SI
	MOVWLZX 0(R11), R9
	CMPL R9, $0xffff
	JNE dottap0masked
	VFMADD231PS (SI), Y8, Y0
	VFMADD231PS 32(SI), Y9, Y1
	JMP dottap0done

dottap0masked:
	MASK2(0(R11), Y12, Y10, Y11)
	VMASKMOVPS (SI), Y10, Y12
	VMASKMOVPS 32(SI), Y11, Y13
	VFMADD231PS Y12, Y8, Y0
	VFMADD231PS Y13, Y9, Y1

dottap0done:
	CMPQ CX, $1
	JEQ dotnext
	MOVQ 8(R8), AX
	LEAQ (DI)(AX*4), SI
	MOVWLZX 2(R11), R9
	CMPL R9, $0xffff
	JNE dottap1masked
	VFMADD231PS (SI), Y8, Y2
	VFMADD231PS 32(SI), Y9, Y3
	JMP dottap1done

dottap1masked:
	MASK2(2(R11), Y12, Y10, Y11)
	VMASKMOVPS (SI), Y10, Y12
	VMASKMOVPS 32(SI), Y11, Y13
	VFMADD231PS Y12, Y8, Y2
	VFMADD231PS Y13, Y9, Y3

dottap1done:
	CMPQ CX, $2
	JEQ dotnext
	MOVQ 16(R8), AX
	LEAQ (DI)(AX*4), SI
	MOVWLZX 4(R11), R9
	CMPL R9, $0xffff
	JNE dottap2masked
	VFMADD231PS (SI), Y8, Y4
	VFMADD231PS 32(SI), Y9, Y5
	JMP dottap2done

dottap2masked:
	MASK2(4(R11), Y12, Y10, Y11)
	VMASKMOVPS (SI), Y10, Y12
	VMASKMOVPS 32(SI), Y11, Y13
	VFMADD231PS Y12, Y8, Y4
	VFMADD231PS Y13, Y9, Y5

dottap2done:
	CMPQ CX, $3
	JEQ dotnext
	MOVQ 24(R8), AX
	LEAQ (DI)(AX*4), SI
	MOVWLZX 6(R11), R9
	CMPL R9, $0xffff
	JNE dottap3masked
	VFMADD231PS (SI), Y8, Y6
	VFMADD231PS 32(SI), Y9, Y7
	JMP dottap3done

dottap3masked:
	MASK2(6(R11), Y12, Y10, Y11)
	VMASKMOVPS (SI), Y10, Y12
	VMASKMOVPS 32(SI), Y11, Y13
	VFMADD231PS Y12, Y8, Y6
	VFMADD231PS Y13, Y9, Y7

dottap3done:

dotnext:
	MOVQ ldg+64(FP), AX
	LEAQ (R13)(AX*4), R13
	ADDQ R12, DI
	DECQ DX
	JNZ dotrow
	INCQ BX
	JMP dotblock

dotend:
	MOVQ acc+0(FP), DI
	VMOVUPS Y0, 0(DI)
	VMOVUPS Y1, 32(DI)
	CMPQ CX, $1
	JEQ dotdone
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	CMPQ CX, $2
	JEQ dotdone
	VMOVUPS Y4, 128(DI)
	VMOVUPS Y5, 160(DI)
	CMPQ CX, $3
	JEQ dotdone
	VMOVUPS Y6, 192(DI)
	VMOVUPS Y7, 224(DI)

dotdone:
	VZEROUPPER
	RET
