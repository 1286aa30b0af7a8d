//go:build gc && !purego

#include "textflag.h"

// func depthwiseConvAVX512(y, x *float32, off int, w *float32, offs *int, tapMask, outMask *uint16, rows, nb, ldy, ldx, ntaps int, bias float32)
//
// Per 16-column block (BX): DI the output strip, SI the input strip at
// the output's row, R11 the block's tap masks; eight rows at a time while
// they last (Z0-Z3, Z10-Z13; each tap's mask, offset and weight loads
// shared by eight FMAs), then four (Z0-Z3), then one (Z0). Per tap (R14):
// K1 its mask, AX its input (R10 four rows on), Z8 its weight. R8 offs, R9
// w, CX ntaps, R12 ldx*4, R13 3*ldx*4, DX the rows left.
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

conv8:
	CMPQ DX, $8
	JLT conv4
	VMOVAPS Z31, Z0
	VMOVAPS Z31, Z1
	VMOVAPS Z31, Z2
	VMOVAPS Z31, Z3
	VMOVAPS Z31, Z10
	VMOVAPS Z31, Z11
	VMOVAPS Z31, Z12
	VMOVAPS Z31, Z13
	XORQ R14, R14

conv8tap:
	KMOVW (R11)(R14*2), K1
	MOVQ (R8)(R14*8), AX
	LEAQ (SI)(AX*4), AX
	LEAQ (AX)(R12*4), R10
	VBROADCASTSS (R9)(R14*4), Z8
	VMOVUPS.Z (AX), K1, Z4
	VMOVUPS.Z (AX)(R12*1), K1, Z5
	VMOVUPS.Z (AX)(R12*2), K1, Z6
	VMOVUPS.Z (AX)(R13*1), K1, Z7
	VMOVUPS.Z (R10), K1, Z14
	VMOVUPS.Z (R10)(R12*1), K1, Z15
	VMOVUPS.Z (R10)(R12*2), K1, Z16
	VMOVUPS.Z (R10)(R13*1), K1, Z17
	VFMADD231PS Z4, Z8, Z0
	VFMADD231PS Z5, Z8, Z1
	VFMADD231PS Z6, Z8, Z2
	VFMADD231PS Z7, Z8, Z3
	VFMADD231PS Z14, Z8, Z10
	VFMADD231PS Z15, Z8, Z11
	VFMADD231PS Z16, Z8, Z12
	VFMADD231PS Z17, Z8, Z13
	INCQ R14
	CMPQ R14, CX
	JLT conv8tap
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
	VMOVUPS Z10, K2, (DI)
	VMOVUPS Z11, K2, (DI)(AX*1)
	VMOVUPS Z12, K2, (DI)(AX*2)
	VMOVUPS Z13, K2, (DI)(R10*1)
	LEAQ (DI)(AX*4), DI
	LEAQ (SI)(R12*8), SI
	SUBQ $8, DX
	JMP conv8

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


// func depthwiseDotAVX512(acc *float32, gy, x *float32, off int, offs *int, tapMask, outMask *uint16, rows, ldg, ldx, ntaps, mstride, b0, b1 int)
//
// Z0-Z15 the lanes of the taps, loaded from and stored to acc. Per
// 16-column block (BX): K2 its output mask, R11 its tap masks; per row
// (DX left): DI the input, R13 gy, Z16 the gy vector, and per tap its
// mask in K1, its input in Z17. Rows go two at a time while they last
// (R10, Z18 and Z19 the second row's input, gy vector and tap input), each
// tap's mask and offset loaded once for both rows, which it takes in
// order. R8 offs, CX ntaps, R12 ldx*4, R14 mstride*2. The taps are
// unrolled, with an exit after the last.
TEXT ·depthwiseDotAVX512(SB), NOSPLIT, $0-112
	MOVQ acc+0(FP), DI
	MOVQ ntaps+80(FP), CX
	VMOVUPS 0(DI), Z0
	CMPQ CX, $1
	JEQ dotloaded
	VMOVUPS 64(DI), Z1
	CMPQ CX, $2
	JEQ dotloaded
	VMOVUPS 128(DI), Z2
	CMPQ CX, $3
	JEQ dotloaded
	VMOVUPS 192(DI), Z3
	CMPQ CX, $4
	JEQ dotloaded
	VMOVUPS 256(DI), Z4
	CMPQ CX, $5
	JEQ dotloaded
	VMOVUPS 320(DI), Z5
	CMPQ CX, $6
	JEQ dotloaded
	VMOVUPS 384(DI), Z6
	CMPQ CX, $7
	JEQ dotloaded
	VMOVUPS 448(DI), Z7
	CMPQ CX, $8
	JEQ dotloaded
	VMOVUPS 512(DI), Z8
	CMPQ CX, $9
	JEQ dotloaded
	VMOVUPS 576(DI), Z9
	CMPQ CX, $10
	JEQ dotloaded
	VMOVUPS 640(DI), Z10
	CMPQ CX, $11
	JEQ dotloaded
	VMOVUPS 704(DI), Z11
	CMPQ CX, $12
	JEQ dotloaded
	VMOVUPS 768(DI), Z12
	CMPQ CX, $13
	JEQ dotloaded
	VMOVUPS 832(DI), Z13
	CMPQ CX, $14
	JEQ dotloaded
	VMOVUPS 896(DI), Z14
	CMPQ CX, $15
	JEQ dotloaded
	VMOVUPS 960(DI), Z15

