//go:build gc && !purego

#include "textflag.h"

// 0, 2, 4, 6: the offsets of four outputs' first candidates.
DATA poolEvenNEON<>+0(SB)/4, $0
DATA poolEvenNEON<>+4(SB)/4, $2
DATA poolEvenNEON<>+8(SB)/4, $4
DATA poolEvenNEON<>+12(SB)/4, $6
GLOBL poolEvenNEON<>(SB), RODATA|NOPTR, $16

// BEST2X2NEON keeps in (V16, V17) the first maximum so far and its index:
// the candidate V (index I) wins if V > V16, or if V is NaN and V16 is
// not. V4 = V > V16, V5 = V == V, V6 = V16 == V16; V6 is cleared where V5
// is set (VBIT from the zeros in V31), then or-ed into V4, the mask of
// the lanes that take V.
#define BEST2X2NEON(V, I, FCMGT, FCMEQV) \
	WORD FCMGT; \
	WORD FCMEQV; \
	WORD $0x4e30e606; \ // FCMEQ V6.4S, V16.4S, V16.4S
	VBIT V5.B16, V31.B16, V6.B16; \
	VORR V6.B16, V4.B16, V4.B16; \
	VBIT V4.B16, V.B16, V16.B16; \
	VBIT V4.B16, I.B16, V17.B16

// func maxPool2x2RowsNEON(x, y *float32, idx *int32, w, wo, rows, at0 int)
//
// maxPool2x2RowsGeneric on the first wo/4*4 outputs of each row (wo >= 4),
// four at a time: VLD2 splits 8 elements of each input row into the even
// and odd ones, the window candidates r0[2j] (V0), r0[2j+1] (V1), r1[2j]
// (V2), r1[2j+1] (V3), with indices V20, V21, V22, V23.
TEXT ·maxPool2x2RowsNEON(SB), NOSPLIT, $0-56
	MOVD x+0(FP), R0
	MOVD y+8(FP), R1
	MOVD idx+16(FP), R2
	MOVD w+24(FP), R3
	MOVD wo+32(FP), R4
	MOVD rows+40(FP), R5
	MOVD at0+48(FP), R6
	MOVD $poolEvenNEON<>(SB), R7
	VLD1 (R7), [V24.S4]      // 0, 2, 4, 6
	VDUP R3, V25.S4          // w
	MOVD $1, R7
	VDUP R7, V26.S4          // 1
	MOVD $8, R7
	VDUP R7, V27.S4          // 8
	VEOR V31.B16, V31.B16, V31.B16
	LSR  $2, R4, R8          // groups of four outputs per row

row:
	MOVD R0, R9              // r0
	ADD  R3<<2, R0, R10      // r1
	MOVD R1, R11
	MOVD R2, R12
	VDUP R6, V20.S4
	VADD V24.S4, V20.S4, V20.S4 // indices of r0[2j]
	MOVD R8, R13

group:
	VLD2.P 32(R9), [V0.S4, V1.S4]
	VLD2.P 32(R10), [V2.S4, V3.S4]
	VADD V26.S4, V20.S4, V21.S4
	VADD V25.S4, V20.S4, V22.S4
	VADD V26.S4, V22.S4, V23.S4
	VORR V0.B16, V0.B16, V16.B16
	VORR V20.B16, V20.B16, V17.B16
	BEST2X2NEON(V1, V21, $0x6eb0e424, $0x4e21e425) // FCMGT V4.4S, V1.4S, V16.4S; FCMEQ V5.4S, V1.4S, V1.4S
	BEST2X2NEON(V2, V22, $0x6eb0e444, $0x4e22e445) // FCMGT V4.4S, V2.4S, V16.4S; FCMEQ V5.4S, V2.4S, V2.4S
	BEST2X2NEON(V3, V23, $0x6eb0e464, $0x4e23e465) // FCMGT V4.4S, V3.4S, V16.4S; FCMEQ V5.4S, V3.4S, V3.4S
	VST1.P [V16.S4], 16(R11)
	VST1.P [V17.S4], 16(R12)
	VADD V27.S4, V20.S4, V20.S4
	SUBS $1, R13, R13
	BNE  group

	ADD  R3<<3, R0, R0       // the next pair of input rows
	ADD  R4<<2, R1, R1
	ADD  R4<<2, R2, R2
	ADD  R3<<1, R6, R6
	SUBS $1, R5, R5
	BNE  row
	RET
