//go:build gc && !purego

#include "textflag.h"

// Canonical reductions on whole blocks of 16 elements (see reduce_amd64.go):
// lane l of the accumulator takes elements l, l+16, ... in order, one add
// (or one fused multiply-add) per element, so each lane is one dependency
// chain exactly as in the generic twin. The tail and the fold are in Go.

// func sumBlocksAVX512(acc *[16]float32, x []float32)
TEXT ·sumBlocksAVX512(SB), NOSPLIT, $0-32
	MOVQ    acc+0(FP), DI
	MOVQ    x_base+8(FP), SI
	MOVQ    x_len+16(FP), CX
	VMOVUPS (DI), Z0
	SHRQ    $4, CX
	JEQ     sum512done

sum512loop:
	VADDPS (SI), Z0, Z0
	ADDQ   $64, SI
	DECQ   CX
	JNE    sum512loop

sum512done:
	VMOVUPS Z0, (DI)
	VZEROUPPER
	RET

// func sumBlocksAVX2(acc *[16]float32, x []float32)
TEXT ·sumBlocksAVX2(SB), NOSPLIT, $0-32
	MOVQ    acc+0(FP), DI
	MOVQ    x_base+8(FP), SI
	MOVQ    x_len+16(FP), CX
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	SHRQ    $4, CX
	JEQ     sum2done

sum2loop:
	VADDPS (SI), Y0, Y0
	VADDPS 32(SI), Y1, Y1
	ADDQ   $64, SI
	DECQ   CX
	JNE    sum2loop

sum2done:
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VZEROUPPER
	RET

// func dotBlocksAVX512(acc *[16]float32, x, y []float32)
TEXT ·dotBlocksAVX512(SB), NOSPLIT, $0-56
	MOVQ    acc+0(FP), DI
	MOVQ    x_base+8(FP), SI
	MOVQ    x_len+16(FP), CX
	MOVQ    y_base+32(FP), DX
	VMOVUPS (DI), Z0
	SHRQ    $4, CX
	JEQ     dot512done

dot512loop:
	VMOVUPS     (SI), Z1
	VFMADD231PS (DX), Z1, Z0 // Z0 = x*y + Z0, one rounding
	ADDQ        $64, SI
	ADDQ        $64, DX
	DECQ        CX
	JNE         dot512loop

dot512done:
	VMOVUPS Z0, (DI)
	VZEROUPPER
	RET

// func dotBlocksAVX2(acc *[16]float32, x, y []float32)
TEXT ·dotBlocksAVX2(SB), NOSPLIT, $0-56
	MOVQ    acc+0(FP), DI
	MOVQ    x_base+8(FP), SI
	MOVQ    x_len+16(FP), CX
	MOVQ    y_base+32(FP), DX
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	SHRQ    $4, CX
	JEQ     dot2done

dot2loop:
	VMOVUPS     (SI), Y2
	VMOVUPS     32(SI), Y3
	VFMADD231PS (DX), Y2, Y0
	VFMADD231PS 32(DX), Y3, Y1
	ADDQ        $64, SI
	ADDQ        $64, DX
	DECQ        CX
	JNE         dot2loop

dot2done:
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VZEROUPPER
	RET

// MAXPS dst, v, acc computes (v > acc) ? v : acc: NaN elements and ties
// leave acc, as in the generic twin; NaNs are flagged by a separate
// unordered compare.

// func maxBlocksAVX512(acc *[16]float32, x []float32) (nan bool)
TEXT ·maxBlocksAVX512(SB), NOSPLIT, $0-33
	MOVQ    acc+0(FP), DI
	MOVQ    x_base+8(FP), SI
	MOVQ    x_len+16(FP), CX
	VMOVUPS (DI), Z0
	KXORW   K2, K2, K2
	SHRQ    $4, CX
	JEQ     max512done

max512loop:
	VMOVUPS (SI), Z1
	VMAXPS  Z0, Z1, Z0 // Intel: vmaxps z0, z1, z0
	VCMPPS  $3, Z1, Z1, K1 // unordered: z1 is NaN
	KORW    K1, K2, K2
	ADDQ    $64, SI
	DECQ    CX
	JNE     max512loop

max512done:
	VMOVUPS Z0, (DI)
	KMOVW   K2, AX
	TESTL   AX, AX
	SETNE   nan+32(FP)
	VZEROUPPER
	RET

// func maxBlocksAVX2(acc *[16]float32, x []float32) (nan bool)
TEXT ·maxBlocksAVX2(SB), NOSPLIT, $0-33
	MOVQ    acc+0(FP), DI
	MOVQ    x_base+8(FP), SI
	MOVQ    x_len+16(FP), CX
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	VXORPS  Y4, Y4, Y4
	SHRQ    $4, CX
	JEQ     max2done

max2loop:
	VMOVUPS (SI), Y2
	VMOVUPS 32(SI), Y3
	VMAXPS  Y0, Y2, Y0
	VMAXPS  Y1, Y3, Y1
	VCMPPS  $3, Y3, Y2, Y5 // unordered: y2 or y3 has a NaN in this lane
	VORPS   Y5, Y4, Y4
	ADDQ    $64, SI
	DECQ    CX
	JNE     max2loop

max2done:
	VMOVUPS   Y0, (DI)
	VMOVUPS   Y1, 32(DI)
	VMOVMSKPS Y4, AX
	TESTL     AX, AX
	SETNE     nan+32(FP)
	VZEROUPPER
	RET
