//go:build gc && !purego

#include "textflag.h"

// 0, 1, ..., 15: the lane numbers.
DATA gemmPackIota<>+0(SB)/8, $0x0000000100000000
DATA gemmPackIota<>+8(SB)/8, $0x0000000300000002
DATA gemmPackIota<>+16(SB)/8, $0x0000000500000004
DATA gemmPackIota<>+24(SB)/8, $0x0000000700000006
DATA gemmPackIota<>+32(SB)/8, $0x0000000900000008
DATA gemmPackIota<>+40(SB)/8, $0x0000000b0000000a
DATA gemmPackIota<>+48(SB)/8, $0x0000000d0000000c
DATA gemmPackIota<>+56(SB)/8, $0x0000000f0000000e
GLOBL gemmPackIota<>(SB), RODATA|NOPTR, $64

// func gemmPackTAVX512(d, src *float32, ld, kc, wbytes int, gmask, smask uint32)
//
// Z2 holds the offsets i*ld of lanes 0..15, Z3 those of lanes 16..31; K1,
// K2 the gather masks of the two halves, K3, K4 the store masks. A gather
// clears its mask as it goes, so each one works on a copy (K5, K6), and
// its destination is zeroed first so that lanes it skips store zeros.
TEXT ·gemmPackTAVX512(SB), NOSPLIT, $0-48
	MOVQ d+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ ld+16(FP), DX
	MOVQ kc+24(FP), CX
	MOVQ wbytes+32(FP), R8
	MOVL gmask+40(FP), AX
	MOVL smask+44(FP), BX
	KMOVW AX, K1
	SHRL $16, AX
	KMOVW AX, K2
	KMOVW BX, K3
	SHRL $16, BX
	KMOVW BX, K4
	VPBROADCASTD DX, Z0
	VMOVDQU32 gemmPackIota<>(SB), Z1
	VPMULLD Z0, Z1, Z2
	VPSLLD $4, Z0, Z0
	VPADDD Z0, Z2, Z3
	TESTL BX, BX
	JNZ loop32

loop16:
	VPXORD Z4, Z4, Z4
	KMOVW K1, K5
	VGATHERDPS (SI)(Z2*4), K5, Z4
	VMOVUPS Z4, K3, (DI)
	ADDQ $4, SI
	ADDQ R8, DI
	DECQ CX
	JNZ loop16
	VZEROUPPER
	RET

loop32:
	VPXORD Z4, Z4, Z4
	VPXORD Z5, Z5, Z5
	KMOVW K1, K5
	KMOVW K2, K6
	VGATHERDPS (SI)(Z2*4), K5, Z4
	VGATHERDPS (SI)(Z3*4), K6, Z5
	VMOVUPS Z4, K3, (DI)
	VMOVUPS Z5, K4, 64(DI)
	ADDQ $4, SI
	ADDQ R8, DI
	DECQ CX
	JNZ loop32
	VZEROUPPER
	RET

// func gemmPackRowsAVX512(d, src *float32, ldBytes, kc, full, panelBytes, wbytes int, wmask, rmask uint32)
//
// K1, K2 mask the two halves of a full run of w lanes (loads and stores),
// K3, K4 the loads of the last, partial run; its store uses K1, K2, the
// lanes past the run storing the zeros of the zeroing load.
TEXT ·gemmPackRowsAVX512(SB), NOSPLIT, $0-64
	MOVQ d+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ ldBytes+16(FP), DX
	MOVQ kc+24(FP), CX
	MOVQ full+32(FP), R9
	MOVQ panelBytes+40(FP), R10
	MOVQ wbytes+48(FP), R8
	MOVL wmask+56(FP), AX
	MOVL rmask+60(FP), BX
	KMOVW AX, K1
	SHRL $16, AX
	KMOVW AX, K2
	KMOVW BX, K3
	SHRL $16, BX
	KMOVW BX, K4
	MOVL rmask+60(FP), BX

row:
	MOVQ SI, R11 // source run
	MOVQ DI, R12 // its panel line
	MOVQ R9, R13
	TESTQ R13, R13
	JZ   rest

run:
	VMOVUPS.Z (R11), K1, Z0
	VMOVUPS.Z 64(R11), K2, Z1
	VMOVUPS Z0, K1, (R12)
	VMOVUPS Z1, K2, 64(R12)
	ADDQ R8, R11
	ADDQ R10, R12
	DECQ R13
	JNZ run

rest:
	TESTL BX, BX
	JZ   next
	VMOVUPS.Z (R11), K3, Z0
	VMOVUPS.Z 64(R11), K4, Z1
	VMOVUPS Z0, K1, (R12)
	VMOVUPS Z1, K2, 64(R12)

next:
	ADDQ DX, SI
	ADDQ R8, DI
	DECQ CX
	JNZ row
	VZEROUPPER
	RET

// func gemmPackRowsAVX2(d, src *float32, ldBytes, kc, full, panelBytes, nv int, rmask *int32)
//
// gemmPackRowsAVX512 for panels of nv*8 lanes (nv 1 to 4): the full runs
// move as nv plain vectors; the last, partial run (rmask not nil: the
// VMASKMOVPS masks of its lanes, 8 per vector) is loaded masked and stored
// whole, the lanes past it storing the zeros of the masked load.
TEXT ·gemmPackRowsAVX2(SB), NOSPLIT, $0-64
	MOVQ d+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ ldBytes+16(FP), DX
	MOVQ kc+24(FP), CX
	MOVQ full+32(FP), R9
	MOVQ panelBytes+40(FP), R10
	MOVQ nv+48(FP), R8
	MOVQ rmask+56(FP), BX
	TESTQ BX, BX
	JZ   nomask
	VMOVDQU (BX), Y4
	VMOVDQU 32(BX), Y5
	VMOVDQU 64(BX), Y6
	VMOVDQU 96(BX), Y7

nomask:
	MOVQ R8, AX
	SHLQ $5, AX // wbytes
	MOVQ AX, R14

row2:
	MOVQ SI, R11 // source run
	MOVQ DI, R12 // its panel line
	MOVQ R9, R13
	TESTQ R13, R13
	JZ   rest2

run2:
	VMOVUPS (R11), Y0
	VMOVUPS Y0, (R12)
	CMPQ R8, $1
	JEQ  run2next
	VMOVUPS 32(R11), Y1
	VMOVUPS Y1, 32(R12)
	CMPQ R8, $2
	JEQ  run2next
	VMOVUPS 64(R11), Y2
	VMOVUPS Y2, 64(R12)
	CMPQ R8, $3
	JEQ  run2next
	VMOVUPS 96(R11), Y3
	VMOVUPS Y3, 96(R12)

run2next:
	ADDQ R14, R11
	ADDQ R10, R12
	DECQ R13
	JNZ run2

rest2:
	TESTQ BX, BX
	JZ   next2
	VMASKMOVPS (R11), Y4, Y0
	VMOVUPS Y0, (R12)
	CMPQ R8, $1
	JEQ  next2
	VMASKMOVPS 32(R11), Y5, Y1
	VMOVUPS Y1, 32(R12)
	CMPQ R8, $2
	JEQ  next2
	VMASKMOVPS 64(R11), Y6, Y2
	VMOVUPS Y2, 64(R12)
	CMPQ R8, $3
	JEQ  next2
	VMASKMOVPS 96(R11), Y7, Y3
	VMOVUPS Y3, 96(R12)

next2:
	ADDQ DX, SI
	ADDQ R14, DI
	DECQ CX
	JNZ row2
	VZEROUPPER
	RET