dotloaded:
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
	MOVQ outMask+48(FP), AX
	KMOVW (AX)(BX*2), K2
	MOVQ BX, AX
	SHLQ $6, AX
	MOVQ x+16(FP), DI
	ADDQ AX, DI
	MOVQ gy+8(FP), R13
	ADDQ AX, R13
	MOVQ off+24(FP), AX
	LEAQ (DI)(AX*4), DI
	MOVQ rows+56(FP), DX

dotpair:
	CMPQ DX, $2
	JLT dotsingle
	VMOVUPS.Z (R13), K2, Z16
	MOVQ ldg+64(FP), AX
	VMOVUPS.Z (R13)(AX*4), K2, Z18
	LEAQ (DI)(R12*1), R10
	KMOVW 0(R11), K1
	MOVQ 0(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z0
	VFMADD231PS Z19, Z18, Z0
	CMPQ CX, $1
	JEQ dotpairnext
	KMOVW 2(R11), K1
	MOVQ 8(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z1
	VFMADD231PS Z19, Z18, Z1
	CMPQ CX, $2
	JEQ dotpairnext
	KMOVW 4(R11), K1
	MOVQ 16(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z2
	VFMADD231PS Z19, Z18, Z2
	CMPQ CX, $3
	JEQ dotpairnext
	KMOVW 6(R11), K1
	MOVQ 24(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z3
	VFMADD231PS Z19, Z18, Z3
	CMPQ CX, $4
	JEQ dotpairnext
	KMOVW 8(R11), K1
	MOVQ 32(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z4
	VFMADD231PS Z19, Z18, Z4
	CMPQ CX, $5
	JEQ dotpairnext
	KMOVW 10(R11), K1
	MOVQ 40(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z5
	VFMADD231PS Z19, Z18, Z5
	CMPQ CX, $6
	JEQ dotpairnext
	KMOVW 12(R11), K1
	MOVQ 48(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z6
	VFMADD231PS Z19, Z18, Z6
	CMPQ CX, $7
	JEQ dotpairnext
	KMOVW 14(R11), K1
	MOVQ 56(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z7
	VFMADD231PS Z19, Z18, Z7
	CMPQ CX, $8
	JEQ dotpairnext
	KMOVW 16(R11), K1
	MOVQ 64(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z8
	VFMADD231PS Z19, Z18, Z8
	CMPQ CX, $9
	JEQ dotpairnext
	KMOVW 18(R11), K1
	MOVQ 72(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z9
	VFMADD231PS Z19, Z18, Z9
	CMPQ CX, $10
	JEQ dotpairnext
	KMOVW 20(R11), K1
	MOVQ 80(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z10
	VFMADD231PS Z19, Z18, Z10
	CMPQ CX, $11
	JEQ dotpairnext
	KMOVW 22(R11), K1
	MOVQ 88(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z11
	VFMADD231PS Z19, Z18, Z11
	CMPQ CX, $12
	JEQ dotpairnext
	KMOVW 24(R11), K1
	MOVQ 96(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z12
	VFMADD231PS Z19, Z18, Z12
	CMPQ CX, $13
	JEQ dotpairnext
	KMOVW 26(R11), K1
	MOVQ 104(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z13
	VFMADD231PS Z19, Z18, Z13
	CMPQ CX, $14
	JEQ dotpairnext
	KMOVW 28(R11), K1
	MOVQ 112(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z14
	VFMADD231PS Z19, Z18, Z14
	CMPQ CX, $15
	JEQ dotpairnext
	KMOVW 30(R11), K1
	MOVQ 120(R8), AX
	VMOVUPS.Z (DI)(AX*4), K1, Z17
	VMOVUPS.Z (R10)(AX*4), K1, Z19
	VFMADD231PS Z17, Z16, Z15
	VFMADD231PS Z19, Z18, Z15

dotpairnext:
	LEAQ (DI)(R12*2), DI
	MOVQ ldg+64(FP), AX
	LEAQ (R13)(AX*8), R13
	SUBQ $2, DX
	JMP dotpair

dotsingle:
	TESTQ DX, DX
	JZ dotblockdone

dotrow:
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
	ADDQ R12, DI
	MOVQ ldg+64(FP), AX
	LEAQ (R13)(AX*4), R13
	DECQ DX
	JNZ dotrow

dotblockdone:
	INCQ BX
	JMP dotblock

dotend:
	MOVQ acc+0(FP), DI
	VMOVUPS Z0, 0(DI)
	CMPQ CX, $1
	JEQ dotstored
	VMOVUPS Z1, 64(DI)
	CMPQ CX, $2
	JEQ dotstored
	VMOVUPS Z2, 128(DI)
	CMPQ CX, $3
	JEQ dotstored
	VMOVUPS Z3, 192(DI)
	CMPQ CX, $4
	JEQ dotstored
	VMOVUPS Z4, 256(DI)
	CMPQ CX, $5
	JEQ dotstored
	VMOVUPS Z5, 320(DI)
	CMPQ CX, $6
	JEQ dotstored
	VMOVUPS Z6, 384(DI)
	CMPQ CX, $7
	JEQ dotstored
	VMOVUPS Z7, 448(DI)
	CMPQ CX, $8
	JEQ dotstored
	VMOVUPS Z8, 512(DI)
	CMPQ CX, $9
	JEQ dotstored
	VMOVUPS Z9, 576(DI)
	CMPQ CX, $10
	JEQ dotstored
	VMOVUPS Z10, 640(DI)
	CMPQ CX, $11
	JEQ dotstored
	VMOVUPS Z11, 704(DI)
	CMPQ CX, $12
	JEQ dotstored
	VMOVUPS Z12, 768(DI)
	CMPQ CX, $13
	JEQ dotstored
	VMOVUPS Z13, 832(DI)
	CMPQ CX, $14
	JEQ dotstored
	VMOVUPS Z14, 896(DI)
	CMPQ CX, $15
	JEQ dotstored
	VMOVUPS Z15, 960(DI)

dotstored:
	VZEROUPPER
	RET

// func depthwiseConv3AVX512(y *float32, yoff, ystep int, x *float32, xoff, xstep, ystrip, xstrip, nstrips int, cols *[3]int, w *float32, tapMask, outMask *uint16, nb, row0, rowDir, inRows, nt int, pf uintptr, pfLeft int, bias float32)
//
// The 3×3 grid: weights in Z20-Z28, bias in Z31, column byte offsets in
// R11-R13 with their masks in K1-K3 (K4 the output's) per block (BX).
// Per strip of four outputs (Z0-Z3, DI the first, R8 bytes to the next):
// the 6 input rows (slots, SI the first, R9 bytes to the next, AX the
// current; R14 the row number of the first, CX of the current) each loaded
// once as three shifted vectors (Z10-Z12), or zero outside the input, and
// added into the outputs that read them, kernel rows in order for each.
// With nt the outputs are whole aligned vectors, stored past the caches.
// After each strip, 4 lines of the prefetch hint.
TEXT ·depthwiseConv3AVX512(SB), NOSPLIT, $0-164
	MOVQ cols+72(FP), AX
	MOVQ 0(AX), R11
	MOVQ 8(AX), R12
	MOVQ 16(AX), R13
	MOVQ w+80(FP), AX
	VBROADCASTSS 0(AX), Z20
	VBROADCASTSS 4(AX), Z21
	VBROADCASTSS 8(AX), Z22
	VBROADCASTSS 12(AX), Z23
	VBROADCASTSS 16(AX), Z24
	VBROADCASTSS 20(AX), Z25
	VBROADCASTSS 24(AX), Z26
	VBROADCASTSS 28(AX), Z27
	VBROADCASTSS 32(AX), Z28
	VBROADCASTSS bias+160(FP), Z31
	MOVQ ystep+16(FP), R8
	MOVQ xstep+40(FP), R9
	XORQ BX, BX

conv3block:
	MOVQ tapMask+88(FP), AX
	LEAQ (BX)(BX*8), CX
	KMOVW (AX)(CX*2), K1
	KMOVW 2(AX)(CX*2), K2
	KMOVW 4(AX)(CX*2), K3
	MOVQ outMask+96(FP), AX
	KMOVW (AX)(BX*2), K4
	MOVQ BX, CX
	SHLQ $6, CX
	MOVQ y+0(FP), DI
	MOVQ yoff+8(FP), AX
	LEAQ (DI)(AX*4), DI
	ADDQ CX, DI
	MOVQ x+24(FP), SI
	MOVQ xoff+32(FP), AX
	LEAQ (SI)(AX*4), SI
	ADDQ CX, SI
	MOVQ nstrips+64(FP), DX
	MOVQ row0+112(FP), R14

conv3strip:
	VMOVAPS Z31, Z0
	VMOVAPS Z31, Z1
	VMOVAPS Z31, Z2
	VMOVAPS Z31, Z3
	MOVQ SI, AX
	MOVQ R14, CX
	// slot 0: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3z0
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3l0

conv3z0:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3l0:
	VFMADD231PS Z10, Z20, Z0
	VFMADD231PS Z11, Z21, Z0
	VFMADD231PS Z12, Z22, Z0
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 1: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3z1
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3l1

conv3z1:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3l1:
	VFMADD231PS Z10, Z23, Z0
	VFMADD231PS Z10, Z20, Z1
	VFMADD231PS Z11, Z24, Z0
	VFMADD231PS Z11, Z21, Z1
	VFMADD231PS Z12, Z25, Z0
	VFMADD231PS Z12, Z22, Z1
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 2: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3z2
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3l2

conv3z2:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3l2:
	VFMADD231PS Z10, Z26, Z0
	VFMADD231PS Z10, Z23, Z1
	VFMADD231PS Z10, Z20, Z2
	VFMADD231PS Z11, Z27, Z0
	VFMADD231PS Z11, Z24, Z1
	VFMADD231PS Z11, Z21, Z2
	VFMADD231PS Z12, Z28, Z0
	VFMADD231PS Z12, Z25, Z1
	VFMADD231PS Z12, Z22, Z2
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 3: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3z3
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3l3

conv3z3:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3l3:
	VFMADD231PS Z10, Z26, Z1
	VFMADD231PS Z10, Z23, Z2
	VFMADD231PS Z10, Z20, Z3
	VFMADD231PS Z11, Z27, Z1
	VFMADD231PS Z11, Z24, Z2
	VFMADD231PS Z11, Z21, Z3
	VFMADD231PS Z12, Z28, Z1
	VFMADD231PS Z12, Z25, Z2
	VFMADD231PS Z12, Z22, Z3
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 4: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3z4
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3l4

conv3z4:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3l4:
	VFMADD231PS Z10, Z26, Z2
	VFMADD231PS Z10, Z23, Z3
	VFMADD231PS Z11, Z27, Z2
	VFMADD231PS Z11, Z24, Z3
	VFMADD231PS Z12, Z28, Z2
	VFMADD231PS Z12, Z25, Z3
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 5: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3z5
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3l5

conv3z5:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3l5:
	VFMADD231PS Z10, Z26, Z3
	VFMADD231PS Z11, Z27, Z3
	VFMADD231PS Z12, Z28, Z3
	MOVQ DI, R10
	CMPQ nt+136(FP), $0
	JNE conv3nt
	VMOVUPS Z0, K4, (R10)
	ADDQ R8, R10
	VMOVUPS Z1, K4, (R10)
	ADDQ R8, R10
	VMOVUPS Z2, K4, (R10)
	ADDQ R8, R10
	VMOVUPS Z3, K4, (R10)
	JMP conv3stored

conv3nt:
	VMOVNTPS Z0, (R10)
	ADDQ R8, R10
	VMOVNTPS Z1, (R10)
	ADDQ R8, R10
	VMOVNTPS Z2, (R10)
	ADDQ R8, R10
	VMOVNTPS Z3, (R10)

conv3stored:
	MOVQ pfLeft+152(FP), CX
	TESTQ CX, CX
	JLE conv3nopf
	MOVQ pf+144(FP), AX
	PREFETCHT0 0(AX)
	PREFETCHT0 64(AX)
	PREFETCHT0 128(AX)
	PREFETCHT0 192(AX)
	ADDQ $256, AX
	MOVQ AX, pf+144(FP)
	SUBQ $4, CX
	MOVQ CX, pfLeft+152(FP)

conv3nopf:
	ADDQ ystrip+48(FP), DI
	ADDQ xstrip+56(FP), SI
	ADDQ $4, R14
	DECQ DX
	JNZ conv3strip
	INCQ BX
	CMPQ BX, nb+104(FP)
	JLT conv3block
	CMPQ nt+136(FP), $0
	JEQ conv3done
	SFENCE

conv3done:
	VZEROUPPER
	RET

// func depthwiseConv3x8AVX512(y *float32, yoff, ystep int, x *float32, xoff, xstep, ystrip, xstrip, nstrips int, cols *[3]int, w *float32, tapMask, outMask *uint16, nb, row0, rowDir, inRows, nt int, pf uintptr, pfLeft int, bias float32)
//
// The 3×3 grid: weights in Z20-Z28, bias in Z31, column byte offsets in
// R11-R13 with their masks in K1-K3 (K4 the output's) per block (BX).
// Per strip of eight outputs (Z0-Z7, DI the first, R8 bytes to the next):
// the 10 input rows (slots, SI the first, R9 bytes to the next, AX the
// current; R14 the row number of the first, CX of the current) each loaded
// once as three shifted vectors (Z10-Z12), or zero outside the input, and
// added into the outputs that read them, kernel rows in order for each.
// With nt the outputs are whole aligned vectors, stored past the caches.
// After each strip, 8 lines of the prefetch hint.
TEXT ·depthwiseConv3x8AVX512(SB), NOSPLIT, $0-164
	MOVQ cols+72(FP), AX
	MOVQ 0(AX), R11
	MOVQ 8(AX), R12
	MOVQ 16(AX), R13
	MOVQ w+80(FP), AX
	VBROADCASTSS 0(AX), Z20
	VBROADCASTSS 4(AX), Z21
	VBROADCASTSS 8(AX), Z22
	VBROADCASTSS 12(AX), Z23
	VBROADCASTSS 16(AX), Z24
	VBROADCASTSS 20(AX), Z25
	VBROADCASTSS 24(AX), Z26
	VBROADCASTSS 28(AX), Z27
	VBROADCASTSS 32(AX), Z28
	VBROADCASTSS bias+160(FP), Z31
	MOVQ ystep+16(FP), R8
	MOVQ xstep+40(FP), R9
	XORQ BX, BX

conv3eblock:
	MOVQ tapMask+88(FP), AX
	LEAQ (BX)(BX*8), CX
	KMOVW (AX)(CX*2), K1
	KMOVW 2(AX)(CX*2), K2
	KMOVW 4(AX)(CX*2), K3
	MOVQ outMask+96(FP), AX
	KMOVW (AX)(BX*2), K4
	MOVQ BX, CX
	SHLQ $6, CX
	MOVQ y+0(FP), DI
	MOVQ yoff+8(FP), AX
	LEAQ (DI)(AX*4), DI
	ADDQ CX, DI
	MOVQ x+24(FP), SI
	MOVQ xoff+32(FP), AX
	LEAQ (SI)(AX*4), SI
	ADDQ CX, SI
	MOVQ nstrips+64(FP), DX
	MOVQ row0+112(FP), R14

conv3estrip:
	VMOVAPS Z31, Z0
	VMOVAPS Z31, Z1
	VMOVAPS Z31, Z2
	VMOVAPS Z31, Z3
	VMOVAPS Z31, Z4
	VMOVAPS Z31, Z5
	VMOVAPS Z31, Z6
	VMOVAPS Z31, Z7
	MOVQ SI, AX
	MOVQ R14, CX
	// slot 0: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3ez0
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3el0

conv3ez0:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3el0:
	VFMADD231PS Z10, Z20, Z0
	VFMADD231PS Z11, Z21, Z0
	VFMADD231PS Z12, Z22, Z0
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 1: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3ez1
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3el1

conv3ez1:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3el1:
	VFMADD231PS Z10, Z23, Z0
	VFMADD231PS Z10, Z20, Z1
	VFMADD231PS Z11, Z24, Z0
	VFMADD231PS Z11, Z21, Z1
	VFMADD231PS Z12, Z25, Z0
	VFMADD231PS Z12, Z22, Z1
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 2: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3ez2
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3el2

conv3ez2:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3el2:
	VFMADD231PS Z10, Z26, Z0
	VFMADD231PS Z10, Z23, Z1
	VFMADD231PS Z10, Z20, Z2
	VFMADD231PS Z11, Z27, Z0
	VFMADD231PS Z11, Z24, Z1
	VFMADD231PS Z11, Z21, Z2
	VFMADD231PS Z12, Z28, Z0
	VFMADD231PS Z12, Z25, Z1
	VFMADD231PS Z12, Z22, Z2
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 3: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3ez3
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3el3

conv3ez3:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3el3:
	VFMADD231PS Z10, Z26, Z1
	VFMADD231PS Z10, Z23, Z2
	VFMADD231PS Z10, Z20, Z3
	VFMADD231PS Z11, Z27, Z1
	VFMADD231PS Z11, Z24, Z2
	VFMADD231PS Z11, Z21, Z3
	VFMADD231PS Z12, Z28, Z1
	VFMADD231PS Z12, Z25, Z2
	VFMADD231PS Z12, Z22, Z3
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 4: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3ez4
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3el4

conv3ez4:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3el4:
	VFMADD231PS Z10, Z26, Z2
	VFMADD231PS Z10, Z23, Z3
	VFMADD231PS Z10, Z20, Z4
	VFMADD231PS Z11, Z27, Z2
	VFMADD231PS Z11, Z24, Z3
	VFMADD231PS Z11, Z21, Z4
	VFMADD231PS Z12, Z28, Z2
	VFMADD231PS Z12, Z25, Z3
	VFMADD231PS Z12, Z22, Z4
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 5: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3ez5
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3el5

conv3ez5:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3el5:
	VFMADD231PS Z10, Z26, Z3
	VFMADD231PS Z10, Z23, Z4
	VFMADD231PS Z10, Z20, Z5
	VFMADD231PS Z11, Z27, Z3
	VFMADD231PS Z11, Z24, Z4
	VFMADD231PS Z11, Z21, Z5
	VFMADD231PS Z12, Z28, Z3
	VFMADD231PS Z12, Z25, Z4
	VFMADD231PS Z12, Z22, Z5
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 6: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3ez6
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3el6

conv3ez6:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3el6:
	VFMADD231PS Z10, Z26, Z4
	VFMADD231PS Z10, Z23, Z5
	VFMADD231PS Z10, Z20, Z6
	VFMADD231PS Z11, Z27, Z4
	VFMADD231PS Z11, Z24, Z5
	VFMADD231PS Z11, Z21, Z6
	VFMADD231PS Z12, Z28, Z4
	VFMADD231PS Z12, Z25, Z5
	VFMADD231PS Z12, Z22, Z6
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 7: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3ez7
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3el7

conv3ez7:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3el7:
	VFMADD231PS Z10, Z26, Z5
	VFMADD231PS Z10, Z23, Z6
	VFMADD231PS Z10, Z20, Z7
	VFMADD231PS Z11, Z27, Z5
	VFMADD231PS Z11, Z24, Z6
	VFMADD231PS Z11, Z21, Z7
	VFMADD231PS Z12, Z28, Z5
	VFMADD231PS Z12, Z25, Z6
	VFMADD231PS Z12, Z22, Z7
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 8: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3ez8
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3el8

conv3ez8:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3el8:
	VFMADD231PS Z10, Z26, Z6
	VFMADD231PS Z10, Z23, Z7
	VFMADD231PS Z11, Z27, Z6
	VFMADD231PS Z11, Z24, Z7
	VFMADD231PS Z12, Z28, Z6
	VFMADD231PS Z12, Z25, Z7
	ADDQ R9, AX
	ADDQ rowDir+120(FP), CX
	// slot 9: zero if its row is outside the input
	CMPQ CX, inRows+128(FP)
	JCC conv3ez9
	VMOVUPS.Z (AX)(R11*1), K1, Z10
	VMOVUPS.Z (AX)(R12*1), K2, Z11
	VMOVUPS.Z (AX)(R13*1), K3, Z12
	JMP conv3el9

conv3ez9:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

conv3el9:
	VFMADD231PS Z10, Z26, Z7
	VFMADD231PS Z11, Z27, Z7
	VFMADD231PS Z12, Z28, Z7
	MOVQ DI, R10
	CMPQ nt+136(FP), $0
	JNE conv3ent
	VMOVUPS Z0, K4, (R10)
	ADDQ R8, R10
	VMOVUPS Z1, K4, (R10)
	ADDQ R8, R10
	VMOVUPS Z2, K4, (R10)
	ADDQ R8, R10
	VMOVUPS Z3, K4, (R10)
	ADDQ R8, R10
	VMOVUPS Z4, K4, (R10)
	ADDQ R8, R10
	VMOVUPS Z5, K4, (R10)
	ADDQ R8, R10
	VMOVUPS Z6, K4, (R10)
	ADDQ R8, R10
	VMOVUPS Z7, K4, (R10)
	JMP conv3estored

conv3ent:
	VMOVNTPS Z0, (R10)
	ADDQ R8, R10
	VMOVNTPS Z1, (R10)
	ADDQ R8, R10
	VMOVNTPS Z2, (R10)
	ADDQ R8, R10
	VMOVNTPS Z3, (R10)
	ADDQ R8, R10
	VMOVNTPS Z4, (R10)
	ADDQ R8, R10
	VMOVNTPS Z5, (R10)
	ADDQ R8, R10
	VMOVNTPS Z6, (R10)
	ADDQ R8, R10
	VMOVNTPS Z7, (R10)

conv3estored:
	MOVQ pfLeft+152(FP), CX
	TESTQ CX, CX
	JLE conv3enopf
	MOVQ pf+144(FP), AX
	PREFETCHT0 0(AX)
	PREFETCHT0 64(AX)
	PREFETCHT0 128(AX)
	PREFETCHT0 192(AX)
	PREFETCHT0 256(AX)
	PREFETCHT0 320(AX)
	PREFETCHT0 384(AX)
	PREFETCHT0 448(AX)
	ADDQ $512, AX
	MOVQ AX, pf+144(FP)
	SUBQ $8, CX
	MOVQ CX, pfLeft+152(FP)

conv3enopf:
	ADDQ ystrip+48(FP), DI
	ADDQ xstrip+56(FP), SI
	ADDQ $8, R14
	DECQ DX
	JNZ conv3estrip
	INCQ BX
	CMPQ BX, nb+104(FP)
	JLT conv3eblock
	CMPQ nt+136(FP), $0
	JEQ conv3edone
	SFENCE

conv3edone:
	VZEROUPPER
	RET

// func depthwiseDot3AVX512(acc *float32, gy *float32, goff int, x *float32, xoff, ldg, ldx, rows int, cols *[3]int, d0, d1, d2 int, tapMask, outMask *uint16, b0, b1, row0, inRows int, pf uintptr, pfLeft int)
//
// The 3×3 grid: the lanes of tap (a, b) in Z(3a+b), column byte offsets
// in R11-R13 with their masks in K1-K3 (K4 the output's) per block (DI).
// Per input row (slot CX, SI its input, BX the gy row of the same index):
// its three shifted vectors (Z10-Z12, zero if row0+CX is outside the
// input), then for each kernel row a whose output row CX-d[a] is one of
// the rows, that gy row (Z13, at BX plus R8-R10 = -d[a]*ldg*4) times them
// into the lanes. R14 ldx*4, DX rows.
TEXT ·depthwiseDot3AVX512(SB), NOSPLIT, $0-160
	MOVQ acc+0(FP), AX
	VMOVUPS 0(AX), Z0
	VMOVUPS 64(AX), Z1
	VMOVUPS 128(AX), Z2
	VMOVUPS 192(AX), Z3
	VMOVUPS 256(AX), Z4
	VMOVUPS 320(AX), Z5
	VMOVUPS 384(AX), Z6
	VMOVUPS 448(AX), Z7
	VMOVUPS 512(AX), Z8
	MOVQ cols+64(FP), AX
	MOVQ 0(AX), R11
	MOVQ 8(AX), R12
	MOVQ 16(AX), R13
	MOVQ ldg+40(FP), AX
	SHLQ $2, AX
	MOVQ d0+72(FP), R8
	IMULQ AX, R8
	NEGQ R8
	MOVQ d1+80(FP), R9
	IMULQ AX, R9
	NEGQ R9
	MOVQ d2+88(FP), R10
	IMULQ AX, R10
	NEGQ R10
	MOVQ ldx+48(FP), R14
	SHLQ $2, R14
	MOVQ rows+56(FP), DX
	MOVQ b0+112(FP), DI

dot3block:
	CMPQ DI, b1+120(FP)
	JGE dot3end
	MOVQ tapMask+96(FP), AX
	LEAQ (DI)(DI*8), CX
	KMOVW (AX)(CX*2), K1
	KMOVW 2(AX)(CX*2), K2
	KMOVW 4(AX)(CX*2), K3
	MOVQ outMask+104(FP), AX
	KMOVW (AX)(DI*2), K4
	MOVQ DI, CX
	SHLQ $6, CX
	MOVQ x+24(FP), SI
	MOVQ xoff+32(FP), AX
	LEAQ (SI)(AX*4), SI
	ADDQ CX, SI
	MOVQ gy+8(FP), BX
	MOVQ goff+16(FP), AX
	LEAQ (BX)(AX*4), BX
	ADDQ CX, BX
	XORQ CX, CX

dot3slot:
	MOVQ row0+128(FP), AX
	ADDQ CX, AX
	CMPQ AX, inRows+136(FP)
	JCC dot3zero
	VMOVUPS.Z (SI)(R11*1), K1, Z10
	VMOVUPS.Z (SI)(R12*1), K2, Z11
	VMOVUPS.Z (SI)(R13*1), K3, Z12
	JMP dot3loaded

dot3zero:
	VXORPS Z10, Z10, Z10
	VXORPS Z11, Z11, Z11
	VXORPS Z12, Z12, Z12

dot3loaded:
	MOVQ CX, AX
	SUBQ d0+72(FP), AX
	CMPQ AX, DX
	JCC dot3skip0
	VMOVUPS.Z (BX)(R8*1), K4, Z13
	VFMADD231PS Z10, Z13, Z0
	VFMADD231PS Z11, Z13, Z1
	VFMADD231PS Z12, Z13, Z2

dot3skip0:
	MOVQ CX, AX
	SUBQ d1+80(FP), AX
	CMPQ AX, DX
	JCC dot3skip1
	VMOVUPS.Z (BX)(R9*1), K4, Z13
	VFMADD231PS Z10, Z13, Z3
	VFMADD231PS Z11, Z13, Z4
	VFMADD231PS Z12, Z13, Z5

dot3skip1:
	MOVQ CX, AX
	SUBQ d2+88(FP), AX
	CMPQ AX, DX
	JCC dot3skip2
	VMOVUPS.Z (BX)(R10*1), K4, Z13
	VFMADD231PS Z10, Z13, Z6
	VFMADD231PS Z11, Z13, Z7
	VFMADD231PS Z12, Z13, Z8

dot3skip2:
	// a line of the prefetch hint
	MOVQ pfLeft+152(FP), AX
	TESTQ AX, AX
	JLE dot3nopf
	DECQ AX
	MOVQ AX, pfLeft+152(FP)
	MOVQ pf+144(FP), AX
	PREFETCHT0 (AX)
	ADDQ $64, AX
	MOVQ AX, pf+144(FP)

dot3nopf:
	ADDQ R14, SI
	MOVQ ldg+40(FP), AX
	LEAQ (BX)(AX*4), BX
	INCQ CX
	LEAQ 2(DX), AX
	CMPQ CX, AX
	JLT dot3slot
	INCQ DI
	JMP dot3block

dot3end:
	MOVQ acc+0(FP), AX
	VMOVUPS Z0, 0(AX)
	VMOVUPS Z1, 64(AX)
	VMOVUPS Z2, 128(AX)
	VMOVUPS Z3, 192(AX)
	VMOVUPS Z4, 256(AX)
	VMOVUPS Z5, 320(AX)
	VMOVUPS Z6, 384(AX)
	VMOVUPS Z7, 448(AX)
	VMOVUPS Z8, 512(AX)
	VZEROUPPER
	RET

// func foldLanesAVX512(out, acc *float32, n int)
//
// Per sum: the 16 lanes in Z0 folded by the tree of foldLanes, l + l+8,
// then l + l+4, l + l+2, l + l+1, one rounding per addition.
TEXT ·foldLanesAVX512(SB), NOSPLIT, $0-24
	MOVQ out+0(FP), DI
	MOVQ acc+8(FP), SI
	MOVQ n+16(FP), CX
	TESTQ CX, CX
	JLE folddone

foldloop:
	VMOVUPS (SI), Z0
	VEXTRACTF32X8 $1, Z0, Y1
	VADDPS Y1, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPS X1, X0, X0
	VMOVHLPS X0, X0, X1
	VADDPS X1, X0, X0
	VMOVSHDUP X0, X1
	VADDSS X1, X0, X0
	VMOVSS X0, (DI)
	ADDQ $64, SI
	ADDQ $4, DI
	DECQ CX
	JNZ foldloop

folddone:
	VZEROUPPER
	RET
