package main

// The AVX2 kernels: 8 lanes, VMASKMOVPS lane masks, constants in memory
// (16 ymm registers leave none to spare).

var yc = consts{c4: "wgAVX2c4<>(SB)", c5: "wgAVX2c5<>(SB)", c2: "wgAVX2c2<>(SB)", c8: "wgAVX2c8<>(SB)"}

// transpose8 transposes the 8x8 block of rows a (lane l of row k to lane k
// of column l) with scratch t, leaving columns cols in t[0], t[1], ...
func (g *gen) transpose8(a, t []string, cols []int) map[int]string {
	for q := 0; q < 4; q++ {
		g.e("VUNPCKLPS %s, %s, %s", a[2*q+1], a[2*q], t[2*q])
		g.e("VUNPCKHPS %s, %s, %s", a[2*q+1], a[2*q], t[2*q+1])
	}
	for h := 0; h < 2; h++ {
		tt := t[4*h : 4*h+4]
		g.e("VSHUFPS $0x44, %s, %s, %s", tt[2], tt[0], a[4*h])
		g.e("VSHUFPS $0xEE, %s, %s, %s", tt[2], tt[0], a[4*h+1])
		g.e("VSHUFPS $0x44, %s, %s, %s", tt[3], tt[1], a[4*h+2])
		g.e("VSHUFPS $0xEE, %s, %s, %s", tt[3], tt[1], a[4*h+3])
	}
	out := map[int]string{}
	for i, col := range cols {
		imm := "0x20"
		if col >= 4 {
			imm = "0x31"
		}
		g.e("VPERM2F128 $%s, %s, %s, %s", imm, a[col%4+4], a[col%4], t[i])
		out[col] = t[i]
	}
	return out
}

