package main

import (
	"fmt"
	"math"
)

// The AVX-512 filter transforms: 16 lanes (mask in K7), every operation of
// winogradFilter16 and winogradFilterGrad16 (winograd_filter_generic.go)
// in order, the column pass kept in registers.

// filterConsts names the operands holding the filter transforms'
// constants in every lane (registers on AVX-512, memory on AVX2), and the
// sign-flip instruction.
type filterConsts struct {
	quarter, sixth, twelfth, t24, two, four, sign, xor string
}

var filter512Consts = filterConsts{quarter: "Z26", sixth: "Z27", t24: "Z28", two: "Z29", four: "Z30", sign: "Z31", xor: "VPXORD"}
var filterGrad512Consts = filterConsts{quarter: "Z28", sixth: "Z29", twelfth: "Z30", t24: "Z31"}

// filterArgs loads the arguments the filter kernels share, in their
// order: the output (DI) with its two strides (R9, R10), the input (SI)
// with its two (R8, R11), strides in bytes, and the item count (CX).
func (g *gen) filterArgs(out, outStride, outItem, in, inStride, inItem string) {
	for _, a := range []struct {
		name, reg string
		off       int
		bytes     bool
	}{{out, "DI", 0, false}, {outStride, "R9", 8, true}, {outItem, "R10", 16, true},
		{in, "SI", 24, false}, {inStride, "R8", 32, true}, {inItem, "R11", 40, true}, {"items", "CX", 48, false}} {
		g.e("MOVQ %s+%d(FP), %s", a.name, a.off, a.reg)
		if a.bytes {
			g.e("SHLQ $2, %s", a.reg)
		}
	}
}

// bcast broadcasts the float32 bits of v into register z.
func (g *gen) bcast(v float32, z string) {
	g.e("MOVL $0x%08x, AX", math.Float32bits(v))
	g.e("VPBROADCASTD AX, %s", z)
}

// filter1 writes w = G g (winogradFilter16): g and w registers, p, q, h
// and x temporaries; w[5] is g[2] and is not written. The products by -1/6
// are a product by 1/6, then a sign flip (VPXORD), as in Go.
func (g *gen) filter1(k filterConsts, gr, w []string, p, q, h, x string) {
	quarter, sixth, t24, two, four, sign := k.quarter, k.sixth, k.t24, k.two, k.four, k.sign
	g.e("VADDPS %s, %s, %s", gr[2], gr[0], p)
	g.e("VMULPS %s, %s, %s", four, gr[2], q)
	g.e("VADDPS %s, %s, %s", q, gr[0], q)
	g.e("VMULPS %s, %s, %s", two, gr[1], h)
	g.e("VMULPS %s, %s, %s", quarter, gr[0], w[0])
	g.e("VADDPS %s, %s, %s", gr[1], p, x)
	g.e("VMULPS %s, %s, %s", sixth, x, x)
	g.e("%s %s, %s, %s", k.xor, sign, x, w[1])
	g.e("VSUBPS %s, %s, %s", gr[1], p, x)
	g.e("VMULPS %s, %s, %s", sixth, x, x)
	g.e("%s %s, %s, %s", k.xor, sign, x, w[2])
	g.e("VADDPS %s, %s, %s", h, q, x)
	g.e("VMULPS %s, %s, %s", t24, x, w[3])
	g.e("VSUBPS %s, %s, %s", h, q, x)
	g.e("VMULPS %s, %s, %s", t24, x, w[4])
}

