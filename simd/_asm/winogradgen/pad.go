package main

import "fmt"

// pad2 writes winogradPadAVX2: each padded plane in one pass, row by
// row, every row stored whole (zeros and the image row, which VMASKMOVPS
// loads put at their lanes: the lane masks made from dmask, a broadcast
// shifted left so that bit l reaches lane l's sign bit), instead of
// clearing the planes first. A row is stored as ceil(wq/8) vectors,
// whatever spills past wq landing in what follows, which is written after
// it; the caller leaves enough planes at the end to the generic twin for
// the last spill to land in. (Masked stores, as AVX-512 would use, cost
// more than the spilled lanes.)
func (g *gen) pad2() {
	for k := 0; k < 4; k++ {
		for j := 0; j < 8; j++ {
			g.l("DATA wgPadShiftAVX2<>+%d(SB)/4, $%d", 4*(8*k+j), 31-8*k-j)
		}
	}
	g.l("GLOBL wgPadShiftAVX2<>(SB), RODATA|NOPTR, $128")
	g.l("")
	g.l("// func winogradPadAVX2(dst, src *float32, planes, h, w, pw, top, bottom, wq int, dmask uint32)")
	g.l("//")
	g.l("// Per plane: top rows of zeros, h rows of zeros around the image row,")
	g.l("// bottom rows of zeros, each stored as ceil(wq/8) vectors (wq <= 32).")
	g.l("// Lanes of dmask take the image (read from src - pw: the masked-off")
	g.l("// lanes are not accessed), with Y4-Y7 the masks of lanes 0-7 ... 24-31.")
	g.l("TEXT ·winogradPadAVX2(SB), NOSPLIT, $0-76")
	g.e("MOVQ dst+0(FP), DI")
	g.e("MOVQ src+8(FP), SI")
	g.e("MOVQ planes+16(FP), DX")
	g.e("MOVQ h+24(FP), R10")
	g.e("MOVQ w+32(FP), R9")
	g.e("SHLQ $2, R9")
	g.e("MOVQ pw+40(FP), AX")
	g.e("SHLQ $2, AX")
	g.e("SUBQ AX, SI")
	g.e("MOVQ top+48(FP), R11")
	g.e("MOVQ bottom+56(FP), R12")
	g.e("MOVQ wq+64(FP), AX")
	g.e("LEAQ (AX*4), R8")
	g.e("MOVL dmask+72(FP), BX")
	g.e("MOVQ BX, X7")
	g.e("VPBROADCASTD X7, Y7")
	for k := 0; k < 4; k++ {
		g.e("VPSLLVD wgPadShiftAVX2<>+%d(SB), Y7, Y%d", 32*k, 4+k)
	}
	g.e("VXORPS Y15, Y15, Y15")
	g.e("CMPQ AX, $8")
	g.e("JLE winoPad2x1Plane")
	g.e("CMPQ AX, $16")
	g.e("JLE winoPad2x2Plane")
	g.e("CMPQ AX, $24")
	g.e("JLE winoPad2x3Plane")
	g.e("JMP winoPad2x4Plane")
	for nv := 1; nv <= 4; nv++ {
		p := fmt.Sprintf("winoPad2x%d", nv)
		zeros := func(n, label string) {
			g.e("MOVQ %s, CX", n)
			g.e("TESTQ CX, CX")
			g.e("JZ %s%sDone", p, label)
			g.l("%s%s:", p, label)
			for k := 0; k < nv; k++ {
				g.e("VMOVUPS Y15, %d(DI)", 32*k)
			}
			g.e("ADDQ R8, DI")
			g.e("DECQ CX")
			g.e("JNZ %s%s", p, label)
			g.l("%s%sDone:", p, label)
		}
		g.l("%sPlane:", p)
		zeros("R11", "Top")
		g.e("MOVQ R10, CX")
		g.l("%sRow:", p)
		for k := 0; k < nv; k++ {
			g.e("VMASKMOVPS %d(SI), Y%d, Y%d", 32*k, 4+k, k)
		}
		for k := 0; k < nv; k++ {
			g.e("VMOVUPS Y%d, %d(DI)", k, 32*k)
		}
		g.e("ADDQ R9, SI")
		g.e("ADDQ R8, DI")
		g.e("DECQ CX")
		g.e("JNZ %sRow", p)
		zeros("R12", "Bottom")
		g.e("DECQ DX")
		g.e("JNZ %sPlane", p)
		g.e("VZEROUPPER")
		g.e("RET")
	}
	g.l("")
}
