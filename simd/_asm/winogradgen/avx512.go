package main

// The AVX-512 kernels: 16 lanes, lane masks in K7, constants in Z25, Z28,
// Z29, Z30.

func (g *gen) input512() {
	Z := regs("Z", 0, 32)
	g.l("// func winogradInput4AVX512(v *float32, vPos, vItem int, x *float32, off *int32, xRow, xItem, items, mask int)")
	g.l("//")
	g.l("// off holds 16 offsets (unused lanes repeat a valid one), and 8 floats")
	g.l("// are read from each tile row (the last 2 unused). Each item: per row, 16")
	g.l("// loads and a 16x8 transpose into the frame (lanes = tiles), then the")
	g.l("// column pass and the row pass.")
	g.l("TEXT ·winogradInput4AVX512(SB), 0, $2432-72")
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
	g.e("KMOVW DX, K7")
	g.zconsts(true, false)
	g.l("winoInLoop:")
	for k := 0; k < 16; k++ {
		g.e("MOVLQSX %d(R8), AX", 4*k)
		g.e("LEAQ (SI)(AX*4), AX")
		g.e("MOVQ AX, %d(SP)", 2304+8*k)
	}
	g.e("XORQ R13, R13")
	for r := 0; r < 6; r++ {
		// Register k holds the row of lane lo(k) and, in its upper half,
		// of lane hi(k): the order the shuffles below put back straight.
		for k := 0; k < 8; k++ {
			lo, hi := k, k+4
			if k >= 4 {
				lo, hi = k+4, k+8
			}
			g.e("MOVQ %d(SP), AX", 2304+8*lo)
			g.e("VMOVUPS (AX)(R13*1), Y%d", k)
			g.e("MOVQ %d(SP), AX", 2304+8*hi)
			g.e("VINSERTF32X8 $1, (AX)(R13*1), Z%d, Z%d", k, k)
		}
		for q := 0; q < 4; q++ {
			g.e("VUNPCKLPS Z%d, Z%d, Z%d", 2*q+1, 2*q, 8+2*q)
			g.e("VUNPCKHPS Z%d, Z%d, Z%d", 2*q+1, 2*q, 8+2*q+1)
		}
		for h := 0; h < 2; h++ {
			t := 8 + 4*h
			g.e("VUNPCKLPD Z%d, Z%d, Z%d", t+2, t, 4*h)
			g.e("VUNPCKHPD Z%d, Z%d, Z%d", t+2, t, 4*h+1)
			g.e("VUNPCKLPD Z%d, Z%d, Z%d", t+3, t+1, 4*h+2)
			g.e("VUNPCKHPD Z%d, Z%d, Z%d", t+3, t+1, 4*h+3)
		}
		for _, s := range []struct {
			col, a, b int
			imm       string
		}{{0, 0, 4, "0x88"}, {4, 0, 4, "0xDD"}, {1, 1, 5, "0x88"}, {5, 1, 5, "0xDD"}, {2, 2, 6, "0x88"}, {3, 3, 7, "0x88"}} {
			g.e("VSHUFF32X4 $%s, Z%d, Z%d, Z%d", s.imm, s.b, s.a, 16+s.col)
		}
		for col := 0; col < 6; col++ {
			g.e("VMOVUPS Z%d, %d(SP)", 16+col, (r*6+col)*64)
		}
		if r < 5 {
			g.e("ADDQ R11, R13")
		}
	}
	for c := 0; c < 6; c++ {
		for r := 0; r < 6; r++ {
			g.e("VMOVUPS %d(SP), Z%d", (r*6+c)*64, r)
		}
		g.in1(zc, Z[0:6], Z[6:12], "Z26", "Z27")
		for r := 0; r < 6; r++ {
			g.e("VMOVUPS Z%d, %d(SP)", 6+r, (r*6+c)*64)
		}
	}
	g.e("MOVQ DI, R13")
	for i := 0; i < 6; i++ {
		for c := 0; c < 6; c++ {
			g.e("VMOVUPS %d(SP), Z%d", (i*6+c)*64, c)
		}
		g.in1(zc, Z[0:6], Z[6:12], "Z26", "Z27")
		for j := 0; j < 6; j++ {
			g.e("VMOVUPS Z%d, K7, (R13)", 6+j)
			if !(i == 5 && j == 5) {
				g.e("ADDQ R9, R13")
			}
		}
	}
	g.e("ADDQ R10, DI")
	g.e("ADDQ R12, SI")
	g.e("DECQ CX")
	g.e("JNZ winoInLoop")
	g.e("VZEROUPPER")
	g.e("RET")
	g.l("")
}

