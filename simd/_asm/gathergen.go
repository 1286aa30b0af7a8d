package main

import "fmt"

// gatherFile writes ../gemm_gather_amd64.s: the AVX-512 micro-kernels whose
// A or B operand is read in place from an image instead of from a packed
// panel (see simd.GemmGatherT and simd.GemmGatherB).
func gatherFile() []byte {
	var a asm
	a.WriteString(header)
	a.WriteString("//go:build gc && !purego\n\n#include \"textflag.h\"\n\n")
	// 14 rows: output pixels of the forward convolution. 7 rows: the taps
	// of one row of a 7x7 filter, for its weight gradient.
	for _, mr := range []int{14, 7} {
		gatherKernel(&a, mr)
	}
	// B read in place, A packed: the rows are output channels, as many as
	// the smallest variant that covers them.
	for _, mr := range []int{2, 4, 6, 8, 10, 12, 14} {
		gatherBKernel(&a, mr)
	}
	gatherBKernelAVX2(&a)
	return a.Bytes()
}

// gatherKernel writes gemmKernel{mr}x32GatherAVX512(k int, off *int32,
// x, x2, b, c, bias *float32): the mr x 32 tile c (row stride 32) with
//
//	acc = bias[j]
//	for p := 0; p < k; p++ { acc = fma(A[i, p], b[p*32+j], acc) }
//	c[i*32+j] = acc
//
// where A[i, p] = x[off[p]+i] for the rows i < 7 and x2[off[p]+i-7] for
// the rows past them: two runs of 7 taps (x2 = x+7 makes it one run of 14).
// It is avx512Kernel's loop with the broadcast of A[i,p] taken from the
// image at the step's offset (one offset load per step) rather than from
// a packed panel, so that a convolution's im2col rows are never copied.
// Registers as in avx512Kernel: Z0, Z1 the B row, Z2/Z3 the broadcasts,
// Z4.. the accumulators acc(i, v) = Z(4+2i+v).
func gatherKernel(a *asm, mr int) {
	const nr = 32
	unroll := avx512Unroll
	name := fmt.Sprintf("gemmKernel%dx%dGatherAVX512", mr, nr)
	acc := func(i, v int) string { return fmt.Sprintf("Z%d", 4+2*i+v) }
	bStep := 4 * nr

	fmt.Fprintf(a, "// func %s(k int, off *int32, x, x2, b, c, bias *float32)\n", name)
	fmt.Fprintf(a, "TEXT ·%s(SB), NOSPLIT, $0-56\n", name)
	a.i("MOVQ k+0(FP), CX")
	a.i("MOVQ off+8(FP), R9")
	a.i("MOVQ x+16(FP), SI")
	a.i("MOVQ x2+24(FP), R13")
	a.i("MOVQ b+32(FP), DI")
	a.i("MOVQ c+40(FP), DX")
	a.i("MOVQ bias+48(FP), AX")
	a.c("acc = bias, every row")
	a.i("VMOVUPS (AX), %s", acc(0, 0))
	a.i("VMOVUPS 64(AX), %s", acc(0, 1))
	for i := 1; i < mr; i++ {
		a.i("VMOVAPS %s, %s", acc(0, 0), acc(i, 0))
		a.i("VMOVAPS %s, %s", acc(0, 1), acc(i, 1))
	}
	step := func(u int, _ bool) {
		a.i("MOVLQSX %d(R9), R12", 4*u)
		a.i("VMOVUPS %d(DI), Z0", u*bStep)
		a.i("VMOVUPS %d(DI), Z1", u*bStep+64)
		for i := 0; i < mr; i++ {
			t := fmt.Sprintf("Z%d", 2+i%2)
			if i < 7 {
				a.i("VBROADCASTSS %d(SI)(R12*4), %s", 4*i, t)
			} else {
				a.i("VBROADCASTSS %d(R13)(R12*4), %s", 4*(i-7), t)
			}
			a.i("VFMADD231PS %s, Z0, %s", t, acc(i, 0))
			a.i("VFMADD231PS %s, Z1, %s", t, acc(i, 1))
		}
	}
	kLoop(a, unroll, step, func(steps int) {
		a.i("ADDQ $%d, R9", 4*steps)
		a.i("ADDQ $%d, DI", steps*bStep)
	})
	a.l("store")
	for i := 0; i < mr; i++ {
		a.i("VMOVUPS %s, %d(DX)", acc(i, 0), i*bStep)
		a.i("VMOVUPS %s, %d(DX)", acc(i, 1), i*bStep+64)
	}
	a.i("VZEROUPPER")
	a.i("RET")
	a.WriteString("\n")
}

