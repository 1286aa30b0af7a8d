//go:build gc && !purego

#include "textflag.h"

// func prefetchRowsT1(x *float32, ld, rows, n int)
TEXT ·prefetchRowsT1(SB), NOSPLIT, $0-32
	MOVQ x+0(FP), SI
	MOVQ ld+8(FP), R8
	SHLQ $2, R8
	MOVQ rows+16(FP), CX
	MOVQ n+24(FP), DX
	SHLQ $2, DX
	SUBQ $1, DX // last byte of a row

row:
	XORQ AX, AX

line:
	PREFETCHT1 (SI)(AX*1)
	ADDQ $64, AX
	CMPQ AX, DX
	JLE line
	// the last line, when the row does not start on a line boundary
	PREFETCHT1 (SI)(DX*1)
	ADDQ R8, SI
	DECQ CX
	JNZ row
	RET
