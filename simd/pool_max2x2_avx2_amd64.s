//go:build gc && !purego

#include "textflag.h"

// The AVX2 twin of maxPool2x2RowsAVX512: 8 outputs per step from 16
// elements of each input row, split into even and odd elements by
// VSHUFPS and VPERMPD; the same ordered compares, with VBLENDVPS for the
// masked moves; VMASKMOVPS for the row's last step.

// 2j for j < 8: the offsets of the outputs' first candidates.
DATA poolEvenAVX2<>+0(SB)/4, $0
DATA poolEvenAVX2<>+4(SB)/4, $2
DATA poolEvenAVX2<>+8(SB)/4, $4
DATA poolEvenAVX2<>+12(SB)/4, $6
DATA poolEvenAVX2<>+16(SB)/4, $8
DATA poolEvenAVX2<>+20(SB)/4, $10
DATA poolEvenAVX2<>+24(SB)/4, $12
DATA poolEvenAVX2<>+28(SB)/4, $14
GLOBL poolEvenAVX2<>(SB), RODATA|NOPTR, $32

// 16 all-ones dwords, then 16 zeros: 8 dwords read from dword 16-n are
// the lane mask of the first n lanes (all of them for n >= 8).
DATA poolMaskAVX2<>+0(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+4(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+8(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+12(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+16(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+20(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+24(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+28(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+32(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+36(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+40(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+44(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+48(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+52(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+56(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+60(SB)/4, $0xffffffff
DATA poolMaskAVX2<>+64(SB)/4, $0
DATA poolMaskAVX2<>+68(SB)/4, $0
DATA poolMaskAVX2<>+72(SB)/4, $0
DATA poolMaskAVX2<>+76(SB)/4, $0
DATA poolMaskAVX2<>+80(SB)/4, $0
DATA poolMaskAVX2<>+84(SB)/4, $0
DATA poolMaskAVX2<>+88(SB)/4, $0
DATA poolMaskAVX2<>+92(SB)/4, $0
DATA poolMaskAVX2<>+96(SB)/4, $0
DATA poolMaskAVX2<>+100(SB)/4, $0
DATA poolMaskAVX2<>+104(SB)/4, $0
DATA poolMaskAVX2<>+108(SB)/4, $0
DATA poolMaskAVX2<>+112(SB)/4, $0
DATA poolMaskAVX2<>+116(SB)/4, $0
DATA poolMaskAVX2<>+120(SB)/4, $0
DATA poolMaskAVX2<>+124(SB)/4, $0
GLOBL poolMaskAVX2<>(SB), RODATA|NOPTR, $128

// BEST2X2AVX2 keeps in (Y4, Y10) the first maximum so far and its index:
// the candidate V (index I) wins if V > Y4, or if V is NaN and Y4 is not.
#define BEST2X2AVX2(V, I) \
	VCMPPS    $0x1e, Y4, V, Y8; \
	VCMPPS    $3, V, V, Y9; \
	VANDPS    Y5, Y9, Y9; \
	VORPS     Y9, Y8, Y8; \
	VBLENDVPS Y8, V, Y4, Y4; \
	VBLENDVPS Y8, I, Y10, Y10

// func maxPool2x2RowsAVX2(x, y *float32, idx *int32, w, wo, rows, at0 int)
TEXT ·maxPool2x2RowsAVX2(SB), NOSPLIT, $0-56
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
	LEAQ poolMaskAVX2<>(SB), R14
	MOVL R9, AX
	MOVQ AX, X11
	VPBROADCASTD X11, Y11
	MOVL $1, AX
	MOVQ AX, X12
	VPBROADCASTD X12, Y12

row:
	XORQ BX, BX // outputs done in this row

step:
	MOVQ R10, CX
	SUBQ BX, CX // outputs left
	JLE  nextrow
	CMPQ CX, $8
	JLT  tail
	VMOVUPS (SI)(BX*8), Y0
	VMOVUPS 32(SI)(BX*8), Y1
	VMOVUPS (DI)(BX*8), Y2
	VMOVUPS 32(DI)(BX*8), Y3
	JMP  body

tail: // CX < 8 outputs from 2*CX inputs per row
	MOVQ  $16, AX
	SUBQ  CX, AX
	SUBQ  CX, AX
	VMOVDQU (R14)(AX*4), Y8       // lanes < 2*CX
	VMOVDQU 32(R14)(AX*4), Y9     // lanes 8 + (< 2*CX-8)
	VMASKMOVPS (SI)(BX*8), Y8, Y0
	VMASKMOVPS 32(SI)(BX*8), Y9, Y1
	VMASKMOVPS (DI)(BX*8), Y8, Y2
	VMASKMOVPS 32(DI)(BX*8), Y9, Y3

body:
	// even and odd elements: [a0 a2 b0 b2 | a4 a6 b4 b6] -> a0 a2 a4 a6 b0 b2 b4 b6
	VSHUFPS $0x88, Y1, Y0, Y4
	VPERMPD $0xd8, Y4, Y4
	VSHUFPS $0xdd, Y1, Y0, Y6
	VPERMPD $0xd8, Y6, Y6
	VSHUFPS $0x88, Y3, Y2, Y7
	VPERMPD $0xd8, Y7, Y7
	VSHUFPS $0xdd, Y3, Y2, Y3
	VPERMPD $0xd8, Y3, Y3

	LEAQ  (R12)(BX*2), AX // index of r0[2j]
	MOVQ  AX, X10
	VPBROADCASTD X10, Y10
	VPADDD poolEvenAVX2<>(SB), Y10, Y10
	VPADDD Y12, Y10, Y13
	VPADDD Y11, Y10, Y14
	VPADDD Y12, Y14, Y15

	// Y5: lanes where the best so far is a number (ordered), refreshed
	// before each compare.
	VCMPPS $7, Y4, Y4, Y5
	BEST2X2AVX2(Y6, Y13)
	VCMPPS $7, Y4, Y4, Y5
	BEST2X2AVX2(Y7, Y14)
	VCMPPS $7, Y4, Y4, Y5
	BEST2X2AVX2(Y3, Y15)

	CMPQ CX, $8
	JLT  store
	VMOVUPS Y4, (DX)(BX*4)
	VMOVDQU Y10, (R8)(BX*4)
	ADDQ    $8, BX
	JMP     step

store:
	MOVQ $16, AX
	SUBQ CX, AX
	VMOVDQU (R14)(AX*4), Y8
	VMASKMOVPS Y4, Y8, (DX)(BX*4)
	VPMASKMOVD Y10, Y8, (R8)(BX*4)
	ADDQ    $8, BX
	JMP     step

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