func (g *gen) filter512() {
	g.l("// func winogradFilter4AVX512(u *float32, uPos, uItem int, f *float32, fTap, fItem, items, mask int)")
	g.l("//")
	g.l("// Tap t of an item at f + t*fTap (fTap may be negative: a rotated filter).")
	g.l("// The column pass: t[r][c] in Z(3r+c), r < 6; then each row r of t, its")
	g.l("// six positions stored as they come.")
	g.l("TEXT ·winogradFilter4AVX512(SB), NOSPLIT, $0-64")
	g.filterArgs("u", "uPos", "uItem", "f", "fTap", "fItem")
	g.e("MOVQ mask+56(FP), DX")
	g.e("KMOVW DX, K7")
	g.e("LEAQ (R8)(R8*2), R12") // 3 taps
	g.e("LEAQ (R12)(R12*1), R13")
	g.bcast(0.25, "Z26")
	g.bcast(float32(1.0/6), "Z27")
	g.bcast(float32(1.0/24), "Z28")
	g.bcast(2, "Z29")
	g.bcast(4, "Z30")
	g.e("MOVL $0x80000000, AX")
	g.e("VPBROADCASTD AX, Z31")
	g.l("winoFilterLoop:")
	t := func(r, c int) string { return fmt.Sprintf("Z%d", 3*r+c) }
	in := []string{"Z18", "Z19", "Z20"}
	for c := 0; c < 3; c++ {
		if c == 0 {
			g.e("MOVQ SI, AX")
		} else {
			g.e("LEAQ (SI)(R8*%d), AX", c)
		}
		g.e("VMOVUPS.Z (AX), K7, %s", in[0])
		g.e("VMOVUPS.Z (AX)(R12*1), K7, %s", in[1])
		g.e("VMOVUPS.Z (AX)(R13*1), K7, %s", in[2])
		w := []string{t(0, c), t(1, c), t(2, c), t(3, c), t(4, c)}
		g.filter1(filter512Consts, in, w, "Z21", "Z22", "Z23", "Z24")
		g.e("VMOVAPS %s, %s", in[2], t(5, c))
	}
	g.e("MOVQ DI, R14")
	for r := 0; r < 6; r++ {
		row := []string{t(r, 0), t(r, 1), t(r, 2)}
		w := []string{"Z18", "Z19", "Z20", "Z21", "Z22"}
		g.filter1(filter512Consts, row, w, "Z23", "Z24", "Z25", w[4])
		// w[4] doubles as x: the last product overwrites it in place.
		for j, z := range append(w, row[2]) {
			g.e("VMOVUPS %s, K7, (R14)", z)
			if !(r == 5 && j == 5) {
				g.e("ADDQ R9, R14")
			}
		}
	}
	g.e("ADDQ R10, DI")
	g.e("ADDQ R11, SI")
	g.e("DECQ CX")
	g.e("JNZ winoFilterLoop")
	g.e("VZEROUPPER")
	g.e("RET")
	g.l("")
}

// filterGrad1 writes g = Gᵀ u (winogradFilterGrad16) from six registers u
// (overwritten), temporaries a, b, c, e.
func (g *gen) filterGrad1(k filterConsts, u, out []string, a, b, c, e string) {
	quarter, sixth, twelfth, t24 := k.quarter, k.sixth, k.twelfth, k.t24
	g.e("VADDPS %s, %s, %s", u[2], u[1], a)
	g.e("VADDPS %s, %s, %s", u[4], u[3], b)
	g.e("VSUBPS %s, %s, %s", u[1], u[2], c)
	g.e("VSUBPS %s, %s, %s", u[4], u[3], e)
	// g0 = float32(u0/4) - float32(a/6) + float32(b/24)
	g.e("VMULPS %s, %s, %s", quarter, u[0], u[0])
	g.e("VMULPS %s, %s, %s", sixth, a, u[1])
	g.e("VSUBPS %s, %s, %s", u[1], u[0], u[0])
	g.e("VMULPS %s, %s, %s", t24, b, u[1])
	g.e("VADDPS %s, %s, %s", u[1], u[0], out[0])
	// g1 = float32(c/6) + float32(e/12)
	g.e("VMULPS %s, %s, %s", sixth, c, u[2])
	g.e("VMULPS %s, %s, %s", twelfth, e, u[3])
	g.e("VADDPS %s, %s, %s", u[3], u[2], out[1])
	// g2 = float32((b-a)/6) + u5
	g.e("VSUBPS %s, %s, %s", a, b, u[4])
	g.e("VMULPS %s, %s, %s", sixth, u[4], u[4])
	g.e("VADDPS %s, %s, %s", u[5], u[4], out[2])
}

