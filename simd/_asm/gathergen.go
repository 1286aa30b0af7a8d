package main

import "fmt"

// gatherFile writes ../gemm_gather_amd64.s: the AVX-512 micro-kernel whose
// A operand is read in place from an image instead of from a packed panel
// (see simd.GemmGatherT).
func gatherFile() []byte {
	var a asm
	a.WriteString(header)
	a.WriteString("//go:build gc && !purego\n\n#include \"textflag.h\"\n\n")
	// 14 rows: output pixels of the forward convolution. 7 rows: the taps
	// of one row of a 7x7 filter, for its weight gradient.
	for _, mr := range []int{14, 7} {
		gatherKernel(&a, mr)
	}
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
	step := func(u int) {
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
	a.i("MOVQ CX, R11")
	a.i("SHRQ $%d, R11", log2(unroll))
	a.i("JZ tail")
	a.l("loop")
	for u := 0; u < unroll; u++ {
		step(u)
	}
	a.i("ADDQ $%d, R9", 4*unroll)
	a.i("ADDQ $%d, DI", unroll*bStep)
	a.i("DECQ R11")
	a.i("JNZ loop")
	a.l("tail")
	a.i("ANDQ $%d, CX", unroll-1)
	a.i("JZ store")
	a.l("tail1")
	step(0)
	a.i("ADDQ $4, R9")
	a.i("ADDQ $%d, DI", bStep)
	a.i("DECQ CX")
	a.i("JNZ tail1")
	a.l("store")
	for i := 0; i < mr; i++ {
		a.i("VMOVUPS %s, %d(DX)", acc(i, 0), i*bStep)
		a.i("VMOVUPS %s, %d(DX)", acc(i, 1), i*bStep+64)
	}
	a.i("VZEROUPPER")
	a.i("RET")
	a.WriteString("\n")
}