// gatherBKernel writes gemmKernel{mr}of14x32GatherBAVX512(k int, a *float32,
// off *int32, x, c, bias *float32, ldc, rows int, mask uint32, load bool):
// the rows x 32 tile of c (row stride ldc, rows <= mr, the columns of mask)
// with
//
//	acc = load ? c[i*ldc+j] : (bias != nil ? bias[i] : 0)
//	for p := 0; p < k; p++ { acc = fma(a[p*14+i], x[off[p]+j], acc) }
//	c[i*ldc+j] = acc
//
// avx512Kernel's loop with the B row of step p read in place: the 32
// elements at x+4*off[p] (two loads, whatever the mask: the lanes outside
// it are computed and dropped), A from a packed 14-row panel. For a
// convolution at stride 1 the B row is the run of input pixels one tap
// reads for 32 output pixels of a row, so nothing is packed but the
// filters.
func gatherBKernel(a *asm, mr int) {
	const nr, lda = 32, 14
	unroll := avx512Unroll
	name := fmt.Sprintf("gemmKernel%dof14x32GatherBAVX512", mr)
	acc := func(i, v int) string { return fmt.Sprintf("Z%d", 4+2*i+v) }
	aStep := 4 * lda

	fmt.Fprintf(a, "// func %s(k int, a *float32, off *int32, x, c, bias *float32, ldc, rows int, mask uint32, load bool)\n", name)
	fmt.Fprintf(a, "TEXT ·%s(SB), NOSPLIT, $0-69\n", name)
	a.i("MOVQ k+0(FP), CX")
	a.i("MOVQ a+8(FP), SI")
	a.i("MOVQ off+16(FP), R9")
	a.i("MOVQ x+24(FP), R10")
	a.i("MOVQ c+32(FP), DX")
	a.i("MOVQ bias+40(FP), AX")
	a.i("MOVQ ldc+48(FP), R8")
	a.i("SHLQ $2, R8")
	a.i("MOVQ rows+56(FP), BX")
	a.i("MOVL mask+64(FP), R11")
	a.i("KMOVW R11, K1")
	a.i("SHRL $16, R11")
	a.i("KMOVW R11, K2")

	a.c("acc = C where load, else the row's bias, else 0")
	a.i("CMPB load+68(FP), $0")
	a.i("JNE loadc")
	a.i("TESTQ AX, AX")
	a.i("JEQ zero")
	for i := 0; i < mr; i++ {
		a.i("VBROADCASTSS %d(AX), %s", 4*i, acc(i, 0))
		a.i("VMOVAPS %s, %s", acc(i, 0), acc(i, 1))
	}
	a.i("JMP compute")
	a.l("zero")
	for i := 0; i < mr; i++ {
		for v := 0; v < 2; v++ {
			a.i("VPXORD %s, %s, %s", acc(i, v), acc(i, v), acc(i, v))
		}
	}
	a.i("JMP compute")
	a.l("loadc")
	for i := 0; i < mr; i++ {
		for v := 0; v < 2; v++ {
			a.i("VPXORD %s, %s, %s", acc(i, v), acc(i, v), acc(i, v))
		}
	}
	avx512LoadC(a, mr, acc, "R13")

	step := func(u int, _ bool) {
		a.i("MOVLQSX %d(R9), R12", 4*u)
		a.i("VMOVUPS (R10)(R12*4), Z0")
		a.i("VMOVUPS 64(R10)(R12*4), Z1")
		for i := 0; i < mr; i++ {
			t := fmt.Sprintf("Z%d", 2+i%2)
			a.i("VBROADCASTSS %d(SI), %s", u*aStep+4*i, t)
			a.i("VFMADD231PS %s, Z0, %s", t, acc(i, 0))
			a.i("VFMADD231PS %s, Z1, %s", t, acc(i, 1))
		}
	}
	a.l("compute")
	kLoop(a, unroll, step, func(steps int) {
		a.i("ADDQ $%d, SI", steps*aStep)
		a.i("ADDQ $%d, R9", 4*steps)
	})
	a.l("store")
	avx512StoreC(a, mr, acc)
}