func (g *gen) filterGrad512() {
	g.l("// func winogradFilterGrad4AVX512(dg *float32, gTap, gItem int, u *float32, uPos, uItem, items, mask int)")
	g.l("//")
	g.l("// The column pass: t[k][j] in Z(6k+j), k < 3; then each row k of t, its")
	g.l("// three taps stored as they come.")
	g.l("TEXT ·winogradFilterGrad4AVX512(SB), NOSPLIT, $0-64")
	g.filterArgs("dg", "gTap", "gItem", "u", "uPos", "uItem")
	g.e("MOVQ mask+56(FP), DX")
	g.e("KMOVW DX, K7")
	g.e("MOVQ R8, R12")
	g.e("IMULQ $6, R12") // one row of positions
	g.bcast(0.25, "Z28")
	g.bcast(float32(1.0/6), "Z29")
	g.bcast(float32(1.0/12), "Z30")
	g.bcast(float32(1.0/24), "Z31")
	g.l("winoFilterGradLoop:")
	in := regs("Z", 18, 6)
	tmp := regs("Z", 24, 4)
	t := func(k, j int) string { return fmt.Sprintf("Z%d", 6*k+j) }
	g.e("MOVQ SI, R13")
	for j := 0; j < 6; j++ {
		g.e("MOVQ R13, AX")
		for i := 0; i < 6; i++ {
			g.e("VMOVUPS.Z (AX), K7, %s", in[i])
			if i < 5 {
				g.e("ADDQ R12, AX")
			}
		}
		g.filterGrad1(filterGrad512Consts, in, []string{t(0, j), t(1, j), t(2, j)}, tmp[0], tmp[1], tmp[2], tmp[3])
		if j < 5 {
			g.e("ADDQ R8, R13")
		}
	}
	g.e("MOVQ DI, R14")
	for k := 0; k < 3; k++ {
		row := []string{t(k, 0), t(k, 1), t(k, 2), t(k, 3), t(k, 4), t(k, 5)}
		out := in[:3]
		g.filterGrad1(filterGrad512Consts, row, out, tmp[0], tmp[1], tmp[2], tmp[3])
		for j, z := range out {
			g.e("VMOVUPS %s, K7, (R14)", z)
			if !(k == 2 && j == 2) {
				g.e("ADDQ R9, R14")
			}
		}
	}
	g.e("ADDQ R10, DI")
	g.e("ADDQ R11, SI")
	g.e("DECQ CX")
	g.e("JNZ winoFilterGradLoop")
	g.e("VZEROUPPER")
	g.e("RET")
	g.l("")
}