func (g *gen) output512() {
	Z := regs("Z", 0, 32)
	g.l("// func winogradOutput4AVX512(y *float32, off *int32, yRow, yItem int, m *float32, mPos, mItem int, bias *float32, items, mask, runs int)")
	g.l("//")
	g.l("// Each item: the column pass into the frame (24 slots), the row pass")
	g.l("// into 16 more slots (Y by position, lanes = tiles), two stages of a 16x16")
	g.l("// transpose and 4x4 block transposes per row (a group of 4 lanes' row in one")
	g.l("// register), then stores at the offsets: no scatter, which is slow.")
	g.l("TEXT ·winogradOutput4AVX512(SB), 0, $2576-88")
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
	g.e("MOVQ mask+72(FP), DX")
	g.e("KMOVW DX, K7")
	g.e("POPCNTQ DX, DX")
	g.e("MOVQ runs+80(FP), AX")
	g.e("MOVQ AX, 2560(SP)")
	g.e("MOVQ R9, R14")
	g.e("IMULQ $6, R14")
	g.l("winoOutLoop:")
	g.zconsts(false, true)
	g.e("MOVQ SI, R15")
	for c := 0; c < 6; c++ {
		g.e("MOVQ R15, R13")
		for r := 0; r < 6; r++ {
			g.e("VMOVUPS.Z (R13), K7, Z%d", r)
			if r < 5 {
				g.e("ADDQ R14, R13")
			}
		}
		g.out1(zc, Z[0:6], Z[6:10], Z[20:25])
		for r := 0; r < 4; r++ {
			g.e("VMOVUPS Z%d, %d(SP)", 6+r, (r*6+c)*64)
		}
		if c < 5 {
			g.e("ADDQ R9, R15")
		}
	}
	g.e("TESTQ BX, BX")
	g.e("JZ winoOutNoBias")
	g.e("VBROADCASTSS (BX), Z18")
	g.e("ADDQ $4, BX")
	g.l("winoOutNoBias:")
	for i := 0; i < 4; i++ {
		for c := 0; c < 6; c++ {
			g.e("VMOVUPS %d(SP), Z%d", (i*6+c)*64, c)
		}
		g.out1(zc, Z[0:6], Z[6:10], Z[20:25])
		g.e("TESTQ BX, BX")
		g.e("JZ winoOutRow%d", i)
		for j := 0; j < 4; j++ {
			g.e("VADDPS Z18, Z%d, Z%d", 6+j, 6+j)
		}
		g.l("winoOutRow%d:", i)
		for j := 0; j < 4; j++ {
			g.e("VMOVUPS Z%d, %d(SP)", 6+j, 1536+(4*i+j)*64)
		}
	}
	// Transpose: Z0..Z15 = Y by position.
	for p := 0; p < 16; p++ {
		g.e("VMOVUPS %d(SP), Z%d", 1536+p*64, p)
	}
	for k := 0; k < 8; k++ {
		g.e("VUNPCKLPS Z%d, Z%d, Z%d", 2*k+1, 2*k, 16+2*k)
		g.e("VUNPCKHPS Z%d, Z%d, Z%d", 2*k+1, 2*k, 16+2*k+1)
	}
	for k := 0; k < 4; k++ {
		a := 16 + 4*k
		g.e("VUNPCKLPD Z%d, Z%d, Z%d", a+2, a, 4*k)
		g.e("VUNPCKHPD Z%d, Z%d, Z%d", a+2, a, 4*k+1)
		g.e("VUNPCKLPD Z%d, Z%d, Z%d", a+3, a+1, 4*k+2)
		g.e("VUNPCKHPD Z%d, Z%d, Z%d", a+3, a+1, 4*k+3)
	}
	for k := 0; k < 4; k++ {
		s := 16 + 4*k
		g.e("VSHUFF32X4 $0x44, Z%d, Z%d, Z%d", 4*k+1, 4*k, s)
		g.e("VSHUFF32X4 $0xEE, Z%d, Z%d, Z%d", 4*k+1, 4*k, s+1)
		g.e("VSHUFF32X4 $0x44, Z%d, Z%d, Z%d", 4*k+3, 4*k+2, s+2)
		g.e("VSHUFF32X4 $0xEE, Z%d, Z%d, Z%d", 4*k+3, 4*k+2, s+3)
	}
	for k := 0; k < 4; k++ {
		s := 16 + 4*k
		g.e("VSHUFF32X4 $0x88, Z%d, Z%d, Z%d", s+2, s, 4*k)
		g.e("VSHUFF32X4 $0xDD, Z%d, Z%d, Z%d", s+2, s, 4*k+1)
		g.e("VSHUFF32X4 $0x88, Z%d, Z%d, Z%d", s+3, s+1, 4*k+2)
		g.e("VSHUFF32X4 $0xDD, Z%d, Z%d, Z%d", s+3, s+1, 4*k+3)
	}
	// Z(4k+b) block q = row k of the tile of lane 4b+q. A group b of 4
	// tiles side by side in one row (bit b of runs) stores each row with
	// one zmm.
	for b := 0; b < 4; b++ {
		g.e("CMPQ DX, $%d", 4*b)
		g.e("JLE winoOutStored")
		g.e("MOVQ 2560(SP), R15")
		g.e("TESTQ $%d, R15", 1<<b)
		g.e("JZ winoOutSlow%d", b)
		g.e("MOVLQSX %d(R8), AX", 16*b)
		g.e("LEAQ (DI)(AX*4), AX")
		for k := 0; k < 4; k++ {
			g.e("VMOVUPS Z%d, (AX)", 4*k+b)
			if k < 3 {
				g.e("ADDQ R11, AX")
			}
		}
		g.e("JMP winoOutGroup%d", b)
		g.l("winoOutSlow%d:", b)
		for q := 0; q < 4; q++ {
			l := 4*b + q
			if q > 0 {
				g.e("CMPQ DX, $%d", l)
				g.e("JLE winoOutStored")
			}
			g.e("MOVLQSX %d(R8), AX", 4*l)
			g.e("LEAQ (DI)(AX*4), AX")
			for k := 0; k < 4; k++ {
				g.e("VEXTRACTF32X4 $%d, Z%d, (AX)", q, 4*k+b)
				if k < 3 {
					g.e("ADDQ R11, AX")
				}
			}
		}
		g.l("winoOutGroup%d:", b)
	}
	g.l("winoOutStored:")
	g.e("ADDQ R12, DI")
	g.e("ADDQ R10, SI")
	g.e("DECQ CX")
	g.e("JNZ winoOutLoop")
	g.e("VZEROUPPER")
	g.e("RET")
	g.l("")
}

