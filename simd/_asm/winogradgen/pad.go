package main

// pad512 writes winogradPadAVX512: each padded plane in one pass, row by
// row, every row stored whole (zeros and the image row, which a zeroing
// masked load puts at its lanes), instead of clearing the planes first.
func (g *gen) pad512() {
	g.l("// func winogradPadAVX512(dst, src *float32, planes, h, w, pw, top, bottom, wq int, dmask, rmask uint32)")
	g.l("//")
	g.l("// Per plane: top rows of zeros, h rows of zeros around the image row,")
	g.l("// bottom rows of zeros. Lanes of dmask take the image (read from src -")
	g.l("// pw: the masked-off lanes are not accessed), those of rmask are stored;")
	g.l("// rows of up to 16 lanes (rmask>>16 == 0) take one vector, else two.")
	g.l("TEXT ·winogradPadAVX512(SB), NOSPLIT, $0-80")
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
	g.e("MOVQ wq+64(FP), R8")
	g.e("SHLQ $2, R8")
	g.e("MOVL dmask+72(FP), AX")
	g.e("KMOVW AX, K1")
	g.e("SHRL $16, AX")
	g.e("KMOVW AX, K2")
	g.e("MOVL rmask+76(FP), AX")
	g.e("KMOVW AX, K3")
	g.e("SHRL $16, AX")
	g.e("KMOVW AX, K4")
	g.e("VPXORD Z31, Z31, Z31")
	g.e("TESTL AX, AX")
	g.e("JNZ winoPad32")
	for _, wide := range []bool{false, true} {
		p := "winoPad16"
		if wide {
			p = "winoPad32"
			g.l("%s:", p)
		}
		zeros := func(n, label string) {
			g.e("MOVQ %s, CX", n)
			g.e("TESTQ CX, CX")
			g.e("JZ %s%sDone", p, label)
			g.l("%s%s:", p, label)
			g.e("VMOVUPS Z31, K3, (DI)")
			if wide {
				g.e("VMOVUPS Z31, K4, 64(DI)")
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
		g.e("VMOVUPS.Z (SI), K1, Z0")
		if wide {
			g.e("VMOVUPS.Z 64(SI), K2, Z1")
		}
		g.e("VMOVUPS Z0, K3, (DI)")
		if wide {
			g.e("VMOVUPS Z1, K4, 64(DI)")
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