// filter2 writes winogradFilter4AVX2 and winogradFilterGrad4AVX2: the
// AVX-512 filter transforms on 8 lanes (mask: 8 VMASKMOVPS lane masks,
// Y15), the constants in memory and the column pass in the stack frame
// (AVX2 has half the registers).
func (g *gen) filter2() {
	consts := []struct {
		name string
		v    float32
	}{{"quarter", 0.25}, {"sixth", float32(1.0 / 6)}, {"twelfth", float32(1.0 / 12)}, {"t24", float32(1.0 / 24)}, {"two", 2}, {"four", 4}}
	for _, c := range consts {
		for j := 0; j < 8; j++ {
			g.l("DATA wgF2%s<>+%d(SB)/4, $0x%08x", c.name, 4*j, math.Float32bits(c.v))
		}
		g.l("GLOBL wgF2%s<>(SB), RODATA|NOPTR, $32", c.name)
	}
	g.l("")
	k := filterConsts{quarter: "wgF2quarter<>(SB)", sixth: "wgF2sixth<>(SB)", twelfth: "wgF2twelfth<>(SB)",
		t24: "wgF2t24<>(SB)", two: "wgF2two<>(SB)", four: "wgF2four<>(SB)", sign: "Y14", xor: "VXORPS"}
	// store moves 8 lanes, masked unless the mask is full (DX zero: a
	// plain store; masked stores are slow on some CPUs).
	store := func(y, addr string) {
		g.e("TESTQ DX, DX")
		l := fmt.Sprintf("wgF2st%d", g.label())
		g.e("JNZ %sm", l)
		g.e("VMOVUPS %s, %s", y, addr)
		g.e("JMP %sd", l)
		g.l("%sm:", l)
		g.e("VMASKMOVPS %s, Y15, %s", y, addr)
		g.l("%sd:", l)
	}

	g.l("// func winogradFilter4AVX2(u *float32, uPos, uItem int, f *float32, fTap, fItem, items int, mask *int32, full int)")
	g.l("//")
	g.l("// winogradFilter4AVX512 on 8 lanes: the column pass t[r][c] into the")
	g.l("// frame at (3r+c)*32, then each row r of t, its six positions stored as")
	g.l("// they come (plain stores when full is 1).")
	g.l("TEXT ·winogradFilter4AVX2(SB), 0, $576-72")
	g.filterArgs("u", "uPos", "uItem", "f", "fTap", "fItem")
	g.e("MOVQ mask+56(FP), AX")
	g.e("VMOVDQU (AX), Y15")
	g.e("MOVQ full+64(FP), DX")
	g.e("XORQ $1, DX") // DX != 0: masked stores
	g.e("LEAQ (R8)(R8*2), R12")
	g.e("LEAQ (R12)(R12*1), R13")
	g.e("MOVL $0x80000000, AX")
	g.e("MOVQ AX, X14")
	g.e("VPBROADCASTD X14, Y14")
	g.l("winoFilter2Loop:")
	in := []string{"Y0", "Y1", "Y2"}
	w := []string{"Y3", "Y4", "Y5", "Y6", "Y7"}
	for c := 0; c < 3; c++ {
		if c == 0 {
			g.e("MOVQ SI, AX")
		} else {
			g.e("LEAQ (SI)(R8*%d), AX", c)
		}
		g.e("VMASKMOVPS (AX), Y15, %s", in[0])
		g.e("VMASKMOVPS (AX)(R12*1), Y15, %s", in[1])
		g.e("VMASKMOVPS (AX)(R13*1), Y15, %s", in[2])
		g.filter1(k, in, w, "Y8", "Y9", "Y10", "Y11")
		for r, y := range append(append([]string{}, w...), in[2]) {
			g.e("VMOVUPS %s, %d(SP)", y, (3*r+c)*32)
		}
	}
	g.e("MOVQ DI, R14")
	for r := 0; r < 6; r++ {
		for c := 0; c < 3; c++ {
			g.e("VMOVUPS %d(SP), %s", (3*r+c)*32, in[c])
		}
		g.filter1(k, in, w, "Y8", "Y9", "Y10", "Y11")
		for j, y := range append(append([]string{}, w...), in[2]) {
			store(y, "(R14)")
			if !(r == 5 && j == 5) {
				g.e("ADDQ R9, R14")
			}
		}
	}
	g.e("ADDQ R10, DI")
	g.e("ADDQ R11, SI")
	g.e("DECQ CX")
	g.e("JNZ winoFilter2Loop")
	g.e("VZEROUPPER")
	g.e("RET")
	g.l("")

	g.l("// func winogradFilterGrad4AVX2(dg *float32, gTap, gItem int, u *float32, uPos, uItem, items int, mask *int32, full int)")
	g.l("//")
	g.l("// winogradFilterGrad4AVX512 on 8 lanes: the column pass t[k][j] into the")
	g.l("// frame at (6k+j)*32, then each row k of t, its three taps stored as they")
	g.l("// come.")
	g.l("TEXT ·winogradFilterGrad4AVX2(SB), 0, $576-72")
	g.filterArgs("dg", "gTap", "gItem", "u", "uPos", "uItem")
	g.e("MOVQ mask+56(FP), AX")
	g.e("VMOVDQU (AX), Y15")
	g.e("MOVQ full+64(FP), DX")
	g.e("XORQ $1, DX")
	g.e("MOVQ R8, R12")
	g.e("IMULQ $6, R12")
	g.l("winoFilterGrad2Loop:")
	gin := regs("Y", 0, 6)
	tmp := regs("Y", 6, 4)
	out := regs("Y", 10, 3)
	g.e("MOVQ SI, R13")
	for j := 0; j < 6; j++ {
		g.e("MOVQ R13, AX")
		for i := 0; i < 6; i++ {
			g.e("VMASKMOVPS (AX), Y15, %s", gin[i])
			if i < 5 {
				g.e("ADDQ R12, AX")
			}
		}
		g.filterGrad1(k, gin, out, tmp[0], tmp[1], tmp[2], tmp[3])
		for kk, y := range out {
			g.e("VMOVUPS %s, %d(SP)", y, (6*kk+j)*32)
		}
		if j < 5 {
			g.e("ADDQ R8, R13")
		}
	}
	g.e("MOVQ DI, R14")
	for kk := 0; kk < 3; kk++ {
		for j := 0; j < 6; j++ {
			g.e("VMOVUPS %d(SP), %s", (6*kk+j)*32, gin[j])
		}
		g.filterGrad1(k, gin, out, tmp[0], tmp[1], tmp[2], tmp[3])
		for j, y := range out {
			store(y, "(R14)")
			if !(kk == 2 && j == 2) {
				g.e("ADDQ R9, R14")
			}
		}
	}
	g.e("ADDQ R10, DI")
	g.e("ADDQ R11, SI")
	g.e("DECQ CX")
	g.e("JNZ winoFilterGrad2Loop")
	g.e("VZEROUPPER")
	g.e("RET")
	g.l("")
}