func (g *gen) grad512() {
	Z := regs("Z", 0, 32)
	g.l("// func winogradGradOutput4AVX512(z *float32, zPos, zItem int, gy *float32, off *int32, gRow, gItem, items, mask int)")
	g.l("//")
	g.l("// off holds 16 offsets (unused lanes repeat a valid one). Each item: per")
	g.l("// row, 16 loads of 4 and a 16x4 transpose (lanes = tiles), then the")
	g.l("// column pass into the frame and the row pass.")
	g.l("TEXT ·winogradGradOutput4AVX512(SB), 0, $1664-72")
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
	g.e("KMOVW DX, K7")
	g.zconsts(false, true)
	g.l("winoGradLoop:")
	for k := 0; k < 16; k++ {
		g.e("MOVLQSX %d(R8), AX", 4*k)
		g.e("LEAQ (SI)(AX*4), AX")
		g.e("MOVQ AX, %d(SP)", 1536+8*k)
	}
	g.e("XORQ R13, R13")
	for r := 0; r < 4; r++ {
		// Lane 4b+k comes from register k, block b.
		for k := 0; k < 4; k++ {
			for b := 0; b < 4; b++ {
				g.e("MOVQ %d(SP), AX", 1536+8*(4*b+k))
				if b == 0 {
					g.e("VMOVUPS (AX)(R13*1), X%d", 12+k)
				} else {
					g.e("VINSERTF32X4 $%d, (AX)(R13*1), Z%d, Z%d", b, 12+k, 12+k)
				}
			}
		}
		g.e("VUNPCKLPS Z13, Z12, Z16")
		g.e("VUNPCKHPS Z13, Z12, Z17")
		g.e("VUNPCKLPS Z15, Z14, Z18")
		g.e("VUNPCKHPS Z15, Z14, Z19")
		g.e("VUNPCKLPD Z18, Z16, Z%d", 4*r)
		g.e("VUNPCKHPD Z18, Z16, Z%d", 4*r+1)
		g.e("VUNPCKLPD Z19, Z17, Z%d", 4*r+2)
		g.e("VUNPCKHPD Z19, Z17, Z%d", 4*r+3)
		if r < 3 {
			g.e("ADDQ R11, R13")
		}
	}
	// Z(4r+c) = dY[r][c]; the column pass writes z1..z4 to registers the
	// remaining columns do not use.
	for c := 0; c < 4; c++ {
		gy := []string{Z[c], Z[4+c], Z[8+c], Z[12+c]}
		zz := []string{gy[0], "Z26", "Z27", "Z29", "Z31", gy[3]}
		g.grad1(zc, gy, zz, Z[20:25])
		for r, reg := range zz {
			g.e("VMOVUPS %s, %d(SP)", reg, (r*4+c)*64)
		}
	}
	out := []string{"Z0", "Z7", "Z8", "Z9", "Z10", "Z3"}
	g.e("MOVQ DI, R13")
	for i := 0; i < 6; i++ {
		for c := 0; c < 4; c++ {
			g.e("VMOVUPS %d(SP), Z%d", (i*4+c)*64, c)
		}
		g.grad1(zc, Z[0:4], out, Z[20:25])
		for j := 0; j < 6; j++ {
			g.e("VMOVUPS %s, K7, (R13)", out[j])
			if !(i == 5 && j == 5) {
				g.e("ADDQ R9, R13")
			}
		}
	}
	g.e("ADDQ R10, DI")
	g.e("ADDQ R12, SI")
	g.e("DECQ CX")
	g.e("JNZ winoGradLoop")
	g.e("VZEROUPPER")
	g.e("RET")
}