// gatherBKernelAVX2 writes gemmKernel6x16GatherBAVX2(k int, a *float32,
// off *int32, x, c, bias *float32, ldc, rows, cols int): the rows x cols
// corner (rows <= 6, cols <= 16) of the tile
//
//	acc = bias != nil ? bias[i] : 0
//	for p := 0; p < k; p++ { acc = fma(a[p*6+i], x[off[p]+j], acc) }
//	c[i*ldc+j] = acc
//
// avx2Kernel's loop with the 16 elements of the B row of step p read at
// x+4*off[p] (two loads, whatever cols is); a corner narrower than the
// tile goes through the frame, as in avx2Kernel. It never reads C.
func gatherBKernelAVX2(a *asm) {
	const mr, nr, unroll = 6, 16, 4
	name := "gemmKernel6x16GatherBAVX2"
	acc := func(i, v int) string { return fmt.Sprintf("Y%d", 4+2*i+v) }
	aStep := 4 * mr

	fmt.Fprintf(a, "// func %s(k int, a *float32, off *int32, x, c, bias *float32, ldc, rows, cols int)\n", name)
	fmt.Fprintf(a, "TEXT ·%s(SB), NOSPLIT, $%d-72\n", name, 4*mr*nr)
	a.i("MOVQ k+0(FP), CX")
	a.i("MOVQ a+8(FP), SI")
	a.i("MOVQ off+16(FP), DI")
	a.i("MOVQ x+24(FP), R10")
	a.i("MOVQ c+32(FP), DX")
	a.i("MOVQ bias+40(FP), AX")
	a.i("MOVQ ldc+48(FP), R8")
	a.i("SHLQ $2, R8")
	a.i("MOVQ rows+56(FP), BX")
	a.i("MOVQ cols+64(FP), R9")

	a.c("acc = the row's bias, or 0")
	a.i("TESTQ AX, AX")
	a.i("JEQ zero")
	for i := 0; i < mr; i++ {
		a.i("VBROADCASTSS %d(AX), %s", 4*i, acc(i, 0))
		a.i("VMOVAPS %s, %s", acc(i, 0), acc(i, 1))
	}
	a.i("JMP compute")
	a.l("zero")
	for i := 0; i < mr; i++ {
		for v := 0; v < 2; v++ {
			a.i("VXORPS %s, %s, %s", acc(i, v), acc(i, v), acc(i, v))
		}
	}

	step := func(u int) {
		a.i("MOVLQSX %d(DI), R12", 4*u)
		a.i("VMOVUPS (R10)(R12*4), Y0")
		a.i("VMOVUPS 32(R10)(R12*4), Y1")
		for i := 0; i < mr; i++ {
			t := fmt.Sprintf("Y%d", 2+i%2)
			a.i("VBROADCASTSS %d(SI), %s", u*aStep+4*i, t)
			a.i("VFMADD231PS %s, Y0, %s", t, acc(i, 0))
			a.i("VFMADD231PS %s, Y1, %s", t, acc(i, 1))
		}
	}
	a.l("compute")
	kLoop(a, unroll, func(u int, _ bool) { step(u) }, func(steps int) {
		a.i("ADDQ $%d, SI", steps*aStep)
		a.i("ADDQ $%d, DI", 4*steps)
	})

	a.l("store")
	a.i("CMPQ R9, $%d", nr)
	a.i("JNE corner")
	a.i("MOVQ DX, R13")
	for i := 0; i < mr; i++ {
		if i > 0 {
			a.i("CMPQ BX, $%d", i)
			a.i("JLE done")
			a.i("ADDQ R8, R13")
		}
		a.i("VMOVUPS %s, (R13)", acc(i, 0))
		a.i("VMOVUPS %s, 32(R13)", acc(i, 1))
	}
	a.i("JMP done")
	a.c("a corner narrower than the tile: through the frame, element by element")
	a.l("corner")
	avx2StoreCorner(a, mr, acc)
}