func (g *gen) avx2() {
	Y := regs("Y", 0, 16)
	for _, c := range []struct{ name, bits string }{{"c4", "0x40800000"}, {"c5", "0x40a00000"}, {"c2", "0x40000000"}, {"c8", "0x41000000"}} {
		for k := 0; k < 8; k++ {
			g.l("DATA wgAVX2%s<>+%d(SB)/4, $%s", c.name, 4*k, c.bits)
		}
		g.l("GLOBL wgAVX2%s<>(SB), RODATA|NOPTR, $32", c.name)
	}
	g.l("")

	// Input.
	g.l("// func winogradInput4AVX2(v *float32, vPos, vItem int, x *float32, off *int32, xRow, xItem, items int, mask *int32)")
	g.l("//")
	g.l("// 8 lanes (off holds 8 offsets, mask 8 lane masks for VMASKMOVPS); per")
	g.l("// row, 8 loads of 8 floats and an 8x8 transpose into the frame, then the")
	g.l("// column pass and the row pass.")
	g.l("TEXT ·winogradInput4AVX2(SB), 0, $1216-72")
	g.e("MOVQ v+0(FP), DI")
	g.e("MOVQ vPos+8(FP), R9")
	g.e("SHLQ $2, R9")
	g.e("MOVQ vItem+16(FP), R10")
	g.e("SHLQ $2, R10")
	g.e("MOVQ x+24(FP), SI")
	g.e("MOVQ off+32(FP), R8")
	g.e("MOVQ xRow+40(FP), R11")
	g.e("SHLQ $2, R11")
	g.e("MOVQ xItem+48(FP), R12")
	g.e("SHLQ $2, R12")
	g.e("MOVQ items+56(FP), CX")
	g.e("MOVQ mask+64(FP), DX")
	g.l("winoInAVX2Loop:")
	for k := 0; k < 8; k++ {
		g.e("MOVLQSX %d(R8), AX", 4*k)
		g.e("LEAQ (SI)(AX*4), AX")
		g.e("MOVQ AX, %d(SP)", 1152+8*k)
	}
	g.e("XORQ R13, R13")
	for r := 0; r < 6; r++ {
		for k := 0; k < 8; k++ {
			g.e("MOVQ %d(SP), AX", 1152+8*k)
			g.e("VMOVUPS (AX)(R13*1), Y%d", k)
		}
		cols := g.transpose8(Y[0:8], Y[8:16], []int{0, 1, 2, 3, 4, 5})
		for c := 0; c < 6; c++ {
			g.e("VMOVUPS %s, %d(SP)", cols[c], (r*6+c)*32)
		}
		if r < 5 {
			g.e("ADDQ R11, R13")
		}
	}
	for c := 0; c < 6; c++ {
		for r := 0; r < 6; r++ {
			g.e("VMOVUPS %d(SP), Y%d", (r*6+c)*32, r)
		}
		g.in1(yc, Y[0:6], Y[6:12], "Y12", "Y13")
		for r := 0; r < 6; r++ {
			g.e("VMOVUPS Y%d, %d(SP)", 6+r, (r*6+c)*32)
		}
	}
	g.e("VMOVDQU (DX), Y15")
	g.e("MOVQ DI, R13")
	for i := 0; i < 6; i++ {
		for c := 0; c < 6; c++ {
			g.e("VMOVUPS %d(SP), Y%d", (i*6+c)*32, c)
		}
		g.in1(yc, Y[0:6], Y[6:12], "Y12", "Y13")
		for j := 0; j < 6; j++ {
			g.e("VMASKMOVPS Y%d, Y15, (R13)", 6+j)
			if !(i == 5 && j == 5) {
				g.e("ADDQ R9, R13")
			}
		}
	}
	g.e("ADDQ R10, DI")
	g.e("ADDQ R12, SI")
	g.e("DECQ CX")
	g.e("JNZ winoInAVX2Loop")
	g.e("VZEROUPPER")
	g.e("RET")
	g.l("")

	// Output.
	g.l("// func winogradOutput4AVX2(y *float32, off *int32, yRow, yItem int, m *float32, mPos, mItem int, bias *float32, items, lanes int, mask *int32)")
	g.l("//")
	g.l("// 8 lanes: the column pass into the frame, the row pass into 16 more")
	g.l("// slots, two 8x8 transposes (rows 0-1 and 2-3 of each tile), stores of 4.")
	g.l("TEXT ·winogradOutput4AVX2(SB), 0, $1280-88")
	g.e("MOVQ y+0(FP), DI")
	g.e("MOVQ off+8(FP), R8")
	g.e("MOVQ yRow+16(FP), R11")
	g.e("SHLQ $2, R11")
	g.e("MOVQ yItem+24(FP), R12")
	g.e("SHLQ $2, R12")
	g.e("MOVQ m+32(FP), SI")
	g.e("MOVQ mPos+40(FP), R9")
	g.e("SHLQ $2, R9")
	g.e("MOVQ mItem+48(FP), R10")
	g.e("SHLQ $2, R10")
	g.e("MOVQ bias+56(FP), BX")
	g.e("MOVQ items+64(FP), CX")
	g.e("MOVQ lanes+72(FP), DX")
	g.e("MOVQ R9, R14")
	g.e("IMULQ $6, R14")
	g.l("winoOutAVX2Loop:")
	g.e("MOVQ mask+80(FP), AX")
	g.e("VMOVDQU (AX), Y15")
	g.e("MOVQ SI, R15")
	for c := 0; c < 6; c++ {
		g.e("MOVQ R15, R13")
		for r := 0; r < 6; r++ {
			g.e("VMASKMOVPS (R13), Y15, Y%d", r)
			if r < 5 {
				g.e("ADDQ R14, R13")
			}
		}
		g.out1(yc, Y[0:6], Y[6:10], Y[10:15])
		for r := 0; r < 4; r++ {
			g.e("VMOVUPS Y%d, %d(SP)", 6+r, (r*6+c)*32)
		}
		if c < 5 {
			g.e("ADDQ R9, R15")
		}
	}
	for i := 0; i < 4; i++ {
		for c := 0; c < 6; c++ {
			g.e("VMOVUPS %d(SP), Y%d", (i*6+c)*32, c)
		}
		g.out1(yc, Y[0:6], Y[6:10], Y[10:15])
		g.e("TESTQ BX, BX")
		g.e("JZ winoOutAVX2Row%d", i)
		g.e("VBROADCASTSS (BX), Y14")
		for j := 0; j < 4; j++ {
			g.e("VADDPS Y14, Y%d, Y%d", 6+j, 6+j)
		}
		g.l("winoOutAVX2Row%d:", i)
		for j := 0; j < 4; j++ {
			g.e("VMOVUPS Y%d, %d(SP)", 6+j, 768+(4*i+j)*32)
		}
	}
	g.e("TESTQ BX, BX")
	g.e("JZ winoOutAVX2NoBias")
	g.e("ADDQ $4, BX")
	g.l("winoOutAVX2NoBias:")
	for half := 0; half < 2; half++ {
		for k := 0; k < 8; k++ {
			g.e("VMOVUPS %d(SP), Y%d", 768+(8*half+k)*32, k)
		}
		cols := g.transpose8(Y[0:8], Y[8:16], []int{0, 1, 2, 3, 4, 5, 6, 7})
		for l := 0; l < 8; l++ {
			if l > 0 {
				g.e("CMPQ DX, $%d", l)
				g.e("JLE winoOutAVX2Half%d", half)
			}
			g.e("MOVLQSX %d(R8), AX", 4*l)
			g.e("LEAQ (DI)(AX*4), AX")
			if half == 1 {
				g.e("LEAQ (AX)(R11*2), AX")
			}
			g.e("VMOVUPS X%s, (AX)", cols[l][1:])
			g.e("ADDQ R11, AX")
			g.e("VEXTRACTF128 $1, %s, (AX)", cols[l])
		}
		g.l("winoOutAVX2Half%d:", half)
	}
	g.e("ADDQ R12, DI")
	g.e("ADDQ R10, SI")
	g.e("DECQ CX")
	g.e("JNZ winoOutAVX2Loop")
	g.e("VZEROUPPER")
	g.e("RET")
	g.l("")

	// Output gradient.
	g.l("// func winogradGradOutput4AVX2(z *float32, zPos, zItem int, gy *float32, off *int32, gRow, gItem, items int, mask *int32)")
	g.l("//")
	g.l("// 8 lanes: per row, 8 loads of 4 and 4x4 transposes into the frame, then")
	g.l("// the column pass and the row pass.")
	g.l("TEXT ·winogradGradOutput4AVX2(SB), 0, $1344-72")
	g.e("MOVQ z+0(FP), DI")
	g.e("MOVQ zPos+8(FP), R9")
	g.e("SHLQ $2, R9")
	g.e("MOVQ zItem+16(FP), R10")
	g.e("SHLQ $2, R10")
	g.e("MOVQ gy+24(FP), SI")
	g.e("MOVQ off+32(FP), R8")
	g.e("MOVQ gRow+40(FP), R11")
	g.e("SHLQ $2, R11")
	g.e("MOVQ gItem+48(FP), R12")
	g.e("SHLQ $2, R12")
	g.e("MOVQ items+56(FP), CX")
	g.e("MOVQ mask+64(FP), DX")
	const gSlots, tSlots, addrs = 768, 0, 1280 // dY[r][c], the column pass, lane addresses
	g.l("winoGradAVX2Loop:")
	for k := 0; k < 8; k++ {
		g.e("MOVLQSX %d(R8), AX", 4*k)
		g.e("LEAQ (SI)(AX*4), AX")
		g.e("MOVQ AX, %d(SP)", addrs+8*k)
	}
	g.e("XORQ R13, R13")
	for r := 0; r < 4; r++ {
		for k := 0; k < 4; k++ { // lane k in the low half, lane k+4 in the high half
			g.e("MOVQ %d(SP), AX", addrs+8*k)
			g.e("VMOVUPS (AX)(R13*1), X%d", k)
			g.e("MOVQ %d(SP), AX", addrs+8*(k+4))
			g.e("VINSERTF128 $1, (AX)(R13*1), Y%d, Y%d", k, k)
		}
		g.e("VUNPCKLPS Y1, Y0, Y4")
		g.e("VUNPCKHPS Y1, Y0, Y5")
		g.e("VUNPCKLPS Y3, Y2, Y6")
		g.e("VUNPCKHPS Y3, Y2, Y7")
		g.e("VUNPCKLPD Y6, Y4, Y8")
		g.e("VUNPCKHPD Y6, Y4, Y9")
		g.e("VUNPCKLPD Y7, Y5, Y10")
		g.e("VUNPCKHPD Y7, Y5, Y11")
		for c := 0; c < 4; c++ {
			g.e("VMOVUPS Y%d, %d(SP)", 8+c, gSlots+(r*4+c)*32)
		}
		if r < 3 {
			g.e("ADDQ R11, R13")
		}
	}
	zs := []string{"Y0", "Y9", "Y10", "Y11", "Y12", "Y3"}
	for c := 0; c < 4; c++ {
		for r := 0; r < 4; r++ {
			g.e("VMOVUPS %d(SP), Y%d", gSlots+(r*4+c)*32, r)
		}
		g.grad1(yc, Y[0:4], zs, Y[4:9])
		for r, reg := range zs {
			g.e("VMOVUPS %s, %d(SP)", reg, tSlots+(r*4+c)*32)
		}
	}
	g.e("VMOVDQU (DX), Y15")
	g.e("MOVQ DI, R13")
	for i := 0; i < 6; i++ {
		for c := 0; c < 4; c++ {
			g.e("VMOVUPS %d(SP), Y%d", tSlots+(i*4+c)*32, c)
		}
		g.grad1(yc, Y[0:4], zs, Y[4:9])
		for j := 0; j < 6; j++ {
			g.e("VMASKMOVPS %s, Y15, (R13)", zs[j])
			if !(i == 5 && j == 5) {
				g.e("ADDQ R9, R13")
			}
		}
	}
	g.e("ADDQ R10, DI")
	g.e("ADDQ R12, SI")
	g.e("DECQ CX")
	g.e("JNZ winoGradAVX2Loop")
	g.e("VZEROUPPER")
	g.e("RET")
}
