package main

import "fmt"

// packFile writes ../gemm_packt_amd64.s: the AVX-512 transposing packs of
// GEMM panels (see simd.GemmPackT). Each loop iteration loads 16 columns
// of the R source rows (one cache line of each), transposes the 16x16
// block in registers and stores 16 panel lines. Every source line is read
// once, whole, so the R rows at a power-of-two stride, which share an L1
// set, do not evict each other the way an element-by-element walk (or a
// gather per line) makes them do.
func packFile() []byte {
	var a asm
	a.WriteString(header)
	a.WriteString("//go:build gc && !purego\n\n#include \"textflag.h\"\n\n")
	for _, rows := range []int{14, 16} {
		packTKernel(&a, rows)
	}
	return a.Bytes()
}

// packTKernel writes gemmPackT{rows}AVX512(d, src *float32, ld, kc,
// wbytes int, smask uint32): line p of the panel (at d+p*wbytes) gets
// src[i*ld+p] in lane i for i < rows, zero in lanes rows..15, and only the
// lanes of smask are stored.
//
// The transposition is the usual four rounds: 32-bit interleaves of row
// pairs (T), 64-bit interleaves of those (U: for each group of 4 rows, 4
// registers holding columns q, q+4, q+8, q+12 in their 128-bit lanes),
// then two rounds of 128-bit lane shuffles across the 4 groups. Registers:
// Z0-Z15 the rows, then U, then the output columns; Z16-Z31 T, then the
// lane-shuffled V.
func packTKernel(a *asm, rows int) {
	name := fmt.Sprintf("gemmPackT%dAVX512", rows)
	fmt.Fprintf(a, "// func %s(d, src *float32, ld, kc, wbytes int, smask uint32)\n", name)
	fmt.Fprintf(a, "TEXT ·%s(SB), NOSPLIT, $0-44\n", name)
	a.i("MOVQ d+0(FP), DI")
	a.i("MOVQ src+8(FP), SI")
	a.i("MOVQ ld+16(FP), R9")
	a.i("SHLQ $2, R9")
	a.i("LEAQ (R9)(R9*2), R10")
	a.i("MOVQ kc+24(FP), CX")
	a.i("MOVQ wbytes+32(FP), R8")
	a.i("MOVL smask+40(FP), AX")
	a.i("KMOVW AX, K2")
	a.c("rows 4g..4g+3 start at SI, R11, R12, R13 (g = 0..3)")
	a.i("LEAQ (SI)(R9*4), R11")
	a.i("LEAQ (R11)(R9*4), R12")
	a.i("LEAQ (R12)(R9*4), R13")
	bases := []string{"SI", "R11", "R12", "R13"}
	rowAddr := func(r int) string {
		b := bases[r/4]
		switch r % 4 {
		case 0:
			return fmt.Sprintf("(%s)", b)
		case 1:
			return fmt.Sprintf("(%s)(R9*1)", b)
		case 2:
			return fmt.Sprintf("(%s)(R9*2)", b)
		}
		return fmt.Sprintf("(%s)(R10*1)", b)
	}
	z := func(i int) string { return fmt.Sprintf("Z%d", i) }
	transpose := func(masked bool) {
		for r := 0; r < rows; r++ {
			if masked {
				a.i("VMOVUPS.Z %s, K1, %s", rowAddr(r), z(r))
			} else {
				a.i("VMOVUPS %s, %s", rowAddr(r), z(r))
			}
		}
		// T[2k], T[2k+1] = the interleaves of rows 2k, 2k+1; rows past
		// the last are zero.
		for k := 0; k < 8; k++ {
			t0, t1 := z(16+2*k), z(16+2*k+1)
			if 2*k >= rows {
				a.i("VPXORD %s, %s, %s", t0, t0, t0)
				a.i("VPXORD %s, %s, %s", t1, t1, t1)
				continue
			}
			a.i("VUNPCKLPS %s, %s, %s", z(2*k+1), z(2*k), t0)
			a.i("VUNPCKHPS %s, %s, %s", z(2*k+1), z(2*k), t1)
		}
		// U[g][q] = Z(4g+q): column q (+4l in lane l) of rows 4g..4g+3.
		for g := 0; g < 4; g++ {
			lo, hi := z(16+4*g), z(16+4*g+1)
			lo2, hi2 := z(16+4*g+2), z(16+4*g+3)
			a.i("VUNPCKLPD %s, %s, %s", lo2, lo, z(4*g+0))
			a.i("VUNPCKHPD %s, %s, %s", lo2, lo, z(4*g+1))
			a.i("VUNPCKLPD %s, %s, %s", hi2, hi, z(4*g+2))
			a.i("VUNPCKHPD %s, %s, %s", hi2, hi, z(4*g+3))
		}
		// V[q][m] = Z(16+4q+m): lanes (0,1) or (2,3) of groups (0,1) and
		// (2,3); then column q+4l = lane l of every group, into Z(q+4l).
		for q := 0; q < 4; q++ {
			u := func(g int) string { return z(4*g + q) }
			a.i("VSHUFF32X4 $0x44, %s, %s, %s", u(1), u(0), z(16+4*q+0))
			a.i("VSHUFF32X4 $0xee, %s, %s, %s", u(1), u(0), z(16+4*q+1))
			a.i("VSHUFF32X4 $0x44, %s, %s, %s", u(3), u(2), z(16+4*q+2))
			a.i("VSHUFF32X4 $0xee, %s, %s, %s", u(3), u(2), z(16+4*q+3))
		}
		for q := 0; q < 4; q++ {
			v := func(m int) string { return z(16 + 4*q + m) }
			a.i("VSHUFF32X4 $0x88, %s, %s, %s", v(2), v(0), z(q+0))
			a.i("VSHUFF32X4 $0xdd, %s, %s, %s", v(2), v(0), z(q+4))
			a.i("VSHUFF32X4 $0x88, %s, %s, %s", v(3), v(1), z(q+8))
			a.i("VSHUFF32X4 $0xdd, %s, %s, %s", v(3), v(1), z(q+12))
		}
	}
	a.i("MOVQ CX, BX")
	a.i("SHRQ $4, BX")
	a.i("JZ tail")
	a.l("block")
	transpose(false)
	for c := 0; c < 16; c++ {
		a.i("VMOVUPS %s, K2, (DI)", z(c))
		a.i("ADDQ R8, DI")
	}
	for _, b := range bases {
		a.i("ADDQ $64, %s", b)
	}
	a.i("DECQ BX")
	a.i("JNZ block")
	a.l("tail")
	a.c("the last kc%%16 columns: zeroing loads under K1, that many lines stored")
	a.i("ANDQ $15, CX")
	a.i("JZ done")
	a.i("MOVL $1, AX")
	a.i("SHLL CX, AX")
	a.i("DECL AX")
	a.i("KMOVW AX, K1")
	transpose(true)
	for c := 0; c < 15; c++ {
		a.i("VMOVUPS %s, K2, (DI)", z(c))
		a.i("CMPQ CX, $%d", c+1)
		a.i("JEQ done")
		a.i("ADDQ R8, DI")
	}
	a.l("done")
	a.i("VZEROUPPER")
	a.i("RET")
	a.WriteString("\n")
}
